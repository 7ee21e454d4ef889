/**
 * `lu`: LU decomposition with partial pivoting, A[perm] = L U, batched over leading dims.
 * Outputs the packed factors (L below the diagonal with an implicit unit diagonal, U on
 * and above it), the LAPACK-style row swaps `pivots` and the row permutation `perm`.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { allocate, isFloat } from "../../core/dtype.js";
import { type Primitive, Zero, definePrimitive } from "../../core/primitive.js";
import { bind } from "../../core/trace.js";
import { range } from "../../core/shape.js";
import { add, convertElementType, eq } from "../binary.js";
import { scalar } from "../constants.js";
import { broadcastInDim } from "../shape-ops.js";
import { pad, slice } from "../slicing.js";
import { triangularSolve } from "./triangular-solve.js";
import { leadingBatch, matmul, matrixConst, tril, triu } from "./util.js";

function luAvals(a: ShapedArray): ShapedArray[] {
  if (a.ndim < 2) throw new Error(`lu: expected matrices [..., m, n], got ${a}`);
  if (!isFloat(a.dtype)) throw new Error(`lu: expected a float array, got ${a} (np.linalg functions convert integers)`);
  const lead = a.shape.slice(0, -2);
  const [m, n] = a.shape.slice(-2);
  return [a, new ShapedArray([...lead, Math.min(m, n)], "int32"), new ShapedArray([...lead, m], "int32")];
}

function luImpl(a: ConcreteArray): ConcreteArray[] {
  const [luA, pivA, permA] = luAvals(a.aval);
  const [m, n] = a.shape.slice(-2);
  const k = Math.min(m, n);
  const batches = a.shape.slice(0, -2).reduce((s, d) => s * d, 1);
  const out = allocate(a.dtype, a.size);
  const piv = new Int32Array(pivA.size);
  const perm = new Int32Array(permA.size);
  const w = new Float64Array(m * n);
  for (let t = 0; t < batches; t++) {
    const o = t * m * n;
    for (let q = 0; q < m * n; q++) w[q] = a.data[o + q];
    const pm = t * m;
    for (let i = 0; i < m; i++) perm[pm + i] = i;
    for (let j = 0; j < k; j++) {
      // Pivot: the largest magnitude in column j at or below the diagonal (NaN wins).
      let p = j;
      let best = Math.abs(w[j * n + j]);
      for (let i = j + 1; i < m; i++) {
        const v = Math.abs(w[i * n + j]);
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          p = i;
        }
      }
      piv[t * k + j] = p;
      if (p !== j) {
        for (let c = 0; c < n; c++) {
          const tmp = w[j * n + c];
          w[j * n + c] = w[p * n + c];
          w[p * n + c] = tmp;
        }
        const tp = perm[pm + j];
        perm[pm + j] = perm[pm + p];
        perm[pm + p] = tp;
      }
      const d = w[j * n + j];
      if (d === 0) continue; // singular: leave the column as it is (as LAPACK)
      for (let i = j + 1; i < m; i++) {
        const f = (w[i * n + j] /= d);
        if (f === 0) continue;
        for (let c = j + 1; c < n; c++) w[i * n + c] -= f * w[j * n + c];
      }
    }
    for (let q = 0; q < m * n; q++) out[o + q] = w[q];
  }
  return [
    new ConcreteArray(out, luA.shape, luA.dtype, luA.weakType),
    new ConcreteArray(piv, pivA.shape, "int32"),
    new ConcreteArray(perm, permA.shape, "int32"),
  ];
}

/**
 * The permutation matrices P with P[..., i, j] = (perm[..., i] == j), of `like`'s dtype,
 * so that P A = A[perm] (built from comparisons, so it works under every transformation).
 *
 * @example
 * ```ts
 * const [lu, , perm] = lax.lu(a);
 * matmul(permutationMatrix(perm, a), a); // a with its rows permuted as the factorisation did
 * ```
 */
export function permutationMatrix(perm: Array, like: Array): Array {
  const m = perm.shape[perm.ndim - 1];
  const lead = perm.shape.slice(0, -1);
  const shape = [...lead, m, m];
  const r = shape.length;
  const rows = broadcastInDim(perm, shape, [...range(lead.length), r - 2]);
  const iota = new ConcreteArray(Int32Array.from(range(m)), [m], "int32");
  const cols = broadcastInDim(iota, shape, [r - 1]);
  return convertElementType(eq(rows, cols), like.dtype);
}

/** The `lu` primitive: outputs `[lu, pivots, permutation]`; see `lu`. */
export const luP: Primitive<null> = definePrimitive<null>({
  name: "lu",
  abstractEval: ([a]) => luAvals(a),
  impl: ([a]) => luImpl(a),
  jvp: ([a], [ta]) => {
    const outs = bind(luP, [a], null);
    const [lu, pivots, perm] = outs;
    const zeros = [new Zero(pivots.aval), new Zero(perm.aval)];
    if (ta instanceof Zero) return [outs, [new Zero(lu.aval), ...zeros]];
    // P A = L U ⇒ P dA = dL U + L dU ⇒ L⁻¹ P dA U⁻¹ = L⁻¹ dL + dU U⁻¹, a strictly lower
    // plus an upper triangular matrix. So with X = L⁻¹ P dA U⁻¹:
    //   dL = L · tril(X, −1),  dU = triu(X) · U,  and d(packed LU) = dL + dU.
    // For rectangular A, L is extended to [m, m] and U to [n, n] with identity blocks.
    const r = a.ndim;
    const lead = a.shape.slice(0, -2);
    const [m, n] = a.shape.slice(-2);
    const k = Math.min(m, n);
    const zero = scalar(0, a.dtype);
    const none = lead.map(() => 0);
    const lCols = slice(lu, [...none, 0, 0], [...lead, m, k]);
    const lPad = pad(tril(lCols, -1), zero, [...none, 0, 0], [...none, 0, m - k]);
    const l = add(lPad, broadcastInDim(matrixConst(a, m, m, (i, j) => (i === j ? 1 : 0)), [...lead, m, m], [r - 2, r - 1]));
    const uRows = slice(lu, [...none, 0, 0], [...lead, k, n]);
    const uPad = pad(triu(uRows), zero, [...none, 0, 0], [...none, n - k, 0]);
    const uEye = matrixConst(a, n, n, (i, j) => (i === j && i >= k ? 1 : 0));
    const u = add(uPad, broadcastInDim(uEye, [...lead, n, n], [r - 2, r - 1]));
    const x = matmul(permutationMatrix(perm, a), ta);
    const la = triangularSolve(l, x, { leftSide: true, lower: true, unitDiagonal: true });
    const lau = triangularSolve(u, la, { leftSide: false, lower: false });
    const dLu = add(matmul(l, tril(lau, -1)), matmul(triu(lau), u));
    return [outs, [dLu, ...zeros]];
  },
  batch: leadingBatch<null>(([a]) => bind(luP, [a], null)),
});

/**
 * LU decomposition with partial pivoting of each trailing `[m, n]` matrix of `a`:
 * returns `[lu, pivots, permutation]` with `a[..., permutation, :] = L U`, where `L` is the
 * unit lower triangle of `lu` (`[m, min(m, n)]`) and `U` its upper triangle
 * (`[min(m, n), n]`). `pivots[i]` is the row swapped with row i at step i (LAPACK's
 * `getrf`, zero-based); both index outputs are int32.
 *
 * @example
 * ```ts
 * const [lu, pivots, perm] = lax.lu(np.array([[1, 2], [3, 4]]));
 * lu.tolist();     // [[3, 4], [1/3, 2/3]]
 * pivots.tolist(); // [1, 1]
 * perm.tolist();   // [1, 0]
 * ```
 */
export function lu(a: Array): [Array, Array, Array] {
  const [f, p, q] = bind(luP, [a], null);
  return [f, p, q];
}
