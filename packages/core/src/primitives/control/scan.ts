/**
 * `scan`: loop a body over the leading axis of its `xs`, threading a carry and stacking the
 * per-step outputs. Differentiable in both modes (reverse mode through the classic split:
 * the known part runs now and stacks residuals; the linear part is transposed into a
 * reversed scan) and vectorisable.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { allocate } from "../../core/dtype.js";
import { type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { range } from "../../core/shape.js";
import { instantiate } from "../../core/tangent.js";
import { PartialVal, partialEvalFlat } from "../../interpreters/partial-eval.js";
import { type Jaxpr, evalJaxpr, printJaxpr } from "../../interpreters/jaxpr.js";
import { backwardPass } from "../../interpreters/transpose.js";
import { addAny } from "../add-any.js";
import { moveaxis, matchAxis } from "../../interpreters/batching.js";
import { type Body, batchBody, jvpBody, traceDerived } from "./body.js";
import { full } from "../constants.js";

/** Parameters: the body takes [consts, carry, x slices] and returns [carry, y slices]. */
export interface ScanParams {
  body: Body;
  numConsts: number;
  numCarry: number;
  length: number;
  reverse: boolean;
  /** False for the linear half of a split scan (it is not split again). */
  split: boolean;
}

function stacked(a: ShapedArray, length: number): ShapedArray {
  return new ShapedArray([length, ...a.shape], a.dtype, a.weakType);
}

export const scanP: Primitive<ScanParams> = definePrimitive<ScanParams>({
  name: "scan",
  abstractEval: (_avals, p) => {
    const outs = p.body.outAvals;
    return [...outs.slice(0, p.numCarry), ...outs.slice(p.numCarry).map((a) => stacked(a, p.length))];
  },
  impl: (args, p) => {
    const consts = args.slice(0, p.numConsts);
    let carry = args.slice(p.numConsts, p.numConsts + p.numCarry);
    const xs = args.slice(p.numConsts + p.numCarry);
    const yAvals = p.body.outAvals.slice(p.numCarry);
    const ys = yAvals.map((a) => allocate(a.dtype, a.size * p.length));
    for (let k = 0; k < p.length; k++) {
      const i = p.reverse ? p.length - 1 - k : k;
      const x = xs.map((a) => {
        const n = a.size / p.length;
        return new ConcreteArray(a.data.subarray(i * n, (i + 1) * n), a.shape.slice(1), a.dtype, a.weakType);
      });
      const outs = p.body.run([...consts, ...carry, ...x]);
      carry = outs.slice(0, p.numCarry);
      outs.slice(p.numCarry).forEach((y, j) => ys[j].set(y.data, i * yAvals[j].size));
    }
    return [...carry, ...ys.map((d, j) => new ConcreteArray(d, [p.length, ...yAvals[j].shape], yAvals[j].dtype, yAvals[j].weakType))];
  },
  jvp: (primals, tangents, p) => {
    const nc = p.numConsts;
    const nk = p.numCarry;
    const nz = tangents.map((t) => !(t instanceof Zero));
    const constNz = nz.slice(0, nc);
    const xsNz = nz.slice(nc + nk);
    let carryNz = nz.slice(nc, nc + nk);
    for (;;) {
      const [, outNz] = jvpBody(p.body, [...constNz, ...carryNz, ...xsNz], p.body.outAvals.map(() => false));
      const next = carryNz.map((z, i) => z || outNz[i]);
      if (next.every((z, i) => z === carryNz[i])) break;
      carryNz = next;
    }
    const inst = [...carryNz, ...p.body.outAvals.slice(nk).map(() => false)];
    const [jb, outNz] = jvpBody(p.body, [...constNz, ...carryNz, ...xsNz], inst);
    const yNz = outNz.slice(nk);
    // Re-order the JVP body's inputs [consts, carry, xs, tConsts, tCarry, tXs] into the scan
    // layout [consts, tConsts, carry, tCarry, xs, tXs], and its outputs likewise.
    const avals = p.body.inAvals;
    const pick = (from: number, to: number, mask: boolean[]) => avals.slice(from, to).filter((_, i) => mask[i]).map((a) => a.strengthen());
    const cA = avals.slice(0, nc);
    const kA = avals.slice(nc, nc + nk);
    const xA = avals.slice(nc + nk);
    const tcA = pick(0, nc, constNz);
    const tkA = pick(nc, nc + nk, carryNz);
    const txA = pick(nc + nk, avals.length, xsNz);
    const body = traceDerived(
      (...v) => {
        let o = 0;
        const take = (n: number) => v.slice(o, (o += n));
        const c = take(cA.length);
        const tc = take(tcA.length);
        const k = take(kA.length);
        const tk = take(tkA.length);
        const x = take(xA.length);
        const tx = take(txA.length);
        const outs = jb.eval([...c, ...k, ...x, ...tc, ...tk, ...tx]);
        const nOut = p.body.outAvals.length;
        const prim = outs.slice(0, nOut);
        const tan = outs.slice(nOut);
        const nCarryT = carryNz.filter(Boolean).length;
        return [...prim.slice(0, nk), ...tan.slice(0, nCarryT), ...prim.slice(nk), ...tan.slice(nCarryT)];
      },
      [...cA, ...tcA, ...kA, ...tkA, ...xA, ...txA],
    );
    const sel = (from: number, to: number, mask: boolean[]) =>
      tangents.slice(from, to).map((t, i) => (mask[i] ? instantiate(t) : null)).filter((t): t is Array => t !== null);
    const tk0 = primals.slice(nc, nc + nk).map((_x, i) => (carryNz[i] ? instantiate(tangents[nc + i]) : null)).filter((t): t is Array => t !== null);
    const outs = bind(
      scanP,
      [...primals.slice(0, nc), ...sel(0, nc, constNz), ...primals.slice(nc, nc + nk), ...tk0, ...primals.slice(nc + nk), ...sel(nc + nk, primals.length, xsNz)],
      { ...p, body, numConsts: nc + tcA.length, numCarry: nk + tkA.length },
    );
    const nCarryT = tkA.length;
    const carryOut = outs.slice(0, nk);
    const carryT = outs.slice(nk, nk + nCarryT);
    const ysOut = outs.slice(nk + nCarryT, nk + nCarryT + (p.body.outAvals.length - nk));
    const ysT = outs.slice(nk + nCarryT + ysOut.length);
    let a = 0;
    let b = 0;
    const carryTangents: Tangent[] = kA.map((av, i) => (carryNz[i] ? carryT[a++] : new Zero(av)));
    const yTangents: Tangent[] = ysOut.map((y, i) => (yNz[i] ? ysT[b++] : new Zero(y.aval)));
    return [[...carryOut, ...ysOut], [...carryTangents, ...yTangents]];
  },
  batch: (args, dims, p) => {
    const nc = p.numConsts;
    const nk = p.numCarry;
    const size = args[dims.findIndex((d) => d !== null)].shape[dims.find((d) => d !== null)!];
    const batched = dims.map((d) => d !== null);
    const constB = batched.slice(0, nc);
    const xsB = batched.slice(nc + nk);
    let carryB = batched.slice(nc, nc + nk);
    for (;;) {
      const [, outB] = batchBody(p.body, size, [...constB, ...carryB, ...xsB], p.body.outAvals.map(() => false));
      const next = carryB.map((b, i) => b || outB[i]);
      if (next.every((b, i) => b === carryB[i])) break;
      carryB = next;
    }
    const force = [...carryB, ...p.body.outAvals.slice(nk).map(() => false)];
    const [body, outB] = batchBody(p.body, size, [...constB, ...carryB, ...xsB], force);
    // Consts and carries batch at axis 0, xs at axis 1 (axis 0 is the scanned one).
    const moved = args.map((a, i) => {
      if (i < nc) return dims[i] === null ? a : matchAxis(a, dims[i], size, 0);
      if (i < nc + nk) return carryB[i - nc] ? matchAxis(a, dims[i], size, 0) : a;
      return dims[i] === null ? a : moveaxis(a, dims[i]!, 1);
    });
    const outs = bind(scanP, moved, { ...p, body });
    return [outs, outs.map((_, i) => (i < nk ? (carryB[i] ? 0 : null) : outB[i] ? 1 : null))];
  },
  partialEval: (args, known, p) => (p.split ? splitScan(args, known, p) : null),
  transpose: (cts, args, p) => transposeScan(cts, args, p),
  formatParams: (p) =>
    `[length=${p.length} consts=${p.numConsts} carry=${p.numCarry}${p.reverse ? " reverse" : ""}]\n      ${printJaxpr(p.body.jaxpr, p.body.closed.length).replace(/\n/g, "\n      ")}`,
});

// Which body outputs are unknown given which inputs are (data dependence).
function unknownOuts(body: Body, inUnknown: boolean[]): boolean[] {
  const unk = new Set(body.jaxpr.inBinders.filter((_, i) => inUnknown[i]));
  for (const e of body.jaxpr.eqns) if (e.inputs.some((a) => unk.has(a as never))) e.outBinders.forEach((v) => unk.add(v));
  return body.jaxpr.outs.map((a) => unk.has(a as never));
}

// Partial evaluation: the known part runs now as its own scan and stacks the residuals the
// unknown (linear) part needs; the unknown part is staged as a scan over those residuals.
function splitScan(args: Array[], known: (Array | null)[], p: ScanParams): Array[] | null {
  const nc = p.numConsts;
  const nk = p.numCarry;
  const inUnk = known.map((k) => k === null);
  let carryUnk = inUnk.slice(nc, nc + nk);
  for (;;) {
    const out = unknownOuts(p.body, [...inUnk.slice(0, nc), ...carryUnk, ...inUnk.slice(nc + nk)]);
    const next = carryUnk.map((u, i) => u || out[i]);
    if (next.every((u, i) => u === carryUnk[i])) break;
    carryUnk = next;
  }
  const bodyUnk = [...inUnk.slice(0, nc), ...carryUnk, ...inUnk.slice(nc + nk)];
  if (bodyUnk.every((u) => u)) return null;
  const avals = p.body.inAvals;
  const knownIdx = range(avals.length).filter((i) => !bodyUnk[i]);
  const unkIdx = range(avals.length).filter((i) => bodyUnk[i]);
  const outAvals = p.body.outAvals;
  const ySlots = outAvals.length - nk;
  const instantiateOut = [...carryUnk, ...new globalThis.Array<boolean>(ySlots).fill(false)];
  let unknownJaxpr: { jaxpr: Jaxpr; numRes: number; outUnk: boolean[] } | null = null;
  // The known body: known inputs → [known outputs…, residuals…].
  const knownBody = traceDerived(
    (...kin) => {
      const pvals = avals.map((a, i) => (bodyUnk[i] ? PartialVal.unknown(a) : PartialVal.known(kin[knownIdx.indexOf(i)])));
      const { jaxpr, consts, pvalsOut } = partialEvalFlat((...xs) => p.body.eval(xs), pvals, instantiateOut);
      unknownJaxpr = { jaxpr, numRes: consts.length, outUnk: pvalsOut.map((v) => !v.isKnown) };
      return [...pvalsOut.filter((v) => v.isKnown).map((v) => v.known!), ...consts];
    },
    knownIdx.map((i) => avals[i]),
  );
  const uj = unknownJaxpr!;
  const outUnk = uj.outUnk;
  // Known body's layout for a scan: consts = known consts, carry = known carries,
  // xs = known xs; outputs: known carries, known ys, residuals (stacked as ys).
  const kConsts = knownIdx.filter((i) => i < nc);
  const kCarry = knownIdx.filter((i) => i >= nc && i < nc + nk);
  const knownOuts = bind(scanP, knownIdx.map((i) => known[i]!), {
    body: knownBody,
    numConsts: kConsts.length,
    numCarry: kCarry.length,
    length: p.length,
    reverse: p.reverse,
    split: true,
  });
  const nKnownCarryOut = outUnk.slice(0, nk).filter((u) => !u).length;
  const nKnownYs = outUnk.slice(nk).filter((u) => !u).length;
  const residuals = knownOuts.slice(nKnownCarryOut + nKnownYs);
  // The unknown body: [residuals, unknown inputs] → unknown outputs; as a scan its layout is
  // consts = unknown consts, carry = unknown carries, xs = [residuals, unknown xs].
  const resAvals = uj.jaxpr.inBinders.slice(0, uj.numRes).map((v) => v.aval);
  const uConsts = unkIdx.filter((i) => i < nc);
  const uCarry = unkIdx.filter((i) => i >= nc && i < nc + nk);
  const uXs = unkIdx.filter((i) => i >= nc + nk);
  const unknownBody = traceDerived(
    (...v) => {
      const c = v.slice(0, uConsts.length);
      const k = v.slice(uConsts.length, uConsts.length + uCarry.length);
      const r = v.slice(uConsts.length + uCarry.length, uConsts.length + uCarry.length + uj.numRes);
      const x = v.slice(uConsts.length + uCarry.length + uj.numRes);
      return evalJaxpr(uj.jaxpr, [...r, ...c, ...k, ...x]);
    },
    [...uConsts.map((i) => avals[i]), ...uCarry.map((i) => avals[i]), ...resAvals, ...uXs.map((i) => avals[i])],
  );
  const unknownOutsArr = bind(scanP, [...uConsts.map((i) => args[i]), ...uCarry.map((i) => args[i]), ...residuals, ...uXs.map((i) => args[i])], {
    body: unknownBody,
    numConsts: uConsts.length,
    numCarry: uCarry.length,
    length: p.length,
    reverse: p.reverse,
    split: false,
  });
  // Reassemble in the original output order.
  let ki = 0;
  let ui = 0;
  const kCarryOuts = knownOuts.slice(0, nKnownCarryOut);
  const kYs = knownOuts.slice(nKnownCarryOut, nKnownCarryOut + nKnownYs);
  const uCarryOuts = unknownOutsArr.slice(0, uCarry.length);
  const uYs = unknownOutsArr.slice(uCarry.length);
  let kyi = 0;
  let uyi = 0;
  return outAvals.map((_, j) => {
    if (j < nk) return outUnk[j] ? uCarryOuts[ui++] : kCarryOuts[ki++];
    return outUnk[j] ? uYs[uyi++] : kYs[kyi++];
  });
}


// Transpose of a linear scan: a scan in the opposite direction whose carry holds the
// cotangents of the carries and the accumulated cotangents of the linear consts, and whose
// per-step outputs are the cotangents of the linear xs. Residual (non-linear) operands are
// read as they are.
function transposeScan(cts: Tangent[], args: (Array | UndefPrimal)[], p: ScanParams): (Tangent | null)[] {
  const nc = p.numConsts;
  const nk = p.numCarry;
  const lin = args.map((a) => a instanceof UndefPrimal);
  const avals = p.body.inAvals;
  const cLin = range(nc).filter((i) => lin[i]);
  const cRes = range(nc).filter((i) => !lin[i]);
  const xLin = range(args.length).filter((i) => i >= nc + nk && lin[i]);
  const xRes = range(args.length).filter((i) => i >= nc + nk && !lin[i]);
  // A carry is linear in the body even when its initial value is a known constant (e.g. an
  // instantiated zero tangent); that initial value simply gets no cotangent.
  const ctCarry = cts.slice(0, nk).map((c, i) => instantiate(c instanceof Zero ? new Zero(avals[nc + i]) : c));
  const ctYs = cts.slice(nk).map((c, i) => instantiate(c instanceof Zero ? new Zero(stacked(p.body.outAvals[nk + i], p.length)) : c));
  // Body of the transposed scan: consts = residual consts; carry = [ct of linear consts
  // (accumulated), ct of carries]; xs = [residual xs, ct of ys].
  const tBody = traceDerived(
    (...v) => {
      let o = 0;
      const take = (n: number) => v.slice(o, (o += n));
      const resC = take(cRes.length);
      const accC = take(cLin.length);
      const ctK = take(nk);
      const resX = take(xRes.length);
      const ctY = take(p.body.outAvals.length - nk);
      const bodyArgs: (Array | UndefPrimal)[] = avals.map((a, i) => {
        if (i < nc) return lin[i] ? new UndefPrimal(a) : resC[cRes.indexOf(i)];
        if (i < nc + nk) return new UndefPrimal(a);
        return lin[i] ? new UndefPrimal(a) : resX[xRes.indexOf(i)];
      });
      const ctsIn = backwardPass(p.body.jaxpr, bodyArgs, [...ctK, ...ctY]).map(instantiate);
      const newAcc = cLin.map((i, k) => addAny(accC[k], ctsIn[i]));
      return [...newAcc, ...range(nk, nc).map((i) => ctsIn[i]), ...xLin.map((i) => ctsIn[i])];
    },
    [
      ...cRes.map((i) => avals[i]),
      ...cLin.map((i) => avals[i]),
      ...avals.slice(nc, nc + nk),
      ...xRes.map((i) => avals[i]),
      ...p.body.outAvals.slice(nk),
    ],
  );
  const zerosC = cLin.map((i) => full(avals[i].shape, 0, avals[i].dtype));
  const outs = bind(scanP, [...cRes.map((i) => args[i] as Array), ...zerosC, ...ctCarry, ...xRes.map((i) => args[i] as Array), ...ctYs], {
    body: tBody,
    numConsts: cRes.length,
    numCarry: cLin.length + nk,
    length: p.length,
    reverse: !p.reverse,
    split: false,
  });
  const ctC = outs.slice(0, cLin.length);
  const ctInit = outs.slice(cLin.length, cLin.length + nk);
  const ctXs = outs.slice(cLin.length + nk);
  return args.map((_, i) => {
    if (!lin[i]) return null;
    if (i >= nc && i < nc + nk) return ctInit[i - nc];
    if (i < nc) return ctC[cLin.indexOf(i)];
    if (i < nc + nk) return ctInit[i - nc];
    return ctXs[xLin.indexOf(i)];
  });
}

