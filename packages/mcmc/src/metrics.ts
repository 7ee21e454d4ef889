/**
 * Euclidean metrics (the kinetic energy of HMC): a diagonal or dense inverse mass matrix.
 *
 * As BlackJAX's `metrics.gaussian_euclidean`: the momentum is drawn from `N(0, M)`, the kinetic
 * energy is `p' M⁻¹ p / 2` and the velocity is `M⁻¹ p`. An inverse mass matrix of length `dim`
 * is diagonal; one of length `dim²` is dense (row-major, symmetric positive definite).
 *
 * @module
 */
import { type Rng } from "./rng.js";

/** An inverse mass matrix: its diagonal (length `dim`) or the whole matrix (length `dim²`, row-major). */
export type InverseMassMatrix = Float64Array;

/** A Gaussian Euclidean metric with preallocated scratch space. */
export interface Metric {
  readonly dim: number;
  readonly kind: "diagonal" | "dense";
  readonly inverseMassMatrix: InverseMassMatrix;
  /** Draw `p ~ N(0, M)` into `out`. */
  sampleMomentum(rng: Rng, out: Float64Array): void;
  /** `p' M⁻¹ p / 2`. */
  kineticEnergy(p: Float64Array): number;
  /** `out = M⁻¹ p`. */
  velocity(p: Float64Array, out: Float64Array): void;
  /** `out = M⁻¹ p`, returning `p' M⁻¹ p / 2`. */
  kineticAndVelocity(p: Float64Array, out: Float64Array): number;
}

/**
 * The metric of an inverse mass matrix: diagonal when `inverseMassMatrix.length === dim`, dense
 * when it is `dim * dim`. A dense matrix is Cholesky-factorised once here.
 *
 * @example
 * ```ts
 * const m = gaussianEuclidean(2, Float64Array.of(1, 4));
 * m.kineticEnergy(Float64Array.of(1, 1)); // (1 + 4) / 2
 * ```
 */
export function gaussianEuclidean(dim: number, inverseMassMatrix: InverseMassMatrix): Metric {
  if (inverseMassMatrix.length === dim) return diagonalMetric(dim, inverseMassMatrix);
  if (inverseMassMatrix.length === dim * dim) return denseMetric(dim, inverseMassMatrix);
  throw new RangeError(`gaussianEuclidean: an inverse mass matrix for dimension ${dim} has ${dim} (diagonal) or ${dim * dim} (dense) entries; got ${inverseMassMatrix.length}`);
}

function diagonalMetric(dim: number, inv: Float64Array): Metric {
  for (let i = 0; i < dim; i++) {
    if (!(inv[i] > 0) || !Number.isFinite(inv[i])) throw new RangeError(`gaussianEuclidean: the diagonal inverse mass matrix must be positive and finite; entry ${i} is ${inv[i]}`);
  }
  const sd = new Float64Array(dim);
  for (let i = 0; i < dim; i++) sd[i] = 1 / Math.sqrt(inv[i]);
  return {
    dim,
    kind: "diagonal",
    inverseMassMatrix: inv,
    sampleMomentum(rng, out) {
      for (let i = 0; i < dim; i++) out[i] = rng.normal() * sd[i];
    },
    // p'M⁻¹p is summed in two interleaved partial sums (even and odd indices): the sum's
    // latency, not its arithmetic, bounds a single running sum. The staged integrator sums alike.
    kineticEnergy(p) {
      let k0 = 0;
      let k1 = 0;
      let i = 0;
      for (; i + 1 < dim; i += 2) {
        k0 += inv[i] * p[i] * p[i];
        k1 += inv[i + 1] * p[i + 1] * p[i + 1];
      }
      if (i < dim) k0 += inv[i] * p[i] * p[i];
      return 0.5 * (k0 + k1);
    },
    velocity(p, out) {
      for (let i = 0; i < dim; i++) out[i] = inv[i] * p[i];
    },
    kineticAndVelocity(p, out) {
      let k0 = 0;
      let k1 = 0;
      let i = 0;
      for (; i + 1 < dim; i += 2) {
        const v = inv[i] * p[i];
        out[i] = v;
        k0 += v * p[i];
        const w = inv[i + 1] * p[i + 1];
        out[i + 1] = w;
        k1 += w * p[i + 1];
      }
      if (i < dim) {
        const v = inv[i] * p[i];
        out[i] = v;
        k0 += v * p[i];
      }
      return 0.5 * (k0 + k1);
    },
  };
}

/**
 * The lower Cholesky factor `L` of a symmetric positive-definite row-major `n × n` matrix
 * (`a = L L'`), or `null` when it is not positive definite.
 *
 * @example
 * ```ts
 * cholesky(Float64Array.of(4, 2, 2, 2), 2); // [2, 0, 1, 1]
 * ```
 */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

function denseMetric(dim: number, inv: Float64Array): Metric {
  // inv = C C' (C lower); then M = C'⁻¹ C⁻¹ and p = C'⁻¹ z has covariance M.
  const c = cholesky(inv, dim);
  if (c === null) throw new RangeError("gaussianEuclidean: the dense inverse mass matrix is not symmetric positive definite");
  const z = new Float64Array(dim);
  const n = dim;
  const matvec = (p: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s += inv[row + j] * p[j];
      out[i] = s;
    }
  };
  return {
    dim,
    kind: "dense",
    inverseMassMatrix: inv,
    sampleMomentum(rng, out) {
      for (let i = 0; i < n; i++) z[i] = rng.normal();
      // Back substitution: C' out = z (C' is upper triangular, C'[i][j] = C[j][i]).
      for (let i = n - 1; i >= 0; i--) {
        let s = z[i];
        for (let j = i + 1; j < n; j++) s -= c[j * n + i] * out[j];
        out[i] = s / c[i * n + i];
      }
    },
    kineticEnergy(p) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) s += inv[row + j] * p[j];
        k += s * p[i];
      }
      return 0.5 * k;
    },
    velocity: matvec,
    kineticAndVelocity(p, out) {
      matvec(p, out);
      let k = 0;
      for (let i = 0; i < n; i++) k += out[i] * p[i];
      return 0.5 * k;
    },
  };
}

/**
 * A metric cache for kernels: returns the metric of `inverseMassMatrix`, rebuilding it only when
 * a different array (by identity) is passed. Treat inverse mass matrices handed to kernels as
 * immutable: to change one, pass a new array.
 *
 * @example
 * ```ts
 * const metricOf = metricCache(2);
 * const m = metricOf(Float64Array.of(1, 1));
 * ```
 */
export function metricCache(dim: number): (inverseMassMatrix: InverseMassMatrix) => Metric {
  let last: Metric | null = null;
  return (inv) => {
    if (last === null || last.inverseMassMatrix !== inv) last = gaussianEuclidean(dim, inv);
    return last;
  };
}
