/**
 * NumPy shape manipulation: reshape, transpose, moveaxis, swapaxes, expandDims, squeeze,
 * ravel, concatenate, stack, split, tile, repeat, flip.
 */
import { type Array } from "../core/array.js";
import { fmtShape, normalizeAxes, normalizeAxis, range, shapeSize } from "../core/shape.js";
import * as s from "../primitives/shape-ops.js";
import { concatenate as laxConcatenate, rev, slice } from "../primitives/slicing.js";
import { type ArrayLike, asArray, broadcastTo, promoteArgs } from "./core.js";

/**
 * Give a new shape (one entry may be -1, inferred), row-major.
 *
 * @example
 * ```ts
 * np.reshape(np.arange(6), [2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(x: ArrayLike, shape: readonly number[] | number): Array {
  const a = asArray(x);
  const want = typeof shape === "number" ? [shape] : [...shape];
  const neg = want.filter((d) => d === -1).length;
  if (neg > 1) throw new Error(`reshape: only one dimension can be -1, got ${fmtShape(want)}`);
  if (neg === 1) {
    const known = want.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    if (known === 0 || a.size % known !== 0) throw new Error(`reshape: cannot reshape ${fmtShape(a.shape)} into ${fmtShape(want)}`);
    want[want.indexOf(-1)] = a.size / known;
  }
  if (shapeSize(want) !== a.size) {
    throw new Error(`reshape: cannot reshape array of shape ${fmtShape(a.shape)} (${a.size} elements) into shape ${fmtShape(want)}`);
  }
  return s.reshape(a, want);
}

/**
 * Permute axes (default: reverse them).
 *
 * @example
 * ```ts
 * np.transpose(np.zeros([2, 3])).shape; // [3, 2]
 * ```
 */
export function transpose(x: ArrayLike, axes?: readonly number[]): Array {
  const a = asArray(x);
  const perm = axes === undefined ? range(a.ndim).reverse() : axes.map((ax) => normalizeAxis(ax, a.ndim, "transpose"));
  if (perm.length !== a.ndim || new Set(perm).size !== perm.length) {
    throw new Error(`transpose: axes ${JSON.stringify(axes)} are not a permutation of the ${a.ndim} axes of shape ${fmtShape(a.shape)}`);
  }
  return s.transpose(a, perm);
}

/**
 * Move axis `source` to position `destination`.
 *
 * @example
 * ```ts
 * np.moveaxis(np.zeros([2, 3, 4]), 0, -1).shape; // [3, 4, 2]
 * ```
 */
export function moveaxis(x: ArrayLike, source: number, destination: number): Array {
  const a = asArray(x);
  const src = normalizeAxis(source, a.ndim, "moveaxis");
  const dst = normalizeAxis(destination, a.ndim, "moveaxis");
  const perm = range(a.ndim).filter((i) => i !== src);
  perm.splice(dst, 0, src);
  return s.transpose(a, perm);
}

/** Swap two axes. @example np.swapaxes(np.zeros([2, 3]), 0, 1).shape; // [3, 2] */
export function swapaxes(x: ArrayLike, axis1: number, axis2: number): Array {
  const a = asArray(x);
  const i = normalizeAxis(axis1, a.ndim, "swapaxes");
  const j = normalizeAxis(axis2, a.ndim, "swapaxes");
  const perm = range(a.ndim);
  perm[i] = j;
  perm[j] = i;
  return s.transpose(a, perm);
}

/**
 * Insert size-1 axes at the given positions of the result.
 *
 * @example
 * ```ts
 * np.expandDims(np.zeros([3]), 0).shape; // [1, 3]
 * ```
 */
export function expandDims(x: ArrayLike, axis: number | number[]): Array {
  const a = asArray(x);
  const list = typeof axis === "number" ? [axis] : axis;
  const outRank = a.ndim + list.length;
  const axes = normalizeAxes(list, outRank, "expandDims");
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < outRank; i++) shape.push(axes.includes(i) ? 1 : a.shape[k++]);
  return s.reshape(a, shape);
}

/**
 * Remove size-1 axes (all of them, or those in `axis`).
 *
 * @example
 * ```ts
 * np.squeeze(np.zeros([1, 3, 1])).shape; // [3]
 * ```
 */
export function squeeze(x: ArrayLike, axis?: number | number[]): Array {
  const a = asArray(x);
  const axes = axis === undefined ? range(a.ndim).filter((i) => a.shape[i] === 1) : normalizeAxes(axis, a.ndim, "squeeze");
  for (const i of axes) {
    if (a.shape[i] !== 1) throw new Error(`squeeze: cannot select axis ${i} of shape ${fmtShape(a.shape)}: its size is not 1`);
  }
  return s.reshape(a, a.shape.filter((_, i) => !axes.includes(i)));
}

/** Flatten to 1-D. @example np.ravel(np.zeros([2, 3])).shape; // [6] */
export function ravel(x: ArrayLike): Array {
  const a = asArray(x);
  return s.reshape(a, [a.size]);
}

/**
 * Join arrays along an existing axis (default 0), promoting dtypes.
 *
 * @example
 * ```ts
 * np.concatenate([np.zeros([2, 3]), np.ones([1, 3])]).shape; // [3, 3]
 * ```
 */
export function concatenate(xs: readonly ArrayLike[], axis = 0): Array {
  if (xs.length === 0) throw new Error("concatenate: needs at least one array");
  const arrs = promoteArgs("concatenate", ...xs);
  if (arrs.some((a) => a.ndim === 0)) throw new Error("concatenate: zero-dimensional arrays cannot be concatenated");
  const ax = normalizeAxis(axis, arrs[0].ndim, "concatenate");
  const s0 = arrs[0].shape;
  arrs.forEach((a, i) => {
    if (a.ndim !== s0.length || a.shape.some((d, k) => k !== ax && d !== s0[k])) {
      throw new Error(
        `concatenate: all shapes must agree except on axis ${ax}; array 0 is ${fmtShape(s0)}, array ${i} is ${fmtShape(a.shape)}`,
      );
    }
  });
  return laxConcatenate(arrs, ax);
}

/**
 * Join arrays along a new axis.
 *
 * @example
 * ```ts
 * np.stack([np.zeros([3]), np.ones([3])], 1).shape; // [3, 2]
 * ```
 */
export function stack(xs: readonly ArrayLike[], axis = 0): Array {
  if (xs.length === 0) throw new Error("stack: needs at least one array");
  const arrs = promoteArgs("stack", ...xs);
  const shape = arrs[0].shape;
  arrs.forEach((a, i) => {
    if (a.ndim !== shape.length || a.shape.some((d, k) => d !== shape[k])) {
      throw new Error(`stack: all arrays must have the same shape; array 0 is ${fmtShape(shape)}, array ${i} is ${fmtShape(a.shape)}`);
    }
  });
  const ax = normalizeAxis(axis, shape.length + 1, "stack");
  return laxConcatenate(arrs.map((a) => expandDims(a, ax)), ax);
}

/** Stack along axis 0 after making arrays at least 2-D. @example np.vstack([np.zeros([3]), np.ones([3])]).shape; // [2, 3] */
export function vstack(xs: readonly ArrayLike[]): Array {
  return concatenate(xs.map((x) => atleast2d(x)), 0);
}

/** Stack along axis 1 (axis 0 for 1-D arrays). @example np.hstack([np.zeros([2]), np.ones([3])]).shape; // [5] */
export function hstack(xs: readonly ArrayLike[]): Array {
  const arrs = xs.map((x) => atleast1d(x));
  return concatenate(arrs, arrs[0].ndim === 1 ? 0 : 1);
}

/** View as at least 1-D. */
export function atleast1d(x: ArrayLike): Array {
  const a = asArray(x);
  return a.ndim >= 1 ? a : s.reshape(a, [1]);
}

/** View as at least 2-D (1-D arrays become one row). */
export function atleast2d(x: ArrayLike): Array {
  const a = asArray(x);
  return a.ndim >= 2 ? a : s.reshape(a, a.ndim === 0 ? [1, 1] : [1, a.shape[0]]);
}

/**
 * Split into `sections` equal parts or at the given indices along `axis`.
 *
 * @example
 * ```ts
 * np.split(np.arange(6), 3).map((p) => p.shape); // [[2], [2], [2]]
 * np.split(np.arange(6), [1, 4]).map((p) => p.shape); // [[1], [3], [2]]
 * ```
 */
export function split(x: ArrayLike, indicesOrSections: number | readonly number[], axis = 0): Array[] {
  const a = asArray(x);
  const ax = normalizeAxis(axis, a.ndim, "split");
  const n = a.shape[ax];
  let cuts: number[];
  if (typeof indicesOrSections === "number") {
    if (n % indicesOrSections !== 0) throw new Error(`split: axis ${ax} of size ${n} does not divide into ${indicesOrSections} equal sections`);
    const step = n / indicesOrSections;
    cuts = range(indicesOrSections - 1).map((i) => (i + 1) * step);
  } else cuts = [...indicesOrSections];
  const bounds = [0, ...cuts.map((c) => Math.min(Math.max(c < 0 ? c + n : c, 0), n)), n];
  const out: Array[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i];
    const hi = Math.max(lo, bounds[i + 1]);
    out.push(slice(a, a.shape.map((_, k) => (k === ax ? lo : 0)), a.shape.map((d, k) => (k === ax ? hi : d))));
  }
  return out;
}

/**
 * Repeat the whole array `reps` times along each axis.
 *
 * @example
 * ```ts
 * np.tile(np.array([1, 2]), 2); // [1, 2, 1, 2]
 * ```
 */
export function tile(x: ArrayLike, reps: number | readonly number[]): Array {
  let a = asArray(x);
  const r = typeof reps === "number" ? [reps] : [...reps];
  if (!r.every((k) => Number.isInteger(k) && k >= 0)) throw new Error(`tile: reps must be non-negative integers, got ${JSON.stringify(reps)}`);
  const rank = Math.max(a.ndim, r.length);
  while (r.length < rank) r.unshift(1);
  a = s.reshape(a, [...new globalThis.Array<number>(rank - a.ndim).fill(1), ...a.shape]);
  // Broadcast to [r0, d0, r1, d1, …] then merge pairs.
  const big: number[] = [];
  const dims: number[] = [];
  a.shape.forEach((d, i) => {
    big.push(r[i], d);
    dims.push(2 * i + 1);
  });
  const b = s.broadcastInDim(a, big, dims);
  return s.reshape(b, a.shape.map((d, i) => d * r[i]));
}

/**
 * Repeat each element `repeats` times along `axis` (flattened when no axis).
 *
 * @example
 * ```ts
 * np.repeat(np.array([1, 2]), 2); // [1, 1, 2, 2]
 * ```
 */
export function repeat(x: ArrayLike, repeats: number, axis?: number): Array {
  let a = asArray(x);
  if (!Number.isInteger(repeats) || repeats < 0) throw new Error(`repeat: repeats must be a non-negative integer, got ${repeats}`);
  let ax: number;
  if (axis === undefined) {
    a = s.reshape(a, [a.size]);
    ax = 0;
  } else ax = normalizeAxis(axis, a.ndim, "repeat");
  const big = [...a.shape.slice(0, ax + 1), repeats, ...a.shape.slice(ax + 1)];
  const dims = range(a.ndim).map((i) => (i <= ax ? i : i + 1));
  const b = s.broadcastInDim(a, big, dims);
  return s.reshape(b, a.shape.map((d, i) => (i === ax ? d * repeats : d)));
}

/**
 * Reverse the order of elements along `axis` (all axes by default).
 *
 * @example
 * ```ts
 * np.flip(np.array([1, 2, 3])); // [3, 2, 1]
 * ```
 */
export function flip(x: ArrayLike, axis?: number | number[]): Array {
  const a = asArray(x);
  return rev(a, normalizeAxes(axis, a.ndim, "flip"));
}

export { broadcastTo };
