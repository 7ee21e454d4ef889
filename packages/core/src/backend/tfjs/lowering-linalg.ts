/**
 * Lowering rules for dense linear algebra (cholesky, triangular_solve, lu) on tfjs devices, as
 * compositions of tfjs ops.
 *
 * Each factorization or solve is a JS loop over the columns (or rows) of the matrices; every
 * step is a fixed handful of tfjs ops on the whole batch (slices, one matrix-vector product or
 * outer product, comparisons and `where`s), so a call issues O(n) kernels whose shapes do not
 * change from step to step (webgl compiles each shader once). Every step runs in its own tidy
 * scope, so only the carried matrices stay alive.
 *
 * The rules keep the CPU implementations' semantics (primitives/linalg/): only the named
 * triangle is read; a matrix that is not positive definite gives a Cholesky factor of NaN; a
 * zero pivot leaves its column unscaled; products with an exactly zero coefficient are skipped
 * (so ±∞ in a solved entry does not turn unrelated entries into NaN); LU pivots on the first
 * largest magnitude, NaN first. The CPU accumulates in float64 and rounds once; these run in
 * float32, so results agree to float32 rounding amplified by the condition number.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;

/**
 * The largest loop length (n for cholesky and triangular_solve, min(m, n) for lu) the rules
 * lower; past it they return null and the CPU implementation runs. The kernel count grows only
 * as O(n) (10 to 40 launches per column), but several of each step's kernels touch the whole
 * [batch, n, n] operand, so a call also makes about 5·n³ element passes per matrix, against the
 * CPU's n³/3 (cholesky) to 2n³/3 (lu) flops. Measured on wasm, lu takes 1.3 s at n = 512 and
 * 8.3 s at n = 1024 (the CPU 0.08 s and 0.5 s); past 1024 a call would issue over 40,000
 * kernels and run for minutes on wasm and tfjs-cpu, while moving the n² elements to the CPU
 * and back costs next to nothing at that size.
 */
export const MAX_LINALG_ORDER = 1024;

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/**
 * Run `step` in its own tidy scope and replace the carried tensors by what it returns,
 * disposing the previous ones (but never `keep`, the rule's inputs).
 *
 * @example
 * ```ts
 * w = advance(tf, [w], new Set([input]), () => [tf.add(w, 1)])[0];
 * ```
 */
export function advance(tf: Tf, carried: Tensor[], keep: ReadonlySet<Tensor>, step: () => Tensor[]): Tensor[] {
  const next = tf.tidy(step);
  for (const t of carried) if (!keep.has(t) && !next.includes(t)) t.dispose();
  return next;
}

/**
 * `[n]` float32 indices 0..n-1 reshaped to `shape` (one axis of length n, the others 1).
 *
 * @example
 * ```ts
 * iota(tf, 3, [1, 3, 1]); // row indices of a [batch, 3, k] operand
 * ```
 */
export function iota(tf: Tf, n: number, shape: number[]): Tensor {
  return tf.reshape(tf.range(0, n, 1, "float32"), shape);
}

/**
 * x / y with IEEE's special cases: webgl's GLSL division gives 1 for 0/0 and ∞/∞, which are NaN
 * (the `div` rule's correction, ieee-fixes.ts, applies to the primitive, not to these ops).
 *
 * @example
 * ```ts
 * quotient(tf, ctx.dev.backend === "webgl", x, y); // NaN where x = y = 0, as on the CPU
 * ```
 */
export function quotient(tf: Tf, glsl: boolean, x: Tensor, y: Tensor): Tensor {
  const r = tf.div(x, y);
  if (!glsl) return r;
  const undefinedRatio = tf.logicalOr(tf.logicalAnd(tf.equal(x, 0), tf.equal(y, 0)), tf.logicalAnd(tf.isInf(x), tf.isInf(y)));
  return tf.where(undefinedRatio, tf.fill(r.shape, NaN), r);
}

/**
 * `cholesky`: left-looking (column by column). Column j of L below the diagonal is
 * (A[:, j] − L L[j, :]ᵀ) / √d with d its diagonal entry, one matrix-vector product over the
 * columns already done (the later ones are still zero); rows above j are never read. The
 * diagonal entries √d are written at the end (no later column reads them). A matrix with some
 * d ≤ 0 or NaN is not positive definite and becomes NaN, as on the CPU.
 */
function cholesky([a]: Tensor[], _p: null, ctx: LowerCtx): Tensor | null {
  const aval = ctx.inAvals[0];
  if (aval.dtype !== "float32") return null;
  const n = aval.shape[aval.ndim - 1];
  if (n === 0 || aval.size === 0 || n > MAX_LINALG_ORDER) return null;
  const { tf } = ctx;
  const glsl = ctx.dev.backend === "webgl";
  const b = aval.size / (n * n);
  const A = tf.reshape(a, [b, n, n]);
  const ones = tf.ones([b, 1, n]);
  const onesColumn = tf.ones([b, n, 1]);
  // Full-shape indices (spread by matmuls with ones: broadcasting binary kernels are an order of
  // magnitude slower on tfjs-cpu and wasm): on and below the diagonal an element's column, above
  // it −1, so that `equal(lowerColumn, j)` selects column j's rows at and below the diagonal.
  const rowIndex = tf.matMul(tf.mul(iota(tf, n, [1, n, 1]), tf.ones([b, 1, 1])), ones);
  const colIndex = tf.matMul(onesColumn, tf.mul(iota(tf, n, [1, 1, n]), tf.ones([b, 1, 1])));
  const lowerColumn = tf.where(tf.greaterEqual(rowIndex, colIndex), colIndex, tf.fill([b, n, n], -1));
  const pivots: Tensor[] = [];
  let L = tf.zeros([b, n, n]);
  const inputs = new Set<Tensor>();
  for (let j = 0; j < n; j++) {
    [L] = advance(tf, [L], inputs, () => {
      const c = tf.sub(tf.slice(A, [0, 0, j], [b, n, 1]), tf.matMul(L, tf.slice(L, [0, j, 0], [b, 1, n]), false, true));
      const d = tf.slice(c, [0, j, 0], [b, 1, 1]);
      pivots.push(tf.keep(d));
      // Written with a where, not L + col ⊗ e_j, so that ±∞ in the column cannot spread NaN.
      return [tf.where(tf.equal(lowerColumn, j), tf.matMul(quotient(tf, glsl, c, tf.sqrt(d)), ones), L)];
    });
  }
  const d = tf.concat(pivots, 2); // [b, 1, n]
  for (const t of pivots) t.dispose();
  const withDiagonal = tf.where(tf.equal(rowIndex, colIndex), tf.matMul(onesColumn, tf.sqrt(d)), L);
  const positive = tf.all(tf.greater(d, 0), 2, true);
  return tf.reshape(tf.where(positive, withDiagonal, tf.fill([b, n, n], NaN)), [...aval.shape]);
}

/** The parameters of `triangular_solve` (primitives/linalg/triangular-solve.ts). */
interface SolveParams {
  leftSide: boolean;
  lower: boolean;
  transposeA: boolean;
  unitDiagonal: boolean;
}

/**
 * Keep the lower (or upper) triangle of each trailing `[n, n]` matrix of `x` (`[b, n, n]`) and
 * zero the rest with a where (the other triangle may hold anything, NaN included).
 *
 * @example
 * ```ts
 * triangle(tf, a, true); // the lower triangles of a's matrices
 * ```
 */
export function triangle(tf: Tf, x: Tensor, lower: boolean): Tensor {
  const n = x.shape[x.rank - 1] as number;
  const r = iota(tf, n, [n, 1]);
  const c = iota(tf, n, [1, n]);
  const mask = lower ? tf.greaterEqual(r, c) : tf.lessEqual(r, c);
  return tf.where(mask, x, tf.zerosLike(x));
}

/**
 * Solve M Y = W for triangular `m` (`[b, n, n]`, its other triangle zero) and `w`
 * (`[b, n, k]`) by substitution: row j of Y is W[j]/M[j, j], then W −= M[:, j] ⊗ Y[j] for
 * the rows with M[i, j] ≠ 0 (an exactly zero coefficient is skipped, as on the CPU, so ±∞ or
 * NaN in Y[j] reaches only the rows that depend on it). Rows are visited top-down for a lower
 * M, bottom-up for an upper one; `glsl` corrects webgl's 0/0 (`quotient`). Returns Y.
 *
 * @example
 * ```ts
 * substitute(tf, triangle(tf, l, true), w, true, false, false); // L⁻¹ W
 * ```
 */
export function substitute(tf: Tf, m: Tensor, w: Tensor, lower: boolean, unit: boolean, glsl: boolean): Tensor {
  const [b, n, k] = w.shape;
  const ones = tf.ones([b, 1, k]);
  const nonzero = tf.cast(tf.notEqual(m, 0), "float32"); // M ≠ 0 as 0/1
  const ys: Tensor[] = new Array<Tensor>(n);
  const inputs = new Set([w]);
  let rest = w;
  // (m's column j is read twice per step: as coefficients and, above, as the 0/1 dependence.)
  for (let step = 0; step < n; step++) {
    const j = lower ? step : n - 1 - step;
    const last = step === n - 1;
    const [y, next] = advance(tf, [rest], inputs, () => {
      const wj = tf.slice(rest, [0, j, 0], [b, 1, k]);
      const yj = unit ? tf.clone(wj) : quotient(tf, glsl, wj, tf.slice(m, [0, j, j], [b, 1, 1]));
      if (last) return [yj, rest];
      const mj = tf.slice(m, [0, 0, j], [b, n, 1]);
      // The rows that depend on Y[j], spread over the columns: outer products are matmuls, and
      // the comparisons are against a scalar (broadcasting kernels are slow on tfjs-cpu, wasm).
      const depends = tf.notEqual(tf.matMul(tf.slice(nonzero, [0, 0, j], [b, n, 1]), ones), 0);
      return [yj, tf.where(depends, tf.sub(rest, tf.matMul(mj, yj)), rest)];
    });
    ys[j] = y;
    rest = next;
  }
  const out = tf.concat(ys, 1);
  for (const y of ys) y.dispose();
  if (rest !== w) rest.dispose();
  return out;
}

/**
 * `triangular_solve`: op(A) X = B (left) or X op(A) = B (right, solved as op(A)ᵀ Xᵀ = Bᵀ) by
 * substitution on the read triangle of A; see `substitute`.
 */
function triangularSolve([a, bm]: Tensor[], p: SolveParams, ctx: LowerCtx): Tensor | null {
  const [aval, bval] = ctx.inAvals;
  if (aval.dtype !== "float32" || bval.dtype !== "float32") return null;
  const n = aval.shape[aval.ndim - 1];
  if (n === 0 || bval.size === 0 || n > MAX_LINALG_ORDER) return null;
  const { tf } = ctx;
  const batch = prod(aval.shape.slice(0, -2));
  const [br, bc] = bval.shape.slice(-2);
  const A = triangle(tf, tf.reshape(a, [batch, n, n]), p.lower);
  // The matrix M of the left solve M Y = W: op(A), or op(A)ᵀ for a right solve.
  const transposed = p.transposeA !== !p.leftSide;
  const M = transposed ? tf.transpose(A, [0, 2, 1]) : A;
  const B = tf.reshape(bm, [batch, br, bc]);
  const W = p.leftSide ? B : tf.transpose(B, [0, 2, 1]);
  const Y = substitute(tf, M, W, p.lower !== transposed, p.unitDiagonal, ctx.dev.backend === "webgl");
  return tf.reshape(p.leftSide ? Y : tf.transpose(Y, [0, 2, 1]), [...bval.shape]);
}

/** Constant `[b, m, 1]` operands of `pivotPosition`: −1, ∞ and m (past the last position). */
interface PivotConstants {
  minusOne: Tensor;
  infinity: Tensor;
  past: Tensor;
}

/**
 * The pivot at step j of a column `col` (`[b, m, 1]`, rows in their original order) whose rows
 * sit at positions `position` (`[b, m, 1]` float32): the position (`[b, 1, 1]`) of the row among
 * the `active` ones (at position ≥ j) with the largest magnitude, the first such position on
 * ties, or of the first NaN there if there is one (the CPU's rule). Rows at positions above j
 * are done and take no part.
 *
 * @example
 * ```ts
 * pivotPosition(tf, tf.slice(w, [0, 0, j], [b, m, 1]), position, tf.greaterEqual(position, j), constants); // [b, 1, 1]
 * ```
 */
export function pivotPosition(tf: Tf, col: Tensor, position: Tensor, active: Tensor, constants: PivotConstants): Tensor {
  const size = tf.where(active, tf.abs(col), constants.minusOne);
  const nan = tf.isNaN(size);
  const key = tf.where(nan, constants.infinity, size);
  // With a NaN in the column only NaN rows qualify (they also hold the largest key, ∞).
  const candidate = tf.logicalAnd(tf.equal(key, tf.max(key, 1, true)), tf.logicalOr(nan, tf.logicalNot(tf.any(nan, 1, true))));
  return tf.min(tf.where(candidate, position, constants.past), 1, true);
}

/**
 * `lu`: right-looking elimination with partial pivoting. The rows are never moved during the
 * loop: `position` records where each row currently is (a row swap is two small `where`s on
 * it), and the rows are put in place by one gather at the end. Step j picks the pivot
 * (`pivotPosition`), reads the pivot row (a gather of one row per matrix), and subtracts
 * f ⊗ (pivot row) from the columns right of j in the rows still below, f = A[:, j]/pivot,
 * skipping rows with f = 0 (all of them when the pivot is zero: the column is left as it is,
 * as LAPACK does). Column j keeps its unscaled values until the end, where the whole strictly
 * lower part is divided by the pivots at once.
 */
function lu([a]: Tensor[], _p: null, ctx: LowerCtx): Tensor[] | null {
  const aval = ctx.inAvals[0];
  if (aval.dtype !== "float32" || aval.size === 0) return null;
  const [m, n] = aval.shape.slice(-2);
  const k = Math.min(m, n);
  if (k > MAX_LINALG_ORDER) return null;
  const { tf } = ctx;
  const glsl = ctx.dev.backend === "webgl";
  const lead = aval.shape.slice(0, -2);
  const b = aval.size / (m * n);
  const rowIndex = tf.mul(iota(tf, m, [1, m, 1]), tf.ones([b, 1, 1])); // [b, m, 1]
  const colIndex = tf.mul(iota(tf, n, [1, 1, n]), tf.ones([b, 1, 1])); // [b, 1, n]
  const onesColumn = tf.ones([b, m, 1]);
  const zerosColumn = tf.zeros([b, m, 1]);
  const constants = { minusOne: tf.fill([b, m, 1], -1), infinity: tf.fill([b, m, 1], Infinity), past: tf.fill([b, m, 1], m) };
  const batchStart = tf.reshape(tf.range(0, b * m, m, "int32"), [b, 1]);
  const inputs = new Set<Tensor>();
  let w = tf.reshape(a, [b, m, n]);
  inputs.add(w);
  inputs.add(rowIndex);
  let position = rowIndex;
  const pivots: Tensor[] = [];
  const diagonal: Tensor[] = [];
  for (let j = 0; j < k; j++) {
    [w, position] = advance(tf, [w, position], inputs, () => {
      const col = tf.slice(w, [0, 0, j], [b, m, 1]);
      const active = tf.greaterEqual(position, j);
      const p = pivotPosition(tf, col, position, active, constants); // [b, 1, 1]
      pivots.push(tf.keep(tf.reshape(p, [b, 1])));
      const isPivot = tf.equal(position, p); // [b, m, 1], one row
      const pivotIndex = tf.cast(tf.reshape(tf.min(tf.where(isPivot, rowIndex, constants.past), 1), [b, 1]), "int32");
      const pivotRow = tf.reshape(tf.gather(tf.reshape(w, [b * m, n]), tf.reshape(tf.add(pivotIndex, batchStart), [b])), [b, 1, n]);
      const d = tf.slice(pivotRow, [0, 0, j], [b, 1, 1]);
      diagonal.push(tf.keep(d));
      const below = tf.logicalAnd(tf.logicalAnd(active, tf.logicalNot(isPivot)), tf.notEqual(d, 0));
      const f = tf.where(below, quotient(tf, glsl, col, d), zerosColumn);
      // Rows with f ≠ 0 times columns right of j, spread by a matmul of 0/1 factors.
      const update = tf.greater(tf.matMul(tf.cast(tf.notEqual(f, 0), "float32"), tf.cast(tf.greater(colIndex, j), "float32")), 0);
      const next = tf.where(update, tf.sub(w, tf.matMul(f, pivotRow)), w);
      // Swap: the row at position j goes to p, the pivot row to j.
      const moved = tf.where(isPivot, tf.fill([b, m, 1], j), tf.where(tf.equal(position, j), tf.mul(p, onesColumn), position));
      return [next, moved];
    });
  }
  // The row at each position (the permutation), from a one-hot matrix of the positions (exact
  // in float32 for m < 2^24), then the rows put in place by one gather.
  const perm = tf.cast(tf.matMul(tf.cast(tf.equal(position, tf.transpose(rowIndex, [0, 2, 1])), "float32"), rowIndex, true, false), "int32"); // [b, m, 1]
  const ordered = tf.reshape(tf.gather(tf.reshape(w, [b * m, n]), tf.reshape(tf.add(tf.reshape(perm, [b, m]), batchStart), [b * m])), [b, m, n]);
  // Below the diagonal, divide each column by its pivot (unless the pivot is zero).
  const pivotsRow = tf.concat(n > k ? [...diagonal, tf.ones([b, 1, n - k])] : diagonal, 2); // [b, 1, n]
  const strictlyLower = tf.greater(iota(tf, m, [1, m, 1]), iota(tf, n, [1, 1, n])); // [1, m, n]
  const scale = tf.logicalAnd(strictlyLower, tf.notEqual(pivotsRow, 0));
  const packed = tf.where(scale, quotient(tf, glsl, ordered, pivotsRow), ordered);
  const piv = tf.cast(tf.concat(pivots, 1), "int32");
  for (const t of [...pivots, ...diagonal]) t.dispose();
  return [tf.reshape(packed, [...aval.shape]), tf.reshape(piv, [...lead, k]), tf.reshape(perm, [...lead, m])];
}

/** The rules of this family, keyed by primitive name. */
export const linalgLowerings: Readonly<Record<string, LoweringRule>> = {
  cholesky,
  triangular_solve: triangularSolve,
  lu,
};
