/**
 * `cond`: run one of several branches, chosen by an integer index. Branches take the same
 * operands (including every branch's captured values) and return the same avals.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { type Primitive, Zero, definePrimitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { vmapFlat } from "../../interpreters/batching.js";
import { broadcastInDim } from "../shape-ops.js";
import { convertElementType, eq, select } from "../binary.js";
import { scalar } from "../constants.js";
import { type Body, batchBody, batchedAt0, jvpBody } from "./body.js";

interface CondParams {
  branches: Body[];
}

function clampIndex(i: number, n: number): number {
  return Math.min(Math.max(Math.trunc(i), 0), n - 1);
}

// Outputs of every branch combined by the (possibly traced) index: a chain of selects.
function selectBranches(index: Array, outs: Array[][]): Array[] {
  return outs[0].map((_, k) => {
    let acc = outs[outs.length - 1][k];
    for (let b = outs.length - 2; b >= 0; b--) {
      const here = eq(index, scalar(b, "int32"));
      const pred = acc.ndim === 0 ? here : broadcastInDim(here, acc.shape, index.ndim === 0 ? [] : [0]);
      acc = select(pred, outs[b][k], acc);
    }
    return acc;
  });
}

export const condP: Primitive<CondParams> = definePrimitive<CondParams>({
  name: "cond",
  abstractEval: (_avals, { branches }) => branches[0].outAvals,
  impl: ([index, ...args], { branches }) => branches[clampIndex(index.data[0], branches.length)].run(args),
  jvp: ([index, ...args], [, ...tangents], { branches }) => {
    const nonzero = tangents.map((t) => !(t instanceof Zero));
    // Every branch must produce the same tangent structure: the union of non-zero outputs.
    const outNz = branches.map((b) => jvpBody(b, nonzero, b.outAvals.map(() => false))[1]);
    const union = outNz[0].map((_, k) => outNz.some((o) => o[k]));
    const jvps = branches.map((b) => jvpBody(b, nonzero, union));
    const outs = bind(condP, [index, ...args, ...(tangents.filter((_, i) => nonzero[i]) as Array[])], {
      branches: jvps.map(([b]) => b),
    });
    const n = branches[0].outAvals.length;
    let k = n;
    return [outs.slice(0, n), branches[0].outAvals.map((a, i) => (union[i] ? outs[k++] : new Zero(a)))];
  },
  batch: ([index, ...args], [indexDim, ...dims], { branches }) => {
    const size = (indexDim !== null ? index.shape[indexDim] : args[dims.findIndex((d) => d !== null)].shape[dims.find((d) => d !== null)!]);
    const [moved, batched] = batchedAt0(args, dims, size);
    if (indexDim !== null) {
      // A batched index: every branch runs on the whole batch and the index selects.
      const idx = indexDim === 0 ? index : broadcastInDim(index, [size], [0]);
      const outs = branches.map((b) => vmapFlat((...ys) => b.eval(ys), size, batched.map((x) => (x ? 0 : null)), () => 0, moved));
      return [selectBranches(idx, outs), outs[0].map(() => 0)];
    }
    const outB = branches.map((b) => batchBody(b, size, batched, b.outAvals.map(() => false))[1]);
    const force = outB[0].map((_, k) => outB.some((o) => o[k]));
    const newBranches = branches.map((b) => batchBody(b, size, batched, force)[0]);
    const outs = bind(condP, [index, ...moved], { branches: newBranches });
    return [outs, force.map((f) => (f ? 0 : null))];
  },
  // Under linearisation a known concrete index picks its branch now; otherwise every
  // branch is evaluated and the index selects (as vmap of a cond does).
  partialEval: ([index, ...args], [knownIndex], { branches }) => {
    if (knownIndex instanceof ConcreteArray) return branches[clampIndex(knownIndex.data[0], branches.length)].eval(args);
    const idx = convertElementType(index, "int32");
    return selectBranches(idx, branches.map((b) => b.eval(args)));
  },
  formatParams: ({ branches }) => `[branches=${branches.length}]`,
});
