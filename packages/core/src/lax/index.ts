/**
 * The `lax` namespace: the primitives' functions, without NumPy's broadcasting and
 * promotion (as `jax.lax`).
 */
export { add, sub, mul, div, rem, pow, max, min, atan2, eq, ne, lt, le, gt, ge, and, or, xor, shiftLeft, shiftRightLogical, select, convertElementType } from "../primitives/binary.js";
export {
  neg,
  sign,
  floor,
  ceil,
  round,
  isFinite,
  not,
  abs,
  exp,
  exp2,
  log,
  log1p,
  expm1,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  asinh,
  acosh,
  atanh,
  sqrt,
  rsqrt,
  cbrt,
  logistic,
  integerPow,
} from "../primitives/unary.js";
export { broadcastInDim, reshape, transpose } from "../primitives/shape-ops.js";
export { reduceSum, reduceMax, reduceMin, reduceProd, reduceAnd, reduceOr, argmax, argmin } from "../primitives/reduce.js";
export { cumulative } from "../primitives/cumulative.js";
export type { CumulativeKind } from "../primitives/cumulative.js";
export { slice, pad, concatenate, rev } from "../primitives/slicing.js";
export { stopGradient } from "../primitives/stop-gradient.js";
export { dotGeneral, batchMatmul } from "../primitives/dot-general.js";
export type { DotGeneralParams } from "../primitives/dot-general.js";
export { cholesky } from "../primitives/linalg/cholesky.js";
export { triangularSolve } from "../primitives/linalg/triangular-solve.js";
export type { TriangularSolveParams } from "../primitives/linalg/triangular-solve.js";
export { lu } from "../primitives/linalg/lu.js";
export { lgamma, digamma, polygamma, erf, erfc, erfInv, ndtr, ndtri, logNdtr, igamma, igammac } from "../primitives/special.js";
export { gather, takeAlongAxis } from "../primitives/gather.js";
export type { IndexMode } from "../primitives/gather.js";
export { scatterAdd, scatter } from "../primitives/scatter.js";
export { sort } from "../primitives/sort.js";
export { cond, switchCase as switch, switchCase, whileLoop, forILoop, scan, map } from "./control-flow.js";
export type { ScanOptions } from "./control-flow.js";
