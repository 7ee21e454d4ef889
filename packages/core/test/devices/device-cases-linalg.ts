/**
 * Device cases for dense linear algebra (cholesky, triangular_solve, lu) (see device-cases.ts).
 */
import { type Array, ConcreteArray, grad, jit, lax, np, vmap } from "../../src/index.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** A float32 CPU array from plain numbers (NaN and ±Infinity allowed). */
function f32v(values: number[], shape: number[]): Array {
  return new ConcreteArray(Float32Array.from(values), shape, "float32");
}

/** Well-conditioned symmetric positive definite float32 matrices: X Xᵀ/n + I for uniform X, `[...lead, n, n]`. */
function spd(lead: number[], n: number, seed: number): Array {
  const x = f32([...lead, n, n], seed);
  const eye = np.eye(n, undefined, 0, "float32");
  return np.matmul(x, np.swapaxes(x, -1, -2)).div(n).add(eye);
}

/** Well-conditioned general float32 matrices: uniform entries plus 2·I, `[...lead, n, n]`. */
function general(lead: number[], n: number, seed: number): Array {
  return f32([...lead, n, n], seed, -1, 1).add(np.eye(n, undefined, 0, "float32").mul(2));
}

/** `x` with NaN in the triangle a solve with `lower` must not read (strictly above or below the diagonal). */
function poisonOtherTriangle(x: Array, lower: boolean): Array {
  const n = x.shape[x.ndim - 1];
  const other = Uint8Array.from({ length: n * n }, (_, q) => (lower ? q % n > Math.floor(q / n) : q % n < Math.floor(q / n)) ? 1 : 0);
  return np.where(new ConcreteArray(other, [n, n], "bool"), NaN, x);
}

const TOL = { rtol: 1e-4, atol: 1e-5 };
const SOLVE_FLAGS = [true, false].flatMap((leftSide) => [true, false].flatMap((lower) => [true, false].flatMap((transposeA) => [true, false].map((unitDiagonal) => ({ leftSide, lower, transposeA, unitDiagonal })))));

// Most cases share a few shapes (a batch of two 4×4 matrices, three right-hand sides): webgl
// compiles a shader per op and shape, which is most of these cases' time there.

/** The cases. */
export const LINALG_CASES: DeviceCase[] = [
  { name: "cholesky and solve", f: (a) => { const s = a.matmul(np.transpose(a)).add(np.eye(3, undefined, 0, "float32").mul(3)); return [np.linalg.cholesky(s), np.linalg.solve(s, np.ones([3], "float32"))]; }, inputs: () => [f32([3, 3], 27)], tol: TOL },
  {
    name: "cholesky: over two leading axes, upper, reads only the lower triangle, jitted, n = 1",
    f: (s, t) => [np.linalg.cholesky(s), np.linalg.cholesky(s, { upper: true }), lax.cholesky(t, { symmetrizeInput: false }), jit((u: Array) => lax.cholesky(u))(s), lax.cholesky(np.sqrt(s.index(0, 0, np.s(0, 1), np.s(0, 1))))],
    inputs: () => [spd([1, 2], 4, 100), poisonOtherTriangle(spd([2], 4, 101), true)],
    tol: TOL,
  },
  {
    name: "cholesky: a matrix that is not positive definite (negative, zero or NaN pivot) is all NaN, its batch neighbour is not",
    f: (s, t) => [lax.cholesky(s), lax.cholesky(t)],
    inputs: () => [
      f32v([4, 2, 0, 0, 2, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, /**/ 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0, 2, 1], [2, 4, 4]),
      f32v([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, /**/ 1, 0, 0, 0, 0, NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], [2, 4, 4]),
    ],
  },
  {
    name: "triangular_solve: left and right, lower and upper, transposed, unit diagonal, batched (the other triangle holds NaN)",
    f: (a, bl, br) => SOLVE_FLAGS.map((p) => lax.triangularSolve(poisonOtherTriangle(a, p.lower), p.leftSide ? bl : br, p)),
    inputs: () => [general([2], 4, 102), f32([2, 4, 3], 103), f32([2, 3, 4], 104)],
    tol: TOL,
  },
  {
    name: "triangular_solve: a zero on the diagonal gives ±∞ and NaN exactly where the CPU does (zero coefficients are skipped)",
    f: (a, b) => [lax.triangularSolve(a, b, { leftSide: true, lower: true }), lax.triangularSolve(a, b, { leftSide: true, lower: true, transposeA: true }), lax.triangularSolve(a, np.swapaxes(b, 1, 2), { leftSide: false, lower: true })],
    inputs: () => [
      f32v([2, 0, 0, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0, 0, 1, 5, /**/ 0, 0, 0, 0, 1, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 4], [2, 4, 4]),
      f32v([1, 0, 2, 0, 3, 4, -1, 1, 0, 2, 0, 1, /**/ 0, 1, -1, 2, 0, 1, 1, 1, 0, 0, 3, 0], [2, 4, 3]),
    ],
  },
  {
    name: "lu: square, wide and tall, batched, pivots and permutation",
    f: (a, w, t) => [...lax.lu(a), ...lax.lu(w), ...lax.lu(t)],
    inputs: () => [f32([2, 4, 4], 107), f32([2, 3, 4], 108), f32([2, 4, 3], 109)],
    tol: TOL,
  },
  {
    name: "lu: ties pick the first row, NaN wins the pivot, a zero pivot leaves its column, an all-zero matrix",
    f: (a, z) => [...lax.lu(a), ...lax.lu(z)],
    inputs: () => [
      f32v([1, 2, 3, 0, -1, 3, 1, 1, 1, 0, 2, 2, -1, 5, 5, 5, /**/ 1, 2, 3, 4, NaN, 1, 1, 1, 2, NaN, 0, 1, 2, 1, 1, 1], [2, 4, 4]),
      f32v([0, 1, 2, 0, 0, 3, 4, 1, 0, 5, 6, 1, 0, 1, 1, 1, /**/ ...globalThis.Array<number>(16).fill(0)], [2, 4, 4]),
    ],
  },
  {
    name: "±∞ entries: the CPU's ∞, NaN and zeros (a Cholesky diagonal of ∞, LU and solves on ∞ and −∞)",
    f: (a, g) => [lax.cholesky(a, { symmetrizeInput: false }), ...lax.lu(g), lax.triangularSolve(g, a, { leftSide: true, lower: false }), lax.triangularSolve(a, g, { leftSide: false, lower: true, transposeA: true })],
    inputs: () => [
      f32v([Infinity, 0, 0, 0, 1, 2, 0, 0, 0.5, 1, 3, 0, 0, 0, 0, 1, /**/ 4, 0, 0, 0, Infinity, 2, 0, 0, 1, 1, 3, 0, 0, 0, 0, 1], [2, 4, 4]),
      f32v([Infinity, 1, 2, 0, 0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 0, 1, /**/ 1, 2, 0, 0, 0, Infinity, 1, 0, 2, 1, -Infinity, 0, 0, 0, 0, 1], [2, 4, 4]),
    ],
  },
  {
    name: "np.linalg.solve, inv, det, slogdet, solveTriangular: batched, vector and matrix right-hand sides, under vmap",
    f: (a, b, v) => [
      np.linalg.solve(a, b),
      np.linalg.solve(a, v),
      np.linalg.inv(a),
      np.linalg.det(a),
      ...np.linalg.slogdet(a),
      vmap((m: Array, u: Array) => np.linalg.solveTriangular(m, u, { lower: true, trans: "T" }))(a, b.index(np.s(null), np.s(null), 0)),
    ],
    inputs: () => [general([2], 4, 110), f32([2, 4, 3], 111), f32([4], 112)],
    tol: TOL,
  },
  {
    name: "singular matrices: solve and inv give the CPU's ±∞ and NaN, det 0, slogdet (0, −∞)",
    f: (a, z, b) => [np.linalg.solve(a, b), np.linalg.inv(a), np.linalg.det(a), ...np.linalg.slogdet(a), np.linalg.solve(z, b), np.linalg.inv(z), np.linalg.det(z)],
    inputs: () => [
      f32v([1, 2, 0, 0, 2, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, /**/ 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3], [2, 4, 4]),
      f32v([...globalThis.Array<number>(16).fill(0), /**/ 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0], [2, 4, 4]),
      f32v([1, 1, 2, 0, 0, 3, 1, -1, 0, 2, 0, 1, /**/ 2, 0, 1, 1, 0, 0, 1, 2, 1, 1, 1, 1], [2, 4, 3]),
    ],
  },
  {
    name: "cholesky-based: a multivariate normal log density and a Cholesky solve, jit of vmap",
    f: (s, x) =>
      jit(
        vmap((c: Array, v: Array) => {
          const l = np.linalg.cholesky(c);
          const z = np.linalg.solveTriangular(l, v, { lower: true });
          const alpha = np.linalg.solveTriangular(l, z, { lower: true, trans: "T" });
          return [np.sum(np.square(z)).mul(-0.5).sub(np.sum(np.log(np.diagonal(l)))), alpha];
        }),
      )(s, x),
    inputs: () => [spd([2], 4, 113), f32([2, 4], 114)],
    tol: TOL,
  },
  {
    name: "gradients through cholesky and solve, eager and jitted, and of slogdet and inv under vmap",
    f: (s, b, a) => {
      const logdet = (c: Array) => np.sum(np.log(np.diagonal(np.linalg.cholesky(c), 0, -2, -1))).mul(2);
      const quad = (c: Array) => np.sum(np.linalg.solve(c, b).mul(b));
      const both = (c: Array) => logdet(c).add(quad(c));
      return [
        grad(logdet)(s),
        grad(quad)(s),
        grad(both)(s),
        jit(grad(both))(s),
        grad((v: Array) => np.sum(np.linalg.solve(s, v).mul(v)))(b),
        vmap(grad((m: Array) => np.linalg.slogdet(m)[1]))(a),
        vmap(grad((m: Array) => np.sum(np.linalg.inv(m))))(a),
      ];
    },
    inputs: () => [spd([2], 4, 115), f32([2, 4, 3], 116), general([2], 4, 117)],
    tol: { rtol: 5e-4, atol: 5e-5 },
  },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const LINALG_ON_DEVICE: string[] = ["cholesky", "triangular_solve", "lu"];
