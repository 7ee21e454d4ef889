/**
 * `cholesky`: the lower Cholesky factor L (A = L Lᵀ) of symmetric positive definite
 * matrices, batched over leading dims.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { allocate, isFloat } from "../../core/dtype.js";
import { type Primitive, Zero, definePrimitive } from "../../core/primitive.js";
import { bind1 } from "../../core/trace.js";
import { add, div } from "../binary.js";
import { fullLike } from "../constants.js";
import { triangularSolve } from "./triangular-solve.js";
import { leadingBatch, mT, matmul, matrixConst, mulMatrix } from "./util.js";

function choleskyAval(a: ShapedArray): ShapedArray {
  const n = a.shape[a.ndim - 1];
  if (a.ndim < 2 || a.shape[a.ndim - 2] !== n) throw new Error(`cholesky: expected square matrices [..., n, n], got ${a}`);
  if (!isFloat(a.dtype)) throw new Error(`cholesky: expected a float array, got ${a} (np.linalg.cholesky converts integers)`);
  return a;
}

/** Factor each trailing matrix, reading only its lower triangle; NaN-fill matrices that are not positive definite. */
function choleskyImpl(a: ConcreteArray): ConcreteArray {
  choleskyAval(a.aval);
  const n = a.shape[a.ndim - 1];
  const nb = n === 0 ? 0 : a.size / (n * n);
  const out = allocate(a.dtype, a.size);
  const l = new Float64Array(n * n);
  for (let t = 0; t < nb; t++) {
    const o = t * n * n;
    l.fill(0);
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      let d = a.data[o + j * n + j];
      for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
      if (!(d > 0)) {
        ok = false;
        break;
      }
      const ljj = Math.sqrt(d);
      l[j * n + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        let s = a.data[o + i * n + j];
        for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
        l[i * n + j] = s / ljj;
      }
    }
    if (ok) for (let q = 0; q < n * n; q++) out[o + q] = l[q];
    else for (let q = 0; q < n * n; q++) out[o + q] = NaN;
  }
  return new ConcreteArray(out, a.shape, a.dtype, a.weakType);
}

/** The `cholesky` primitive (reads the lower triangle, no symmetrisation); see `cholesky`. */
export const choleskyP: Primitive<null> = definePrimitive<null>({
  name: "cholesky",
  abstractEval: ([a]) => [choleskyAval(a)],
  impl: ([a]) => [choleskyImpl(a)],
  jvp: ([a], [ta]) => {
    const L = bind1(choleskyP, [a], null);
    if (ta instanceof Zero) return [[L], [new Zero(L.aval)]];
    // A = L Lᵀ ⇒ L⁻¹ dA L⁻ᵀ = L⁻¹ dL + (L⁻¹ dL)ᵀ, and L⁻¹ dL is lower triangular, so
    // dL = L Φ(L⁻¹ dA L⁻ᵀ) with Φ taking the lower triangle and halving the diagonal.
    const n = a.shape[a.ndim - 1];
    const right = triangularSolve(L, ta, { leftSide: false, lower: true, transposeA: true }); // dA L⁻ᵀ
    const inner = triangularSolve(L, right, { leftSide: true, lower: true, transposeA: false }); // L⁻¹ dA L⁻ᵀ
    const phi = mulMatrix(inner, matrixConst(a, n, n, (i, j) => (i > j ? 1 : i === j ? 0.5 : 0)));
    return [[L], [matmul(L, phi)]];
  },
  batch: leadingBatch<null>(([a]) => [bind1(choleskyP, [a], null)]),
});

/**
 * The lower Cholesky factor L with A = L Lᵀ of each trailing `[n, n]` matrix of `a`.
 * With `symmetrizeInput` (the default, as JAX) A is first replaced by (A + Aᵀ)/2, which
 * also makes the gradient symmetric; otherwise only the lower triangle is read. A matrix
 * that is not positive definite gives a matrix of NaN (no error is thrown).
 *
 * @example
 * ```ts
 * lax.cholesky(np.array([[4, 2], [2, 5]])); // [[2, 0], [1, 2]]
 * ```
 */
export function cholesky(a: Array, options: { symmetrizeInput?: boolean } = {}): Array {
  let x = a;
  if (options.symmetrizeInput ?? true) {
    choleskyAval(a.aval);
    x = div(add(a, mT(a)), fullLike(a, 2));
  }
  return bind1(choleskyP, [x], null);
}
