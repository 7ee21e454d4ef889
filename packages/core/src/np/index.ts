/**
 * The `np` namespace: NumPy's API over Orrery arrays (as `jax.numpy`).
 */
export { array, asArray as asarray, asArray, broadcastArrays, broadcastTo, resultType } from "./core.js";
export type { ArrayLike, NestedArray } from "./core.js";
export * from "./creation.js";
export * from "./elementwise.js";
export {
  sum,
  mean,
  prod,
  max,
  min,
  amax,
  amin,
  argmax,
  argmin,
  var_ as var,
  std,
  any,
  all,
  cumsum,
  cumprod,
  cummax,
  cummin,
} from "./reductions.js";
export type { ReduceOptions, VarOptions } from "./reductions.js";
export {
  reshape,
  transpose,
  moveaxis,
  swapaxes,
  expandDims,
  squeeze,
  ravel,
  concatenate,
  stack,
  vstack,
  hstack,
  atleast1d,
  atleast2d,
  split,
  tile,
  repeat,
  flip,
} from "./shape.js";
export { matmul, dot, vdot, inner, outer, tensordot, trace, diagonal, linalg } from "./linalg.js";
export type { SolveTriangularOptions } from "./linalg.js";
export { einsum } from "./einsum.js";
export { pad } from "./pad.js";
export { tri, tril, triu } from "./triangle.js";
export type { PadMode, PadOptions, PadWidth } from "./pad.js";
export { index, at, take, takeAlongAxis, s, newaxis, IndexSlice, IndexUpdateRef } from "./indexing.js";
export type { IndexSpec } from "./indexing.js";
export { sort, argsort, lexsort, searchsorted, unique } from "./sorting.js";
export type { SortOptions, UniqueOptions, UniqueResult } from "./sorting.js";
