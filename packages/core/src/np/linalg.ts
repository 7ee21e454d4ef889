/**
 * NumPy's products (`matmul`, `dot`, `vdot`, `inner`, `outer`, `trace`, `diagonal`) and
 * `np.linalg` (`cholesky`, `solve`, `inv`, `slogdet`, `det`, `solveTriangular`), written
 * over the lax-level `dotGeneral`, `cholesky`, `triangularSolve` and `lu`.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { broadcastShapes, fmtShape, normalizeAxis, range } from "../core/shape.js";
import { convertElementType, mul, ne, rem, sub } from "../primitives/binary.js";
import { full } from "../primitives/constants.js";
import { dotGeneral } from "../primitives/dot-general.js";
import { reduceProd, reduceSum } from "../primitives/reduce.js";
import { reshape, transpose } from "../primitives/shape-ops.js";
import { slice } from "../primitives/slicing.js";
import { abs, exp, log, sign } from "../primitives/unary.js";
import { cholesky as laxCholesky } from "../primitives/linalg/cholesky.js";
import { lu as laxLu, permutationMatrix } from "../primitives/linalg/lu.js";
import { triangularSolve } from "../primitives/linalg/triangular-solve.js";
import { diagLast, eyeLike, mT } from "../primitives/linalg/util.js";
import { type ArrayLike, broadcastTo, promoteArgs, promoteArgsFloat } from "./core.js";
import { multiply } from "./elementwise.js";

/**
 * Matrix product with NumPy's rules: 1-D operands are promoted to a row (lhs) or column
 * (rhs) vector and the added axis removed afterwards; leading (batch) dims broadcast.
 *
 * @example
 * ```ts
 * np.matmul(np.ones([2, 3, 4]), np.ones([4, 5])).shape; // [2, 3, 5]
 * np.matmul(np.array([1, 2]), np.array([3, 4]));        // 11
 * ```
 */
export function matmul(a: ArrayLike, b: ArrayLike): Array {
  let [x, y] = promoteArgs("matmul", a, b);
  if (x.ndim === 0 || y.ndim === 0) throw new Error(`matmul: operands must be at least 1-D, got shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} (use np.multiply)`);
  const xVec = x.ndim === 1;
  const yVec = y.ndim === 1;
  if (xVec) x = reshape(x, [1, x.shape[0]]);
  if (yVec) y = reshape(y, [y.shape[0], 1]);
  const [m, k] = x.shape.slice(-2);
  const [k2, n] = y.shape.slice(-2);
  if (k !== k2) throw new Error(`matmul: contracted dims differ: ${fmtShape(xVec ? [k] : x.shape)} @ ${fmtShape(yVec ? [k2] : y.shape)} (${k} vs ${k2})`);
  const xb = x.shape.slice(0, -2);
  const yb = y.shape.slice(0, -2);
  let out: Array;
  if (yb.length === 0) {
    // [..., m, k] @ [k, n]: contract directly, no broadcast of the rhs needed.
    out = dotGeneral(x, y, { contracting: [[x.ndim - 1], [0]], batch: [[], []] });
  } else {
    const batch = broadcastShapes([xb, yb], "matmul");
    x = broadcastTo(x, [...batch, m, k]);
    y = broadcastTo(y, [...batch, k, n]);
    const bd = range(batch.length);
    out = dotGeneral(x, y, { contracting: [[batch.length + 1], [batch.length]], batch: [bd, bd] });
  }
  const shape = out.shape.slice(0, -2);
  if (!xVec) shape.push(m);
  if (!yVec) shape.push(n);
  return reshape(out, shape);
}

/**
 * NumPy's `dot`: a product over the last axis of `a` and the second-to-last of `b` (the
 * only axis of a 1-D `b`); scalars multiply.
 *
 * @example
 * ```ts
 * np.dot(np.array([[1, 2], [3, 4]]), np.array([1, 1])); // [3, 7]
 * ```
 */
export function dot(a: ArrayLike, b: ArrayLike): Array {
  const [x, y] = promoteArgs("dot", a, b);
  if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
  const yAxis = y.ndim === 1 ? 0 : y.ndim - 2;
  checkContract("dot", x, x.ndim - 1, y, yAxis);
  return dotGeneral(x, y, { contracting: [[x.ndim - 1], [yAxis]], batch: [[], []] });
}

function checkContract(where: string, x: Array, ax: number, y: Array, ay: number): void {
  if (x.shape[ax] !== y.shape[ay]) {
    throw new Error(`${where}: shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} are not aligned (${x.shape[ax]} vs ${y.shape[ay]})`);
  }
}

/**
 * The dot product of the flattened operands.
 *
 * @example
 * ```ts
 * np.vdot(np.array([[1, 2], [3, 4]]), np.ones([2, 2])); // 10
 * ```
 */
export function vdot(a: ArrayLike, b: ArrayLike): Array {
  const [x, y] = promoteArgs("vdot", a, b);
  if (x.size !== y.size) throw new Error(`vdot: operands have ${x.size} and ${y.size} elements`);
  return dotGeneral(reshape(x, [x.size]), reshape(y, [y.size]), { contracting: [[0], [0]], batch: [[], []] });
}

/**
 * Sum product over the last axes of `a` and `b` (scalars multiply).
 *
 * @example
 * ```ts
 * np.inner(np.array([1, 2, 3]), np.array([0, 1, 0])); // 2
 * ```
 */
export function inner(a: ArrayLike, b: ArrayLike): Array {
  const [x, y] = promoteArgs("inner", a, b);
  if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
  checkContract("inner", x, x.ndim - 1, y, y.ndim - 1);
  return dotGeneral(x, y, { contracting: [[x.ndim - 1], [y.ndim - 1]], batch: [[], []] });
}

/**
 * Outer product of the flattened operands: `out[i, j] = a[i] * b[j]`.
 *
 * @example
 * ```ts
 * np.outer(np.array([1, 2]), np.array([1, 10, 100])).shape; // [2, 3]
 * ```
 */
export function outer(a: ArrayLike, b: ArrayLike): Array {
  const [x, y] = promoteArgs("outer", a, b);
  return dotGeneral(reshape(x, [x.size]), reshape(y, [y.size]), { contracting: [[], []], batch: [[], []] });
}

/**
 * Sum products over axes: `axes` = n contracts the last n axes of `a` with the first n of
 * `b`; `axes` = [aAxes, bAxes] contracts those pairs. Output: free axes of `a`, then of `b`.
 *
 * @example
 * ```ts
 * np.tensordot(np.ones([2, 3, 4]), np.ones([3, 4, 5]), 2).shape;          // [2, 5]
 * np.tensordot(np.ones([3, 2]), np.ones([3, 5]), [[0], [0]]).shape;       // [2, 5]
 * ```
 */
export function tensordot(a: ArrayLike, b: ArrayLike, axes: number | [number | number[], number | number[]] = 2): Array {
  const [x, y] = promoteArgs("tensordot", a, b);
  let xa: number[];
  let ya: number[];
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0 || axes > x.ndim || axes > y.ndim) {
      throw new Error(`tensordot: axes=${axes} is invalid for shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)}`);
    }
    xa = range(axes, x.ndim - axes);
    ya = range(axes);
  } else {
    const list = (v: number | number[]) => (typeof v === "number" ? [v] : v);
    xa = list(axes[0]).map((d) => normalizeAxis(d, x.ndim, "tensordot"));
    ya = list(axes[1]).map((d) => normalizeAxis(d, y.ndim, "tensordot"));
    if (xa.length !== ya.length) throw new Error(`tensordot: axes ${JSON.stringify(axes)} must name as many axes of a as of b`);
  }
  xa.forEach((d, i) => checkContract("tensordot", x, d, y, ya[i]));
  return dotGeneral(x, y, { contracting: [xa, ya], batch: [[], []] });
}

/**
 * The `offset` diagonal of the 2-D sub-arrays on `axis1`/`axis2`, as a new last axis.
 *
 * @example
 * ```ts
 * np.diagonal(np.array([[1, 2], [3, 4]]));    // [1, 4]
 * np.diagonal(np.array([[1, 2], [3, 4]]), 1); // [2]
 * ```
 */
export function diagonal(a: ArrayLike, offset = 0, axis1 = 0, axis2 = 1): Array {
  let [x] = promoteArgs("diagonal", a);
  if (x.ndim < 2) throw new Error(`diagonal: expected at least 2-D input, got ${fmtShape(x.shape)}`);
  const a1 = normalizeAxis(axis1, x.ndim, "diagonal");
  const a2 = normalizeAxis(axis2, x.ndim, "diagonal");
  if (a1 === a2) throw new Error(`diagonal: axis1 and axis2 cannot be the same (${axis1})`);
  const rest = range(x.ndim).filter((i) => i !== a1 && i !== a2);
  x = transpose(x, [...rest, a1, a2]);
  const [m, n] = x.shape.slice(-2);
  const len = Math.max(0, offset >= 0 ? Math.min(m, n - offset) : Math.min(m + offset, n));
  const r0 = offset >= 0 ? 0 : -offset;
  const c0 = offset >= 0 ? offset : 0;
  const lead = x.shape.slice(0, -2);
  const sq = slice(x, [...lead.map(() => 0), r0, c0], [...lead, r0 + len, c0 + len]);
  const isBool = sq.dtype === "bool";
  const d = diagLast(isBool ? convertElementType(sq, "int32") : sq);
  return isBool ? convertElementType(d, "bool") : d;
}

/**
 * Sum of the `offset` diagonal of the 2-D sub-arrays on `axis1`/`axis2`.
 *
 * @example
 * ```ts
 * np.trace(np.array([[1, 2], [3, 4]])); // 5
 * ```
 */
export function trace(a: ArrayLike, offset = 0, axis1 = 0, axis2 = 1): Array {
  let d = diagonal(a, offset, axis1, axis2);
  if (d.dtype === "bool") d = convertElementType(d, "int32");
  return reduceSum(d, [d.ndim - 1]);
}

function floatMatrices(where: string, a: ArrayLike, square = true): Array {
  const [x] = promoteArgsFloat(where, a);
  if (x.ndim < 2) throw new Error(`np.linalg.${where}: expected an array of matrices [..., m, n], got shape ${fmtShape(x.shape)}`);
  const [m, n] = x.shape.slice(-2);
  if (square && m !== n) throw new Error(`np.linalg.${where}: expected square matrices, got shape ${fmtShape(x.shape)}`);
  return x;
}

/**
 * The lower Cholesky factor L (A = L Lᵀ) of each symmetric positive definite matrix in
 * `a` (`[..., n, n]`). The input is symmetrised as (A + Aᵀ)/2 first (as JAX), so gradients
 * are symmetric. A matrix that is not positive definite gives NaNs, not an error. With
 * `upper`, returns U = Lᵀ (A = Uᵀ U).
 *
 * @example
 * ```ts
 * np.linalg.cholesky(np.array([[4, 2], [2, 5]])); // [[2, 0], [1, 2]]
 * ```
 */
export function cholesky(a: ArrayLike, options: { upper?: boolean } = {}): Array {
  const l = laxCholesky(floatMatrices("cholesky", a));
  return options.upper ? mT(l) : l;
}

/**
 * Solve A x = b for `a` of shape `[..., M, M]` and `b` of shape `[M]` or `[..., M, K]`
 * (NumPy 2 semantics: `b` is a vector only when 1-D); leading dims broadcast. Uses an LU
 * factorisation with partial pivoting; differentiable in both arguments.
 *
 * @example
 * ```ts
 * np.linalg.solve(np.array([[3, 1], [1, 2]]), np.array([9, 8])); // [2, 3]
 * ```
 */
export function solve(a: ArrayLike, b: ArrayLike): Array {
  let [x, y] = promoteArgsFloat("solve", a, b);
  x = floatMatrices("solve", x);
  const m = x.shape[x.ndim - 1];
  const vec = y.ndim === 1;
  if (vec) y = reshape(y, [y.shape[0], 1]);
  if (y.ndim < 2 || y.shape[y.ndim - 2] !== m) {
    throw new Error(`np.linalg.solve: b of shape ${fmtShape(vec ? [y.shape[0]] : y.shape)} does not match a of shape ${fmtShape(x.shape)}`);
  }
  const k = y.shape[y.ndim - 1];
  const batch = broadcastShapes([x.shape.slice(0, -2), y.shape.slice(0, -2)], "np.linalg.solve");
  if (x.ndim === 2 && y.ndim > 2) {
    // One matrix for many right-hand sides: solve once with them side by side as columns.
    const r = y.ndim;
    const cols = transpose(y, [r - 2, ...range(r - 2), r - 1]);
    const flat = solve(x, reshape(cols, [m, y.size / m]));
    const back = reshape(flat, [m, ...batch, k]);
    const out = transpose(back, [...range(r - 2, 1), 0, r - 1]);
    return vec ? reshape(out, out.shape.slice(0, -1)) : out;
  }
  const [lu, , perm] = laxLu(x);
  const luB = broadcastTo(lu, [...batch, m, m]);
  const pB = broadcastTo(permutationMatrix(perm, lu), [...batch, m, m]);
  const yB = broadcastTo(y, [...batch, m, k]);
  const pb = matmul(pB, yB);
  const z = triangularSolve(luB, pb, { leftSide: true, lower: true, unitDiagonal: true });
  const out = triangularSolve(luB, z, { leftSide: true, lower: false });
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

/**
 * The inverse of each square matrix in `a` (`[..., n, n]`).
 *
 * @example
 * ```ts
 * np.linalg.inv(np.array([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 * ```
 */
export function inv(a: ArrayLike): Array {
  const x = floatMatrices("inv", a);
  return solve(x, eyeLike(x, x.shape[x.ndim - 1]));
}

/**
 * Sign and natural log of the absolute determinant of each square matrix in `a`, from an
 * LU factorisation: `[sign, logabsdet]` with det = sign · exp(logabsdet). A singular matrix
 * gives sign 0 and logabsdet −∞.
 *
 * @example
 * ```ts
 * const [sign, logdet] = np.linalg.slogdet(np.array([[0, 2], [3, 0]])); // -1, log(6)
 * ```
 */
export function slogdet(a: ArrayLike): [Array, Array] {
  const x = floatMatrices("slogdet", a);
  const [lu, pivots] = laxLu(x);
  const d = diagLast(lu);
  const last = [d.ndim - 1];
  const logabsdet = reduceSum(log(abs(d)), last);
  // Each pivot that swapped a row flips the sign.
  const k = pivots.shape[pivots.ndim - 1];
  const idx = broadcastTo(new ConcreteArray(Int32Array.from(range(k)), [k], "int32"), pivots.shape);
  const swaps = reduceSum(convertElementType(ne(pivots, idx), "int32"), [pivots.ndim - 1]);
  const odd = convertElementType(rem(swaps, full(swaps.shape, 2, "int32")), x.dtype);
  const permSign = sub(full(odd.shape, 1, x.dtype), mul(full(odd.shape, 2, x.dtype), odd));
  const sgn = mul(permSign, reduceProd(sign(d), last));
  return [sgn, logabsdet];
}

/**
 * The determinant of each square matrix in `a` (from `slogdet`).
 *
 * @example
 * ```ts
 * np.linalg.det(np.array([[1, 2], [3, 4]])); // -2
 * ```
 */
export function det(a: ArrayLike): Array {
  const [s, l] = slogdet(a);
  return mul(s, exp(l));
}

/** Options of `solveTriangular` (SciPy's names, camelCase). */
export interface SolveTriangularOptions {
  /** Use the lower triangle of `a` (default: upper, as SciPy). */
  lower?: boolean;
  /** Solve A x = b (0, "N"), Aᵀ x = b (1, "T") or, for real arrays, the same (2, "C"). */
  trans?: 0 | 1 | 2 | "N" | "T" | "C";
  /** Take A's diagonal to be ones. */
  unitDiagonal?: boolean;
}

/**
 * Solve a x = b for a triangular `a` (`[..., M, M]`) and `b` (`[M]` or `[..., M, K]`),
 * as `scipy.linalg.solve_triangular`; leading dims broadcast. Only the chosen triangle of
 * `a` is read.
 *
 * @example
 * ```ts
 * np.linalg.solveTriangular(np.array([[2, 0], [1, 1]]), np.array([2, 3]), { lower: true }); // [1, 2]
 * ```
 */
export function solveTriangular(a: ArrayLike, b: ArrayLike, options: SolveTriangularOptions = {}): Array {
  let [x, y] = promoteArgsFloat("solveTriangular", a, b);
  x = floatMatrices("solveTriangular", x);
  const m = x.shape[x.ndim - 1];
  const vec = y.ndim === 1;
  if (vec) y = reshape(y, [y.shape[0], 1]);
  if (y.ndim < 2 || y.shape[y.ndim - 2] !== m) {
    throw new Error(`np.linalg.solveTriangular: b of shape ${fmtShape(vec ? [y.shape[0]] : y.shape)} does not match a of shape ${fmtShape(x.shape)}`);
  }
  const k = y.shape[y.ndim - 1];
  const batch = broadcastShapes([x.shape.slice(0, -2), y.shape.slice(0, -2)], "np.linalg.solveTriangular");
  const t = options.trans ?? 0;
  const out = triangularSolve(broadcastTo(x, [...batch, m, m]), broadcastTo(y, [...batch, m, k]), {
    leftSide: true,
    lower: options.lower ?? false,
    transposeA: t === 1 || t === 2 || t === "T" || t === "C",
    unitDiagonal: options.unitDiagonal ?? false,
  });
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

/**
 * The `np.linalg` namespace.
 *
 * @example
 * ```ts
 * np.linalg.det(np.eye(3)); // 1
 * ```
 */
export const linalg = { cholesky, solve, inv, slogdet, det, solveTriangular, triangularSolve: solveTriangular };
