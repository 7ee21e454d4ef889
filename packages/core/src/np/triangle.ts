/**
 * Triangles of matrices, as NumPy: `tri` (ones on and below a diagonal), `tril` and `triu`
 * (keep the lower / upper triangle of every trailing matrix, zeros elsewhere).
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { type DType, allocate, checkDtype } from "../core/dtype.js";
import { checkShape } from "../core/shape.js";
import { placeNew } from "../backend/tfjs/api.js";
import { creationFloatDtype } from "../backend/tfjs/device.js";
import { type ArrayLike, asArray, broadcastTo } from "./core.js";
import { zerosLike } from "./creation.js";
import { where } from "./elementwise.js";

function checkK(k: number, fn: string): void {
  if (!Number.isInteger(k)) throw new Error(`${fn}: k must be an integer (the diagonal offset); got ${k}`);
}

/** A bool n × m CPU mask, true where j − i ≤ k (lower) or j − i ≥ k (upper). */
function mask(n: number, m: number, k: number, lower: boolean): ConcreteArray {
  const data = allocate("bool", n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) data[i * m + j] = (lower ? j - i <= k : j - i >= k) ? 1 : 0;
  return new ConcreteArray(data, [n, m], "bool");
}

/**
 * An n × m array with ones at and below the k-th diagonal (j − i ≤ k) and zeros elsewhere, as
 * `numpy.tri` (default dtype: the default float).
 *
 * @example
 * ```ts
 * np.tri(3).tolist();        // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * np.tri(2, 3, 1, "int32");  // [[1, 1, 0], [1, 1, 1]]
 * ```
 */
export function tri(n: number, m?: number, k = 0, dtype?: DType): Array {
  const cols = m ?? n;
  checkShape([n, cols], "tri");
  checkK(k, "tri");
  const d = dtype === undefined ? creationFloatDtype() : checkDtype(dtype, "tri");
  const data = allocate(d, n * cols);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols && j - i <= k; j++) data[i * cols + j] = 1;
  return placeNew(new ConcreteArray(data, [n, cols], d));
}

function triangle(x: ArrayLike, k: number, lower: boolean, fn: string): Array {
  checkK(k, fn);
  let a = asArray(x);
  if (a.ndim === 0) throw new Error(`${fn}: the input must have at least one dimension (a matrix, a batch of matrices, or a vector taken as each row); got a scalar`);
  // A vector is the row of a square matrix, as in NumPy.
  if (a.ndim === 1) a = broadcastTo(a, [a.shape[0], a.shape[0]]);
  const [n, m] = a.shape.slice(-2);
  return where(mask(n, m, k, lower), a, zerosLike(a));
}

/**
 * The lower triangle of every trailing matrix of `x` (elements with j − i ≤ k), zeros above it,
 * as `numpy.tril`: a selection, so NaN and ∞ above the diagonal become 0; the dtype is kept; a
 * vector is taken as each row of a square matrix. Differentiable, jit- and vmap-able.
 *
 * @example
 * ```ts
 * np.tril(np.ones([3, 3])).tolist();      // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * np.tril(np.ones([2, 3, 3]), -1).shape;  // [2, 3, 3], strictly lower
 * ```
 */
export function tril(x: ArrayLike, k = 0): Array {
  return triangle(x, k, true, "tril");
}

/**
 * The upper triangle of every trailing matrix of `x` (elements with j − i ≥ k), zeros below it,
 * as `numpy.triu` (see {@link tril}).
 *
 * @example
 * ```ts
 * np.triu(np.ones([3, 3]), 1).tolist(); // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 * ```
 */
export function triu(x: ArrayLike, k = 0): Array {
  return triangle(x, k, false, "triu");
}
