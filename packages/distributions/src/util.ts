/**
 * Shape and array helpers shared by the distributions (as `numpyro.distributions.util`).
 */
import { type Array, ConcreteArray, config, lax, np, special } from "@orrery/core";

/** Anything `np.asArray` accepts: numbers, nested JS arrays, Orrery arrays. */
export type ArrayLike = np.ArrayLike;

const isFloatDtype = (d: string): boolean => d === "float64" || d === "float32";

/**
 * An array of a floating dtype (ints and bools become the default float dtype, float64 unless
 * `config.setDefaultFloatDtype` changed it); numbers stay weakly typed.
 *
 * @example
 * ```ts
 * asFloat(1).dtype; // "float64"
 * ```
 */
export function asFloat(x: ArrayLike): Array {
  const a = np.asArray(x);
  return isFloatDtype(a.dtype) ? a : a.astype(config.defaultFloatDtype());
}

/**
 * Whether every argument is a concrete (non-traced) array or a number.
 *
 * @example
 * ```ts
 * isConcrete(np.array(1)); // true
 * ```
 */
export function isConcrete(...xs: unknown[]): boolean {
  return xs.every((x) => x === undefined || typeof x === "number" || x instanceof ConcreteArray);
}

/**
 * NumPy's broadcast of shapes; throws naming `where` when they do not broadcast.
 *
 * @example
 * ```ts
 * broadcastShapes([[3, 1], [4]]); // [3, 4]
 * ```
 */
export function broadcastShapes(shapes: readonly (readonly number[])[], where = "broadcastShapes"): number[] {
  const n = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = new globalThis.Array(n).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = n - s.length + i;
      const d = s[i];
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        throw new Error(`${where}: shapes ${shapes.map((t) => `[${t.join(", ")}]`).join(", ")} do not broadcast`);
      }
    }
  }
  return out;
}

/**
 * Reshape arrays to a common rank by prepending unit axes (NumPyro's `promote_shapes`);
 * with `shape`, also to at least that rank.
 *
 * @example
 * ```ts
 * const [a, b] = promoteShapes([np.zeros([3]), np.zeros([2, 3])]); // a: [1, 3]
 * ```
 */
export function promoteShapes(args: readonly ArrayLike[], options: { shape?: readonly number[] } = {}): Array[] {
  const shape = options.shape ?? [];
  const arrs = args.map((x) => np.asArray(x));
  const nd = Math.max(shape.length, ...arrs.map((a) => a.ndim));
  return arrs.map((a) => (a.ndim < nd ? a.reshape([...new globalThis.Array(nd - a.ndim).fill(1), ...a.shape]) : a));
}

/**
 * Sum over the `k` rightmost axes (NumPyro's `sum_rightmost`); `k <= 0` returns `x`.
 *
 * @example
 * ```ts
 * sumRightmost(np.ones([2, 3]), 1); // [3, 3]
 * ```
 */
export function sumRightmost(x: ArrayLike, k: number): Array {
  const a = np.asArray(x);
  if (k <= 0) return a;
  const axes = [];
  for (let i = a.ndim - k; i < a.ndim; i++) axes.push(i);
  return np.sum(a, { axis: axes });
}

/**
 * Broadcast to a shape (no-op when equal).
 *
 * @example
 * ```ts
 * bcast(1, [2]); // [1, 1]
 * ```
 */
export function bcast(x: ArrayLike, shape: readonly number[]): Array {
  const a = np.asArray(x);
  if (a.shape.length === shape.length && a.shape.every((d, i) => d === shape[i])) return a;
  return np.broadcastTo(a, shape);
}

/**
 * The lower-triangular matrix `[..., n, n]` whose entries below diagonal `diagonal` (0 or −1)
 * are filled row by row from the last axis of `t` (NumPyro's `vec_to_tril_matrix`).
 *
 * @example
 * ```ts
 * vecToTrilMatrix(np.array([1, 2, 3])); // [[1, 0], [2, 3]]
 * ```
 */
export function vecToTrilMatrix(t: ArrayLike, diagonal = 0): Array {
  const v = np.asArray(t);
  const m = v.shape[v.ndim - 1];
  // m = n (n + 1) / 2 + n * diagonal for diagonal in {0, -1}
  const n = Math.round((-(1 + 2 * diagonal) + Math.sqrt((1 + 2 * diagonal) ** 2 + 8 * m)) / 2);
  const idx: number[] = [];
  let pos = 0;
  const table: number[][] = [];
  for (let i = 0; i < n; i++) {
    table.push([]);
    for (let j = 0; j < n; j++) table[i].push(j - i <= diagonal ? pos++ : -1);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) idx.push(table[i][j] < 0 ? m : table[i][j]);
  const padded = np.concatenate([v, np.zeros([...v.shape.slice(0, -1), 1], v.dtype)], -1);
  const out = np.take(padded, np.array(idx, "int32"), { axis: v.ndim - 1 });
  return out.reshape([...v.shape.slice(0, -1), n, n]);
}

/**
 * The entries of `[..., n, n]` on and below diagonal `diagonal`, row by row (NumPyro's
 * `matrix_to_tril_vec`).
 *
 * @example
 * ```ts
 * matrixToTrilVec(np.array([[1, 0], [2, 3]])); // [1, 2, 3]
 * ```
 */
export function matrixToTrilVec(x: ArrayLike, diagonal = 0): Array {
  const a = np.asArray(x);
  const n = a.shape[a.ndim - 1];
  const idx: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j - i <= diagonal) idx.push(i * n + j);
  const flat = a.reshape([...a.shape.slice(0, -2), n * n]);
  return np.take(flat, np.array(idx, "int32"), { axis: flat.ndim - 1 });
}

/**
 * The lower triangle (k = 0: with the diagonal) of `[..., n, n]`, zeros above.
 *
 * @example
 * ```ts
 * tril(np.ones([2, 2])); // [[1, 0], [1, 1]]
 * ```
 */
export function tril(x: ArrayLike, k = 0): Array {
  const a = np.asArray(x);
  const n = a.shape[a.ndim - 2];
  const m = a.shape[a.ndim - 1];
  const mask = np.arange(n).reshape([n, 1]).add(k).ge(np.arange(m).reshape([1, m]));
  return np.where(mask, a, 0);
}

/**
 * The diagonal of the last two axes.
 *
 * @example
 * ```ts
 * diag(np.eye(2)); // [1, 1]
 * ```
 */
export function diag(x: ArrayLike): Array {
  const a = np.asArray(x);
  return np.diagonal(a, 0, a.ndim - 2, a.ndim - 1);
}

/**
 * Swap the last two axes.
 *
 * @example
 * ```ts
 * mT(np.array([[1, 2], [3, 4]])); // [[1, 3], [2, 4]]
 * ```
 */
export function mT(x: ArrayLike): Array {
  const a = np.asArray(x);
  return np.swapaxes(a, -1, -2);
}

/**
 * `x` with `d` added to its diagonal (d broadcasts over the last axis).
 *
 * @example
 * ```ts
 * addDiag(np.zeros([2, 2]), 1); // I
 * ```
 */
export function addDiag(x: ArrayLike, d: ArrayLike): Array {
  const a = np.asArray(x);
  const n = a.shape[a.ndim - 1];
  return a.add(np.eye(n).mul(np.expandDims(np.asArray(d), -1)));
}

/**
 * lgamma as a multivariate gamma: log Γ_p(a).
 *
 * @example
 * ```ts
 * multigammaln(np.array(3), 2); // log Γ₂(3)
 * ```
 */
export function multigammaln(a: Array, p: number): Array {
  let out: Array = a.mul(0).add((p * (p - 1)) / 4 * Math.log(Math.PI));
  for (let j = 0; j < p; j++) out = out.add(lax.lgamma(a.sub(j / 2)));
  return out;
}

/**
 * Format a shape as `[a, b]`.
 *
 * @example
 * ```ts
 * fmt([2, 3]); // "[2, 3]"
 * ```
 */
export const fmt = (s: readonly number[]): string => `[${s.join(", ")}]`;

/**
 * The float epsilon and tiny of a dtype.
 *
 * @example
 * ```ts
 * finfo("float64").eps; // 2.22e-16
 * ```
 */
export function finfo(dtype: string): { eps: number; tiny: number } {
  return dtype === "float32" ? { eps: 1.1920929e-7, tiny: 1.1754944e-38 } : { eps: 2.220446049250313e-16, tiny: 2.2250738585072014e-308 };
}

/**
 * x · log(y) (0 where x = 0), broadcasting its operands; unlike core's `special.xlogy`
 * its derivative in x at x = 0 is log y (needed for e.g. Gamma(1, ·) gradients).
 *
 * @example
 * ```ts
 * xlogy(np.array([0, 2]), 3); // [0, 2 log 3]
 * ```
 */
export function xlogy(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = np.broadcastArrays(asFloat(x), asFloat(y));
  // y is replaced only where x = 0 and y = 0, so ∂/∂x = log y stays right at x = 0.
  const ySafe = np.where(np.logicalAnd(a.eq(0), b.eq(0)), 1, b);
  return a.mul(np.log(ySafe));
}

/**
 * x · log1p(y) (0 where x = 0), broadcasting its operands first.
 *
 * @example
 * ```ts
 * xlog1py(np.array([0, 2]), -0.5); // [0, 2 log 0.5]
 * ```
 */
export function xlog1py(x: ArrayLike, y: ArrayLike): Array {
  const [a, b] = np.broadcastArrays(asFloat(x), asFloat(y));
  const ySafe = np.where(np.logicalAnd(a.eq(0), b.eq(-1)), 0, b);
  return a.mul(np.log1p(ySafe));
}

/**
 * log Γ(a + ½) − log Γ(a), accurate for large a (asymptotic series above a = 20).
 *
 * @example
 * ```ts
 * lgammaHalfRatio(np.array(1e5)); // ≈ ½ log 1e5
 * ```
 */
export function lgammaHalfRatio(a: ArrayLike): Array {
  const x = asFloat(a);
  const big = x.gt(20);
  const xb = np.where(big, x, 21);
  const series = np.log(xb).mul(0.5).sub(xb.mul(8).reciprocal()).add(xb.pow(3).mul(192).reciprocal()).sub(xb.pow(5).mul(640).reciprocal()).add(xb.pow(7).reciprocal().mul(17 / 14336));
  const xs = np.where(big, 1, x);
  const direct = special.gammaln(xs.add(0.5)).sub(special.gammaln(xs));
  return np.where(big, series, direct);
}
