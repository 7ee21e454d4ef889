/**
 * Sample Adaptive MCMC (Zhu 2019) as NumPyro's `SA` kernel: a gradient-free sampler that keeps a
 * set of `N` points, proposes from a Gaussian fitted to them, and drops one of the `N + 1` points
 * with probability proportional to `q(z) / π(z)`, where `q` is the Gaussian fitted to the other
 * `N`. As NumPyro, each step returns one point drawn uniformly from the set (not all `N`), and
 * the mean and (co)variance are recomputed from the set at every step.
 *
 * @module
 */
import { type LogDensity, logDensityValue } from "./log-density.js";
import { cholesky } from "./metrics.js";
import { type Rng } from "./rng.js";

/** The state of an SA chain. Steps update it **in place** and return it. */
export interface SAState {
  /** The set of points, `N × dim` row-major. */
  zs: Float64Array;
  /** Their log densities. */
  logdensities: Float64Array;
  /** The current draw (one of the set) and its log density. */
  position: Float64Array;
  logdensity: number;
}

/** What one SA step reports. */
export interface SAInfo {
  /** One minus the probability of dropping the new proposal. */
  acceptanceRate: number;
  /** The proposal's log density fell more than 1000 below the current draw's. */
  isDivergent: boolean;
}

/** Options of {@link sa}. */
export interface SAOptions {
  /** Points kept (default `2 dim`, at least 2… NumPyro's heuristic). */
  adaptStateSize?: number;
  /** Fit a dense covariance (default true, as NumPyro) or a diagonal one. */
  denseMass?: boolean;
  /** The spread of the initial points around the initial position (standard deviations; default 1). */
  initialScale?: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Sample Adaptive MCMC for `ld` (NumPyro's `SA(potential_fn=…)`). It needs many warmup steps
 * (its proposal is learnt from the set); run a few thousand steps and discard them.
 *
 * @example
 * ```ts
 * const algo = sa(ld, { denseMass: true });
 * const rng = rngFromKey(random.key(0));
 * const s = algo.init(rng, [0, 0]);
 * for (let i = 0; i < 5000; i++) algo.step(rng, s); // in place
 * ```
 */
export function sa(ld: LogDensity, options: SAOptions = {}) {
  const dim = ld.dim;
  const N = options.adaptStateSize ?? 2 * dim;
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`sa: adaptStateSize must be an integer > 1; got ${N}`);
  const dense = options.denseMass ?? true;
  const scratch = new Float64Array(dim);
  const loc = new Float64Array(dim);
  const cov = new Float64Array(dense ? dim * dim : dim);
  const covJ = new Float64Array(dense ? dim * dim : dim);
  const locJ = new Float64Array(dim);
  const z = new Float64Array(dim);
  const eps = new Float64Array(dim);
  const logw = new Float64Array(N + 1);
  const dev = new Float64Array(dim);
  let scale: Float64Array = new Float64Array(dense ? dim * dim : dim);

  const fit = (zs: Float64Array) => {
    loc.fill(0);
    for (let k = 0; k < N; k++) for (let i = 0; i < dim; i++) loc[i] += zs[k * dim + i] / N;
    cov.fill(0);
    for (let k = 0; k < N; k++) {
      for (let i = 0; i < dim; i++) {
        const di = zs[k * dim + i] - loc[i];
        if (dense) for (let j = 0; j < dim; j++) cov[i * dim + j] += (di * (zs[k * dim + j] - loc[j])) / N;
        else cov[i] += (di * di) / N;
      }
    }
  };

  /** log N(x; m, C) for the current dense/diagonal C, or -Infinity if C is not positive definite. */
  const logNormal = (x: Float64Array, xo: number, m: Float64Array, C: Float64Array): number => {
    let s = 0;
    let logDet = 0;
    if (dense) {
      const L = cholesky(C, dim);
      if (L === null) return -Infinity;
      // Solve L w = x − m.
      for (let i = 0; i < dim; i++) {
        let v = x[xo + i] - m[i];
        for (let j = 0; j < i; j++) v -= L[i * dim + j] * dev[j];
        dev[i] = v / L[i * dim + i];
        s += dev[i] * dev[i];
        logDet += 2 * Math.log(L[i * dim + i]);
      }
    } else {
      for (let i = 0; i < dim; i++) {
        if (!(C[i] > 0)) return -Infinity;
        const d = x[xo + i] - m[i];
        s += (d * d) / C[i];
        logDet += Math.log(C[i]);
      }
    }
    return -0.5 * (s + logDet + dim * LOG_2PI);
  };

  return {
    /**
     * The initial set: `N` points `position + initialScale · ε`, one of them the current draw.
     */
    init(rng: Rng, position: Float64Array | readonly number[]): SAState {
      if (position.length !== dim) throw new RangeError(`sa.init: the position has ${position.length} entries; expected ${dim}`);
      const s0 = options.initialScale ?? 1;
      const zs = new Float64Array(N * dim);
      const lps = new Float64Array(N);
      for (let k = 0; k < N; k++) {
        for (let i = 0; i < dim; i++) zs[k * dim + i] = position[i] + s0 * rng.normal();
        lps[k] = logDensityValue(ld, zs.subarray(k * dim, (k + 1) * dim), scratch);
      }
      const k = rng.int(N);
      return { zs, logdensities: lps, position: zs.slice(k * dim, (k + 1) * dim), logdensity: lps[k] };
    },
    step(rng: Rng, state: SAState): { state: SAState; info: SAInfo } {
      const zs = state.zs;
      const lps = state.logdensities;
      fit(zs);
      // Proposal z = loc + scale ε (scale: Cholesky factor, or standard deviations).
      if (dense) {
        const L = cholesky(cov, dim);
        if (L !== null) scale = L;
        else if (scale.every((v) => v === 0)) for (let i = 0; i < dim; i++) scale[i * dim + i] = 1;
      } else {
        for (let i = 0; i < dim; i++) scale[i] = Math.sqrt(cov[i]) || scale[i] || 1;
      }
      for (let i = 0; i < dim; i++) eps[i] = rng.normal();
      for (let i = 0; i < dim; i++) {
        let v = loc[i];
        if (dense) for (let j = 0; j <= i; j++) v += scale[i * dim + j] * eps[j];
        else v += scale[i] * eps[i];
        z[i] = v;
      }
      const lpz = logDensityValue(ld, z, scratch);
      const isDivergent = state.logdensity - lpz > 1000;
      // Drop weights: for j < N, the Gaussian fitted to the set with z_j replaced by z, at z_j;
      // for j = N, the current fit at z.
      const w = 1 / N;
      const fullCov = dense ? cov : cov;
      for (let j = 0; j < N; j++) {
        const zo = j * dim;
        for (let i = 0; i < dim; i++) locJ[i] = loc[i] + w * (z[i] - zs[zo + i]);
        if (dense) {
          for (let a = 0; a < dim; a++) {
            const da = z[a] - loc[a], ea = zs[zo + a] - loc[a], fa = z[a] - zs[zo + a];
            for (let b = 0; b < dim; b++) {
              covJ[a * dim + b] = fullCov[a * dim + b] + w * da * (z[b] - loc[b]) - w * ea * (zs[zo + b] - loc[b]) - w * w * fa * (z[b] - zs[zo + b]);
            }
          }
        } else {
          for (let a = 0; a < dim; a++) {
            const da = z[a] - loc[a], ea = zs[zo + a] - loc[a], fa = z[a] - zs[zo + a];
            covJ[a] = fullCov[a] + w * da * da - w * ea * ea - w * w * fa * fa;
          }
        }
        const lw = logNormal(zs, zo, locJ, covJ) - lps[j];
        logw[j] = Number.isFinite(lw) ? lw : -Infinity;
      }
      {
        const lw = logNormal(z, 0, loc, fullCov) - lpz;
        logw[N] = Number.isFinite(lw) ? lw : -Infinity;
      }
      let mx = -Infinity;
      for (let j = 0; j <= N; j++) if (logw[j] > mx) mx = logw[j];
      let total = 0;
      for (let j = 0; j <= N; j++) total += mx === -Infinity ? 1 : Math.exp(logw[j] - mx);
      // Draw the index to drop.
      let u = rng.uniform() * total;
      let drop = N;
      for (let j = 0; j <= N; j++) {
        u -= mx === -Infinity ? 1 : Math.exp(logw[j] - mx);
        if (u < 0) {
          drop = j;
          break;
        }
      }
      const pDropNew = mx === -Infinity ? 1 / (N + 1) : Math.exp(logw[N] - mx) / total;
      if (drop < N) {
        zs.set(z, drop * dim);
        lps[drop] = lpz;
      }
      const k = rng.int(N);
      state.position.set(zs.subarray(k * dim, (k + 1) * dim));
      state.logdensity = lps[k];
      return { state, info: { acceptanceRate: 1 - pDropNew, isDivergent } };
    },
  };
}
