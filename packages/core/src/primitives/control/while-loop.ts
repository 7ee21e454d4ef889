/**
 * `while`: repeat a body while a predicate holds. Forward-mode differentiable and
 * vectorisable; reverse mode needs a static trip count (use forILoop or scan).
 */
import { type Array } from "../../core/array.js";
import { type Primitive, Zero, definePrimitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { broadcastInDim } from "../shape-ops.js";
import { select } from "../binary.js";
import { reduceOr } from "../reduce.js";
import { range } from "../../core/shape.js";
import { type Body, batchBody, batchedAt0, jvpBody, traceDerived } from "./body.js";

interface WhileParams {
  cond: Body;
  body: Body;
  numCondConsts: number;
  numBodyConsts: number;
}

export const whileP: Primitive<WhileParams> = definePrimitive<WhileParams>({
  name: "while",
  abstractEval: (avals, p) => avals.slice(p.numCondConsts + p.numBodyConsts),
  impl: (args, p) => {
    const cc = args.slice(0, p.numCondConsts);
    const bc = args.slice(p.numCondConsts, p.numCondConsts + p.numBodyConsts);
    let carry = args.slice(p.numCondConsts + p.numBodyConsts);
    while (p.cond.run([...cc, ...carry])[0].data[0]) carry = p.body.run([...bc, ...carry]);
    return carry;
  },
  jvp: (primals, tangents, p) => {
    const nc = p.numCondConsts;
    const nb = p.numBodyConsts;
    const bcNz = tangents.slice(nc, nc + nb).map((t) => !(t instanceof Zero));
    let carryNz = tangents.slice(nc + nb).map((t) => !(t instanceof Zero));
    // Which carry tangents are non-zero: a fixed point over the body.
    for (;;) {
      const [, outNz] = jvpBody(p.body, [...bcNz, ...carryNz], carryNz.map(() => false));
      const next = carryNz.map((z, i) => z || outNz[i]);
      if (next.every((z, i) => z === carryNz[i])) break;
      carryNz = next;
    }
    const [jb] = jvpBody(p.body, [...bcNz, ...carryNz], carryNz);
    const nCarry = carryNz.length;
    const nBcT = bcNz.filter(Boolean).length;
    const nCarryT = carryNz.filter(Boolean).length;
    const carryAvals = primals.slice(nc + nb).map((x) => x.aval);
    const tAvals = carryAvals.filter((_, i) => carryNz[i]).map((a) => a.strengthen());
    const bcAvals = primals.slice(nc, nc + nb).map((x) => x.aval);
    const bcTAvals = bcAvals.filter((_, i) => bcNz[i]).map((a) => a.strengthen());
    // New layout: body consts [bc, bcT], carry [carry, carryT]; the JVP body takes
    // [bc, carry, bcT, carryT].
    const body = traceDerived(
      (...xs) => {
        const bc = xs.slice(0, nb);
        const bcT = xs.slice(nb, nb + nBcT);
        const carry = xs.slice(nb + nBcT, nb + nBcT + nCarry);
        const carryT = xs.slice(nb + nBcT + nCarry);
        return jb.eval([...bc, ...carry, ...bcT, ...carryT]);
      },
      [...bcAvals, ...bcTAvals, ...carryAvals, ...tAvals],
    );
    const cond = traceDerived((...xs) => p.cond.eval(xs.slice(0, nc + nCarry)), [...primals.slice(0, nc).map((x) => x.aval), ...carryAvals, ...tAvals]);
    const outs = bind(
      whileP,
      [
        ...primals.slice(0, nc),
        ...primals.slice(nc, nc + nb),
        ...(tangents.slice(nc, nc + nb).filter((_, i) => bcNz[i]) as Array[]),
        ...primals.slice(nc + nb),
        ...(tangents.slice(nc + nb).filter((_, i) => carryNz[i]) as Array[]),
      ],
      { cond, body, numCondConsts: nc, numBodyConsts: nb + nBcT },
    );
    let k = nCarry;
    return [outs.slice(0, nCarry), carryAvals.map((a, i) => (carryNz[i] ? outs[k++] : new Zero(a)))];
    void nCarryT;
  },
  batch: (args, dims, p) => {
    const size = args[dims.findIndex((d) => d !== null)].shape[dims.find((d) => d !== null)!];
    const nc = p.numCondConsts;
    const nb = p.numBodyConsts;
    const [moved, batched] = batchedAt0(args, dims, size);
    const ccB = batched.slice(0, nc);
    const bcB = batched.slice(nc, nc + nb);
    let carryB = batched.slice(nc + nb);
    for (;;) {
      const [, outB] = batchBody(p.body, size, [...bcB, ...carryB], carryB.map(() => false));
      const next = carryB.map((b, i) => b || outB[i]);
      if (next.every((b, i) => b === carryB[i])) break;
      carryB = next;
    }
    const [, predB] = batchBody(p.cond, size, [...ccB, ...carryB], [false]);
    const carryIn = moved.slice(nc + nb).map((x, i) => (carryB[i] && !batched[nc + nb + i] ? broadcastInDim(x, [size, ...x.shape], range(x.ndim, 1)) : x));
    if (!predB[0]) {
      const [body] = batchBody(p.body, size, [...bcB, ...carryB], carryB);
      const [cond] = batchBody(p.cond, size, [...ccB, ...carryB], [false]);
      const outs = bind(whileP, [...moved.slice(0, nc + nb), ...carryIn], { ...p, cond, body });
      return [outs, carryB.map((b) => (b ? 0 : null))];
    }
    // A batched predicate: run while any element continues; finished elements keep their
    // carry. Every carry is batched; the cond consts join the body's consts.
    const allB = carryB.map(() => true);
    const carryAll = moved.slice(nc + nb).map((x, i) => (carryB[i] || batched[nc + nb + i] ? carryIn[i] : broadcastInDim(x, [size, ...x.shape], range(x.ndim, 1))));
    const [condB] = batchBody(p.cond, size, [...ccB, ...allB], [true]);
    const [bodyB] = batchBody(p.body, size, [...bcB, ...allB], allB);
    const ccAvals = moved.slice(0, nc).map((x) => x.aval);
    const bcAvals = moved.slice(nc, nc + nb).map((x) => x.aval);
    const carryAvals = carryAll.map((x) => x.aval);
    const body = traceDerived(
      (...xs) => {
        const cc = xs.slice(0, nc);
        const bc = xs.slice(nc, nc + nb);
        const carry = xs.slice(nc + nb);
        const pred = condB.eval([...cc, ...carry])[0];
        const next = bodyB.eval([...bc, ...carry]);
        return next.map((n, i) => select(n.ndim === 1 ? pred : broadcastInDim(pred, n.shape, [0]), n, carry[i]));
      },
      [...ccAvals, ...bcAvals, ...carryAvals],
    );
    const cond = traceDerived((...xs) => [reduceOr(condB.eval(xs)[0], [0])], [...ccAvals, ...carryAvals]);
    const outs = bind(whileP, [...moved.slice(0, nc), ...moved.slice(0, nc), ...moved.slice(nc, nc + nb), ...carryAll], {
      cond,
      body,
      numCondConsts: nc,
      numBodyConsts: nc + nb,
    });
    return [outs, outs.map(() => 0)];
  },
  partialEval: () => {
    throw new Error(
      "Reverse-mode differentiation (grad, vjp, jacrev) of lax.whileLoop is not supported: its trip count is only known at run time. " +
        "Use lax.forILoop with static bounds or lax.scan, or forward mode (jvp, jacfwd).",
    );
  },
  formatParams: (p) => `[cond_consts=${p.numCondConsts} body_consts=${p.numBodyConsts}]`,
});
