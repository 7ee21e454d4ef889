/**
 * NumPy reductions with `axis` and `keepdims`: sum, mean, prod, max, min, argmax, argmin,
 * var, std, any, all, cumsum, cumprod, cummax, cummin.
 */
import { type Array } from "../core/array.js";
import { type DType, defaultFloatDtype, isFloat } from "../core/dtype.js";
import { fmtShape, normalizeAxes, normalizeAxis, shapeSize } from "../core/shape.js";
import * as r from "../primitives/reduce.js";
import { cumulative } from "../primitives/cumulative.js";
import { convertElementType, div, mul, ne, sub } from "../primitives/binary.js";
import { reshape } from "../primitives/shape-ops.js";
import { sqrt } from "../primitives/unary.js";
import { fullLike } from "../primitives/constants.js";
import { type ArrayLike, asArray, broadcastTo } from "./core.js";

/** Options of the reductions. */
export interface ReduceOptions {
  /** Axis or axes to reduce (default: all). Negative counts from the end. */
  axis?: number | number[] | null;
  /** Keep reduced axes with size 1 (default false). */
  keepdims?: boolean;
}

/** An axis given positionally (`np.sum(x, 1)`, as in NumPy) or the options object. */
export type AxisOr<O> = O | number | readonly number[] | null;

/** The options object of `given`: a number or list of numbers is the `axis`. */
function optionsOf<O extends object>(given: AxisOr<O> | undefined, where: string): O {
  if (given === undefined || given === null) return {} as O;
  if (typeof given === "number" || globalThis.Array.isArray(given)) return { axis: given } as O;
  if (typeof given !== "object") throw new TypeError(`np.${where}: the second argument is the axis or an options object ({ axis, keepdims }); got ${String(given)}`);
  return given as O;
}

function keep(y: Array, x: Array, axes: number[], keepdims: boolean | undefined): Array {
  if (!keepdims) return y;
  return reshape(y, x.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
}

function sumDtype(x: Array): Array {
  return x.dtype === "bool" ? convertElementType(x, "int32") : x;
}

/**
 * Sum of elements over `axis` (all by default). Bools count as int32.
 *
 * @example
 * ```ts
 * np.sum(np.array([[1, 2], [3, 4]]), { axis: 0 }); // [4, 6]
 * np.sum(np.array([[1, 2], [3, 4]]), 1); // [3, 7] (the axis positionally, as NumPy)
 * ```
 */
export function sum(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "sum");
  const a = sumDtype(asArray(x));
  const axes = normalizeAxes(options.axis, a.ndim, "sum");
  return keep(r.reduceSum(a, axes), a, axes, options.keepdims);
}

/**
 * Arithmetic mean over `axis` (integers give floats).
 *
 * @example
 * ```ts
 * np.mean(np.array([1, 2, 3, 4])); // 2.5
 * ```
 */
export function mean(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "mean");
  let a = asArray(x);
  if (!isFloat(a.dtype)) a = convertElementType(a, defaultFloatDtype(), a.weakType);
  const axes = normalizeAxes(options.axis, a.ndim, "mean");
  const n = axes.reduce((k, i) => k * a.shape[i], 1);
  const s = r.reduceSum(a, axes);
  return keep(div(s, fullLike(s, n)), a, axes, options.keepdims);
}

/**
 * Product over `axis`.
 *
 * @example
 * ```ts
 * np.prod(np.array([1, 2, 3, 4])); // 24
 * ```
 */
export function prod(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "prod");
  const a = sumDtype(asArray(x));
  const axes = normalizeAxes(options.axis, a.ndim, "prod");
  return keep(r.reduceProd(a, axes), a, axes, options.keepdims);
}

function checkNonEmpty(a: Array, axes: number[], where: string): void {
  if (axes.some((i) => a.shape[i] === 0)) throw new Error(`${where}: zero-size reduction axis in shape [${a.shape}] has no identity`);
}

/**
 * Maximum over `axis` (NaN propagates).
 *
 * @example
 * ```ts
 * np.max(np.array([[1, 5], [3, 2]]), { axis: 1 }); // [5, 3]
 * ```
 */
export function max(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "max");
  const a = asArray(x);
  const axes = normalizeAxes(options.axis, a.ndim, "max");
  checkNonEmpty(a, axes, "max");
  return keep(r.reduceMax(a, axes), a, axes, options.keepdims);
}

/** Minimum over `axis` (NaN propagates). @example np.min(np.array([3, 1, 2])); // 1 */
export function min(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "min");
  const a = asArray(x);
  const axes = normalizeAxes(options.axis, a.ndim, "min");
  checkNonEmpty(a, axes, "min");
  return keep(r.reduceMin(a, axes), a, axes, options.keepdims);
}
/** Alias of `max`. */
export const amax = max;
/** Alias of `min`. */
export const amin = min;

function argReduce(kind: "argmax" | "argmin", x: ArrayLike, options: { axis?: number | null; keepdims?: boolean }): Array {
  const x0 = asArray(x);
  if (x0.size === 0 && (options.axis === undefined || options.axis === null || x0.shape[normalizeAxis(options.axis, x0.ndim, kind)] === 0)) {
    throw new Error(`${kind}: attempt to get ${kind} of an empty sequence (shape ${fmtShape(x0.shape)})`);
  }
  if (options.axis === undefined || options.axis === null) {
    // Over the flattened array; keepdims gives size-1 axes of the input's rank, as NumPy.
    const y = kind === "argmax" ? r.argmax(reshape(x0, [x0.size]), 0) : r.argmin(reshape(x0, [x0.size]), 0);
    return options.keepdims ? reshape(y, x0.shape.map(() => 1)) : y;
  }
  const axis = normalizeAxis(options.axis, x0.ndim, kind);
  const y = kind === "argmax" ? r.argmax(x0, axis) : r.argmin(x0, axis);
  return options.keepdims ? reshape(y, x0.shape.map((d, i) => (i === axis ? 1 : d))) : y;
}

/** Index of the maximum (flattened when no axis). @example np.argmax(np.array([1, 9, 3])); // 1 */
export function argmax(x: ArrayLike, axisOrOptions?: number | { axis?: number | null; keepdims?: boolean } | null): Array {
  return argReduce("argmax", x, optionsOf(axisOrOptions, "argmax"));
}

/** Index of the minimum (flattened when no axis). @example np.argmin(np.array([4, 0, 3])); // 1 */
export function argmin(x: ArrayLike, axisOrOptions?: number | { axis?: number | null; keepdims?: boolean } | null): Array {
  return argReduce("argmin", x, optionsOf(axisOrOptions, "argmin"));
}

/** Options of `var` and `std`. */
export interface VarOptions extends ReduceOptions {
  /** Delta degrees of freedom: divide by N - ddof (default 0). */
  ddof?: number;
}

/**
 * Variance over `axis`, dividing by N - ddof.
 *
 * @example
 * ```ts
 * np.var(np.array([1, 2, 3, 4])); // 1.25
 * np.var(np.array([1, 2, 3, 4]), { ddof: 1 }); // 1.666…
 * ```
 */
export function var_(x: ArrayLike, axisOrOptions?: AxisOr<VarOptions>): Array {
  return variance(x, optionsOf(axisOrOptions, "var"), "var");
}

function variance(x: ArrayLike, options: VarOptions, where: string): Array {
  let a = asArray(x);
  if (!isFloat(a.dtype)) a = convertElementType(a, defaultFloatDtype(), a.weakType);
  const axes = normalizeAxes(options.axis, a.ndim, where);
  const n = axes.reduce((k, i) => k * a.shape[i], 1);
  const m = mean(a, { axis: axes, keepdims: true });
  const d = sub(a, broadcastTo(m, a.shape));
  const ss = r.reduceSum(mul(d, d), axes);
  return keep(div(ss, fullLike(ss, n - (options.ddof ?? 0))), a, axes, options.keepdims);
}

/** Standard deviation over `axis`. @example np.std(np.array([1, 2, 3, 4])); // 1.118… */
export function std(x: ArrayLike, axisOrOptions?: AxisOr<VarOptions>): Array {
  return sqrt(variance(x, optionsOf(axisOrOptions, "std"), "std"));
}

/** True if any element (over `axis`) is truthy. @example np.any(np.array([0, 0, 1])); // true */
export function any(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "any");
  const a0 = asArray(x);
  const a = a0.dtype === "bool" ? a0 : ne(a0, fullLike(a0, 0));
  const axes = normalizeAxes(options.axis, a.ndim, "any");
  return keep(r.reduceOr(a, axes), a, axes, options.keepdims);
}

/** True if all elements (over `axis`) are truthy. @example np.all(np.array([1, 1, 0])); // false */
export function all(x: ArrayLike, axisOrOptions?: AxisOr<ReduceOptions>): Array {
  const options = optionsOf(axisOrOptions, "all");
  const a0 = asArray(x);
  const a = a0.dtype === "bool" ? a0 : ne(a0, fullLike(a0, 0));
  const axes = normalizeAxes(options.axis, a.ndim, "all");
  return keep(r.reduceAnd(a, axes), a, axes, options.keepdims);
}

function cum(kind: "cumsum" | "cumprod" | "cummax" | "cummin", x: ArrayLike, options: { axis?: number | null; dtype?: DType }): Array {
  let a = asArray(x);
  if (options.dtype !== undefined) a = convertElementType(a, options.dtype);
  // Bools sum and multiply as int32; their running max/min stay bool (np.maximum.accumulate).
  else if (a.dtype === "bool" && (kind === "cumsum" || kind === "cumprod")) a = convertElementType(a, "int32");
  if (options.axis === undefined || options.axis === null) {
    a = reshape(a, [shapeSize(a.shape)]);
    return cumulative(kind, a, 0);
  }
  return cumulative(kind, a, normalizeAxis(options.axis, a.ndim, kind));
}

/** Cumulative sum (flattened when no axis). @example np.cumsum(np.array([1, 2, 3])); // [1, 3, 6] */
export function cumsum(x: ArrayLike, axisOrOptions?: number | { axis?: number | null; dtype?: DType } | null): Array {
  return cum("cumsum", x, optionsOf(axisOrOptions, "cumsum"));
}
/** Cumulative product. @example np.cumprod(np.array([1, 2, 3])); // [1, 2, 6] */
export function cumprod(x: ArrayLike, axisOrOptions?: number | { axis?: number | null; dtype?: DType } | null): Array {
  return cum("cumprod", x, optionsOf(axisOrOptions, "cumprod"));
}
/** Running maximum. @example np.cummax(np.array([1, 3, 2])); // [1, 3, 3] */
export function cummax(x: ArrayLike, axisOrOptions?: number | { axis?: number | null } | null): Array {
  return cum("cummax", x, optionsOf(axisOrOptions, "cummax"));
}
/** Running minimum. @example np.cummin(np.array([3, 1, 2])); // [3, 1, 1] */
export function cummin(x: ArrayLike, axisOrOptions?: number | { axis?: number | null } | null): Array {
  return cum("cummin", x, optionsOf(axisOrOptions, "cummin"));
}
