/**
 * Elliptical slice sampling (Murray, Adams & MacKay 2010; BlackJAX's `elliptical_slice`) for a
 * posterior `N(x; mean, Σ) · L(x)`: a Gaussian prior times a likelihood. No tuning, no gradient.
 *
 * @module
 */
import { type LogDensity, logDensityValue } from "./log-density.js";
import { cholesky } from "./metrics.js";
import { type Rng } from "./rng.js";
import { type SamplingAlgorithm } from "./types.js";

/** The state of an elliptical slice chain: a position and its log-likelihood. */
export interface EllipticalSliceState {
  position: Float64Array;
  loglikelihood: number;
}

/** What one elliptical slice transition reports. */
export interface EllipticalSliceInfo {
  /** Angle brackets shrunk before a point on the slice was found. */
  numSubiterations: number;
  /** The last angle tried (the accepted one). */
  theta: number;
}

/** The Gaussian prior: its mean and covariance (a variance per coordinate, or a dense `dim²` row-major matrix). */
export interface GaussianPrior {
  mean?: Float64Array;
  cov: Float64Array;
}

/**
 * Elliptical slice sampling of `N(mean, cov) × exp(logLikelihood)`. `logLikelihood` is used only
 * through its value. Updates allocate only the returned state and info.
 *
 * @example
 * ```ts
 * // Prior N(0, I₂), likelihood N(y | x, 0.5² I).
 * const like = fromFunction(2, (x, g) => -2 * ((x[0] - 1) ** 2 + (x[1] + 1) ** 2));
 * const algo = ellipticalSlice(like, { cov: Float64Array.of(1, 1) });
 * let s = algo.init([0, 0]);
 * ({ state: s } = algo.step(rng, s));
 * ```
 */
export function ellipticalSlice(logLikelihood: LogDensity, prior: GaussianPrior): SamplingAlgorithm<EllipticalSliceState, EllipticalSliceInfo> {
  const dim = logLikelihood.dim;
  const mean = prior.mean ?? new Float64Array(dim);
  if (mean.length !== dim) throw new RangeError(`ellipticalSlice: the prior mean has ${mean.length} entries; expected ${dim}`);
  const dense = prior.cov.length === dim * dim && dim > 1;
  if (!dense && prior.cov.length !== dim) throw new RangeError(`ellipticalSlice: the prior covariance has ${prior.cov.length} entries; expected ${dim} (diagonal) or ${dim * dim} (dense)`);
  const chol = dense ? cholesky(prior.cov, dim) : null;
  if (dense && chol === null) throw new RangeError("ellipticalSlice: the prior covariance is not positive definite");
  const sd = dense ? null : Float64Array.from(prior.cov, Math.sqrt);
  const nu = new Float64Array(dim);
  const z = new Float64Array(dim);
  const y = new Float64Array(dim);
  const scratch = new Float64Array(dim);
  return {
    init(position) {
      if (position.length !== dim) throw new RangeError(`ellipticalSlice.init: the position has ${position.length} entries; expected ${dim}`);
      const q = Float64Array.from(position);
      const ll = logDensityValue(logLikelihood, q, scratch);
      if (!Number.isFinite(ll)) throw new RangeError(`ellipticalSlice.init: the log-likelihood at the initial position is ${ll}`);
      return { position: q, loglikelihood: ll };
    },
    step(rng: Rng, state, out) {
      // ν ~ N(0, Σ).
      for (let i = 0; i < dim; i++) z[i] = rng.normal();
      if (chol !== null) {
        for (let i = 0; i < dim; i++) {
          let s = 0;
          for (let j = 0; j <= i; j++) s += chol[i * dim + j] * z[j];
          nu[i] = s;
        }
      } else {
        for (let i = 0; i < dim; i++) nu[i] = sd![i] * z[i];
      }
      const logY = state.loglikelihood + Math.log(rng.uniform());
      let theta = 2 * Math.PI * rng.uniform();
      let lo = theta - 2 * Math.PI;
      let hi = theta;
      const x = state.position;
      let n = 0;
      let ll: number;
      for (;;) {
        const c = Math.cos(theta), s = Math.sin(theta);
        for (let i = 0; i < dim; i++) y[i] = (x[i] - mean[i]) * c + nu[i] * s + mean[i];
        ll = logDensityValue(logLikelihood, y, scratch);
        if (ll > logY) break;
        n++;
        if (theta < 0) lo = theta;
        else hi = theta;
        theta = lo + (hi - lo) * rng.uniform();
        if (n > 10_000) throw new Error("ellipticalSlice: the slice shrank to a point 10000 times; is the log-likelihood finite at the current position?");
      }
      const res = out ?? { position: new Float64Array(dim), loglikelihood: 0 };
      res.position.set(y);
      res.loglikelihood = ll;
      return { state: res, info: { numSubiterations: n, theta } };
    },
  };
}
