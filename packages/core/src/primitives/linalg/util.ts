/**
 * Helpers shared by the linear-algebra primitives: triangle masks, swapping the two matrix
 * axes, batched matrix products, and a common batching rule for matrix primitives.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { allocate } from "../../core/dtype.js";
import { type BDim } from "../../core/primitive.js";
import { range } from "../../core/shape.js";
import { batchSize, matchAxis } from "../../interpreters/batching.js";
import { mul } from "../binary.js";
import { broadcastInDim, transpose } from "../shape-ops.js";
import { batchMatmul } from "../dot-general.js";
import { reduceSum } from "../reduce.js";

/**
 * A concrete `[m, n]` matrix of `like`'s dtype with `f(i, j)` at (i, j).
 *
 * @example
 * ```ts
 * matrixConst(x, 2, 2, (i, j) => (i === j ? 1 : 0)); // a 2×2 identity of x's dtype
 * ```
 */
export function matrixConst(like: Array, m: number, n: number, f: (i: number, j: number) => number): ConcreteArray {
  const data = allocate(like.dtype, m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[i * n + j] = f(i, j);
  return new ConcreteArray(data, [m, n], like.dtype);
}

/**
 * Multiply the trailing matrices of `x` elementwise by a concrete `[m, n]` matrix.
 *
 * @example
 * ```ts
 * mulMatrix(xs, matrixConst(xs, n, n, (i, j) => (i >= j ? 1 : 0))); // lower triangles of xs
 * ```
 */
export function mulMatrix(x: Array, mask: ConcreteArray): Array {
  const r = x.ndim;
  return mul(x, broadcastInDim(mask, x.shape, [r - 2, r - 1]));
}

/**
 * Keep the elements with `j - i <= k` of the trailing matrices (NumPy's `tril`), zero the rest.
 *
 * @example
 * ```ts
 * tril(np.ones([3, 3]), -1); // strictly lower triangle of ones
 * ```
 */
export function tril(x: Array, k = 0): Array {
  const [m, n] = x.shape.slice(-2);
  return mulMatrix(x, matrixConst(x, m, n, (i, j) => (j - i <= k ? 1 : 0)));
}

/**
 * Keep the elements with `j - i >= k` of the trailing matrices (NumPy's `triu`), zero the rest.
 *
 * @example
 * ```ts
 * triu(np.ones([3, 3]), 1); // strictly upper triangle of ones
 * ```
 */
export function triu(x: Array, k = 0): Array {
  const [m, n] = x.shape.slice(-2);
  return mulMatrix(x, matrixConst(x, m, n, (i, j) => (j - i >= k ? 1 : 0)));
}

/**
 * Swap the last two axes (the matrix transpose of every trailing matrix).
 *
 * @example
 * ```ts
 * mT(np.zeros([5, 2, 3])).shape; // [5, 3, 2]
 * ```
 */
export function mT(x: Array): Array {
  const r = x.ndim;
  return transpose(x, [...range(r - 2), r - 1, r - 2]);
}

/**
 * Batched matrix product of same-rank operands with equal leading dims (`batchMatmul`).
 *
 * @example
 * ```ts
 * matmul(l, mT(l)); // L Lᵀ for every matrix in a batch
 * ```
 */
export function matmul(a: Array, b: Array): Array {
  return batchMatmul(a, b);
}

/**
 * An `[n, n]` identity of `like`'s dtype, broadcast to `like`'s leading (batch) dims.
 *
 * @example
 * ```ts
 * eyeLike(np.zeros([4, 3, 3]), 3).shape; // [4, 3, 3]
 * ```
 */
export function eyeLike(like: Array, n: number): Array {
  const e = matrixConst(like, n, n, (i, j) => (i === j ? 1 : 0));
  const lead = like.shape.slice(0, -2);
  return broadcastInDim(e, [...lead, n, n], [lead.length, lead.length + 1]);
}

/**
 * Batching for matrix primitives whose operands all have the same leading batch dims:
 * move every vmapped axis to 0 (broadcasting unbatched operands) and bind once more.
 *
 * @example
 * ```ts
 * batch: leadingBatch<null>(([a]) => [bind1(choleskyP, [a], null)]),
 * ```
 */
export function leadingBatch<P>(apply: (args: Array[], params: P) => Array[]) {
  return (args: Array[], dims: BDim[], params: P): [Array[], BDim[]] => {
    const size = batchSize(args, dims);
    const moved = args.map((a, i) => matchAxis(a, dims[i], size, 0));
    const outs = apply(moved, params);
    return [outs, outs.map(() => 0)];
  };
}

/**
 * The diagonals of the trailing square matrices: `[..., n, n] → [..., n]` (differentiable:
 * a mask and a sum).
 *
 * @example
 * ```ts
 * diagLast(np.eye(3)); // [1, 1, 1]
 * ```
 */
export function diagLast(x: Array): Array {
  const r = x.ndim;
  const n = x.shape[r - 1];
  return reduceSum(mulMatrix(x, matrixConst(x, n, n, (i, j) => (i === j ? 1 : 0))), [r - 1]);
}
