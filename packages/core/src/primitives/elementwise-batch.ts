/**
 * The batching rule shared by elementwise primitives: align every operand's batch dim.
 * Rank-0 operands (scalars) may stand beside arrays of any shape.
 */
import { type Array } from "../core/array.js";
import { type BDim } from "../core/primitive.js";
import { batchSize, matchAxis, moveaxis } from "../interpreters/batching.js";
import { broadcastInDim } from "./shape-ops.js";

/**
 * Bring operands of an elementwise primitive to a common batch dim (the first batched
 * operand's), broadcasting unbatched ones; unbatched scalars stay scalars. Returns the
 * aligned operands and that dim.
 */
export function alignBatched(args: Array[], dims: BDim[], keepScalars = true): [Array[], number] {
  const size = batchSize(args, dims);
  const unbatchedRank = (i: number) => args[i].ndim - (dims[i] === null ? 0 : 1);
  let outShape: readonly number[] = [];
  args.forEach((a, i) => {
    if (unbatchedRank(i) > outShape.length) outShape = dims[i] === null ? a.shape : a.shape.filter((_, k) => k !== dims[i]);
  });
  const first = dims.findIndex((d) => d !== null);
  const to = Math.min(dims[first]!, outShape.length);
  const full = [...outShape.slice(0, to), size, ...outShape.slice(to)];
  const aligned = args.map((a, i) => {
    const d = dims[i];
    if (d === null) return a.ndim === 0 && keepScalars ? a : matchAxis(a.ndim === 0 && outShape.length > 0 ? broadcastInDim(a, outShape, []) : a, null, size, to);
    if (a.ndim === 1 && outShape.length > 0) return broadcastInDim(a, full, [to]);
    return moveaxis(a, d, to);
  });
  return [aligned, to];
}

/**
 * A batching rule for an elementwise primitive applied by `apply`; `keepScalars` when the
 * primitive broadcasts rank-0 operands itself.
 */
export function elementwiseBatch<P>(apply: (args: Array[], params: P) => Array, keepScalars = true) {
  return (args: Array[], dims: BDim[], params: P): [Array[], BDim[]] => {
    const [aligned, d] = alignBatched(args, dims, keepScalars);
    return [[apply(aligned, params)], [d]];
  };
}
