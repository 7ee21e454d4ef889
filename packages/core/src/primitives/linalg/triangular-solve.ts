/**
 * `triangular_solve`: solve op(A) X = B (left side) or X op(A) = B (right side) for a
 * triangular A, batched over leading dims. Linear in B.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { allocate, isFloat } from "../../core/dtype.js";
import { type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../../core/primitive.js";
import { bind1 } from "../../core/trace.js";
import { shapeEqual } from "../../core/shape.js";
import { addTangents, mapTangent } from "../../core/tangent.js";
import { moveaxis } from "../../interpreters/batching.js";
import { neg } from "../unary.js";
import { reshape } from "../shape-ops.js";
import { leadingBatch, mT, matmul, tril, triu } from "./util.js";

/** Options of `triangularSolve`. */
export interface TriangularSolveParams {
  /** Solve op(A) X = B (true) or X op(A) = B (false). */
  readonly leftSide: boolean;
  /** A is lower (true) or upper (false) triangular; the other triangle is never read. */
  readonly lower: boolean;
  /** op(A) = Aᵀ (true) or A (false). */
  readonly transposeA: boolean;
  /** Assume ones on the diagonal of A (the diagonal is never read). */
  readonly unitDiagonal: boolean;
}

function solveAval(a: ShapedArray, b: ShapedArray, p: TriangularSolveParams): ShapedArray {
  const bad = (why: string) => new Error(`triangular_solve: ${why} (a: ${a}, b: ${b}, leftSide=${p.leftSide})`);
  if (a.dtype !== b.dtype) throw bad("a and b must have the same dtype");
  if (!isFloat(a.dtype)) throw bad("expected float operands");
  if (a.ndim < 2 || b.ndim !== a.ndim) throw bad("a and b must have the same rank ≥ 2");
  const m = a.shape[a.ndim - 1];
  if (a.shape[a.ndim - 2] !== m) throw bad("a must be square in its last two axes");
  if (!shapeEqual(a.shape.slice(0, -2), b.shape.slice(0, -2))) throw bad("a and b must have the same leading (batch) dims");
  const k = p.leftSide ? b.shape[b.ndim - 2] : b.shape[b.ndim - 1];
  if (k !== m) throw bad(`b's ${p.leftSide ? "rows" : "columns"} must match a's size ${m}`);
  return new ShapedArray(b.shape, b.dtype, a.weakType && b.weakType);
}

/**
 * Solve in place on `w` ([m, c] row-major): M Y = W for triangular M read from `a` at
 * offset `ao` with M(i, k) = a[ao + i*si + k*sk].
 */
function substitute(a: ArrayLike<number>, ao: number, si: number, sk: number, lowerM: boolean, unit: boolean, w: Float64Array, m: number, c: number): void {
  for (let step = 0; step < m; step++) {
    const i = lowerM ? step : m - 1 - step;
    const row = i * c;
    const k0 = lowerM ? 0 : i + 1;
    const k1 = lowerM ? i : m;
    for (let k = k0; k < k1; k++) {
      const mik = a[ao + i * si + k * sk];
      if (mik === 0) continue;
      const rk = k * c;
      for (let j = 0; j < c; j++) w[row + j] -= mik * w[rk + j];
    }
    if (!unit) {
      const d = a[ao + i * si + i * sk];
      for (let j = 0; j < c; j++) w[row + j] /= d;
    }
  }
}

function solveImpl(a: ConcreteArray, b: ConcreteArray, p: TriangularSolveParams): ConcreteArray {
  const aval = solveAval(a.aval, b.aval, p);
  const m = a.shape[a.ndim - 1];
  const [br, bc] = b.shape.slice(-2);
  const nb = b.size / Math.max(1, br * bc);
  // Right side: X op(A) = B  ⇔  op(A)ᵀ Xᵀ = Bᵀ, a left solve on the transposes.
  const tM = p.transposeA !== !p.leftSide;
  const lowerM = p.lower !== tM;
  const [si, sk] = tM ? [1, m] : [m, 1];
  const c = p.leftSide ? bc : br;
  const out = allocate(aval.dtype, b.size);
  const w = new Float64Array(m * c);
  for (let t = 0; t < nb; t++) {
    const bo = t * br * bc;
    if (p.leftSide) for (let q = 0; q < m * c; q++) w[q] = b.data[bo + q];
    else for (let i = 0; i < m; i++) for (let j = 0; j < c; j++) w[i * c + j] = b.data[bo + j * bc + i];
    if (m > 0) substitute(a.data, t * m * m, si, sk, lowerM, p.unitDiagonal, w, m, c);
    if (p.leftSide) for (let q = 0; q < m * c; q++) out[bo + q] = w[q];
    else for (let i = 0; i < m; i++) for (let j = 0; j < c; j++) out[bo + j * bc + i] = w[i * c + j];
  }
  return new ConcreteArray(out, aval.shape, aval.dtype, aval.weakType);
}

/** The `triangular_solve` primitive, linear in b; see `triangularSolve`. */
export const triangularSolveP: Primitive<TriangularSolveParams> = definePrimitive<TriangularSolveParams>({
  name: "triangular_solve",
  abstractEval: ([a, b], p) => [solveAval(a, b, p)],
  impl: ([a, b], p) => [solveImpl(a, b, p)],
  jvp: ([a, b], [ta, tb], p) => {
    const x = triangularSolve(a, b, p);
    const fromB: Tangent = mapTangent(tb, (u) => triangularSolve(a, u, p), x.aval);
    let fromA: Tangent = new Zero(x.aval);
    if (!(ta instanceof Zero)) {
      // Only the triangle of A that is read has a tangent: d(op(A)) = op(tri(dA)).
      const k = p.unitDiagonal ? 1 : 0;
      const tri = p.lower ? tril(ta, -k) : triu(ta, k);
      let g = neg(tri);
      if (p.transposeA) g = mT(g);
      const solve = (r: Array) => triangularSolve(a, r, p);
      const [m, n] = x.shape.slice(-2);
      // Left:  op(A) X = B ⇒ dX = op(A)⁻¹ (−op(dA) X).  Right: dX = (−X op(dA)) op(A)⁻¹.
      // Each product can be taken before or after the solve; pick the cheaper order.
      if (p.leftSide) fromA = m > n ? solve(matmul(g, x)) : matmul(solve(g), x);
      else fromA = m < n ? solve(matmul(x, g)) : matmul(x, solve(g));
    }
    return [[x], [addTangents(fromA, fromB)]];
  },
  batch: ([a, b], [da, db], p) => {
    if (da !== null || db === null) return leadingBatch<TriangularSolveParams>(([x, y], q) => [triangularSolve(x, y, q)])([a, b], [da, db], p);
    // Only b is batched: fold the vmapped axis into b's free axis (columns on the left
    // side, rows on the right) and solve once against the shared A.
    const r = a.ndim;
    const lead = a.shape.slice(0, -2);
    const n = b.shape[db];
    if (p.leftSide) {
      const bm = moveaxis(b, db, r);
      const [rows, cols] = bm.shape.slice(r - 2, r);
      const x = triangularSolve(a, reshape(bm, [...lead, rows, cols * n]), p);
      return [[reshape(x, [...lead, rows, cols, n])], [r]];
    }
    const bm = moveaxis(b, db, r - 2);
    const [rows, cols] = bm.shape.slice(r - 1, r + 1);
    const x = triangularSolve(a, reshape(bm, [...lead, n * rows, cols]), p);
    return [[reshape(x, [...lead, n, rows, cols])], [r - 2]];
  },
  transpose: ([ct], [a, b], p) => {
    if (a instanceof UndefPrimal) throw new Error("triangular_solve: transpose with respect to the matrix a (non-linear)");
    const bu = b as UndefPrimal;
    return [null, mapTangent(ct, (c) => triangularSolve(a, c, { ...p, transposeA: !p.transposeA }), bu.aval)];
  },
  formatParams: (p) => `[left_side=${p.leftSide} lower=${p.lower} transpose_a=${p.transposeA} unit_diagonal=${p.unitDiagonal}]`,
});

/**
 * Solve a triangular system: op(A) X = B when `leftSide` (B is `[..., m, n]`), else
 * X op(A) = B (B is `[..., n, m]`), with A `[..., m, m]` lower or upper triangular and
 * op(A) = Aᵀ when `transposeA`. Only A's `lower` (or upper) triangle is read; with
 * `unitDiagonal` its diagonal is taken to be ones. Leading dims of A and B must match.
 *
 * @example
 * ```ts
 * const L = np.array([[2, 0], [1, 1]]);
 * lax.triangularSolve(L, np.array([[2], [3]]), { leftSide: true, lower: true }); // [[1], [2]]
 * ```
 */
export function triangularSolve(a: Array, b: Array, options: Partial<TriangularSolveParams> = {}): Array {
  const p: TriangularSolveParams = {
    leftSide: options.leftSide ?? false,
    lower: options.lower ?? false,
    transposeA: options.transposeA ?? false,
    unitDiagonal: options.unitDiagonal ?? false,
  };
  return bind1(triangularSolveP, [a, b], p);
}
