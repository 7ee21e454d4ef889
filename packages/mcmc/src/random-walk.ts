/**
 * Gradient-free and gradient-informed Metropolis–Hastings kernels: the Gaussian random walk
 * (BlackJAX's `normal_random_walk` / `rmh`) and Barker's proposal (BlackJAX's `barker_proposal`,
 * Livingstone & Zanella 2022).
 *
 * @module
 */
import { type LogDensity, logDensityValue } from "./log-density.js";
import { type Rng } from "./rng.js";
import { emptyGradientState, initGradientState } from "./state.js";
import { type HMCState, type MHInfo, type SamplingAlgorithm } from "./types.js";

/** The state of a random-walk chain: a position and its log density. */
export interface RWState {
  position: Float64Array;
  logdensity: number;
}

/** The proposal scale: one standard deviation for every coordinate, or one per coordinate. */
export type Scale = number | Float64Array;

/**
 * The initial random-walk state at `position`.
 *
 * @example
 * ```ts
 * const s = rwmInit(ld, [0, 0]);
 * ```
 */
export function rwmInit(ld: LogDensity, position: Float64Array | readonly number[]): RWState {
  if (position.length !== ld.dim) throw new RangeError(`rwm.init: the position has ${position.length} entries; the log density has dimension ${ld.dim}`);
  const q = Float64Array.from(position);
  const lp = logDensityValue(ld, q, new Float64Array(ld.dim));
  if (!Number.isFinite(lp)) throw new RangeError(`rwm.init: the log density at the initial position is ${lp}; start inside the support`);
  return { position: q, logdensity: lp };
}

/** A random-walk Metropolis transition; `out`, when given, receives the new state. */
export type RWMKernel = (rng: Rng, state: RWState, params: { scale: Scale }, out?: RWState) => { state: RWState; info: MHInfo };

/**
 * Build the Gaussian random-walk Metropolis transition: propose `x + scale ⊙ z`, `z ~ N(0, I)`,
 * accept with probability `min(1, π(y) / π(x))`.
 *
 * @example
 * ```ts
 * const kernel = buildRwmKernel(ld);
 * const { state, info } = kernel(rng, rwmInit(ld, [0, 0]), { scale: 0.8 });
 * ```
 */
export function buildRwmKernel(ld: LogDensity): RWMKernel {
  const dim = ld.dim;
  const y = new Float64Array(dim);
  const scratch = new Float64Array(dim);
  return (rng, state, params, out) => {
    const s = params.scale;
    const x = state.position;
    if (typeof s === "number") for (let i = 0; i < dim; i++) y[i] = x[i] + s * rng.normal();
    else for (let i = 0; i < dim; i++) y[i] = x[i] + s[i] * rng.normal();
    const lp = logDensityValue(ld, y, scratch);
    const logRatio = lp - state.logdensity;
    const acceptanceRate = logRatio >= 0 ? 1 : logRatio === logRatio ? Math.exp(logRatio) : 0;
    const isAccepted = rng.uniform() < acceptanceRate;
    const res = out ?? { position: new Float64Array(dim), logdensity: 0 };
    if (isAccepted) {
      res.position.set(y);
      res.logdensity = lp;
    } else if (res !== state) {
      res.position.set(x);
      res.logdensity = state.logdensity;
    }
    return { state: res, info: { acceptanceRate, isAccepted } };
  };
}

/**
 * Random-walk Metropolis with its scale fixed (BlackJAX's `normal_random_walk(logdensity_fn, sigma)`).
 *
 * @example
 * ```ts
 * const algo = rwm(ld, { scale: 2.38 / Math.sqrt(ld.dim) });
 * let s = algo.init([0, 0]);
 * ({ state: s } = algo.step(rng, s));
 * ```
 */
export function rwm(ld: LogDensity, params: { scale: Scale }): SamplingAlgorithm<RWState, MHInfo> {
  const kernel = buildRwmKernel(ld);
  return { init: (p) => rwmInit(ld, p), step: (rng, s, out) => kernel(rng, s, params, out) };
}

function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** Barker's tunables: a step size and an optional diagonal inverse mass matrix (the squared scales). */
export interface BarkerParameters {
  stepSize: number;
  inverseMassMatrix?: Float64Array;
}

/** A Barker transition on gradient states; `out`, when given, receives the new state. */
export type BarkerKernel = (rng: Rng, state: HMCState, params: BarkerParameters, out?: HMCState) => { state: HMCState; info: MHInfo };

/**
 * Build Barker's proposal transition: each coordinate moves by `±σᵢ zᵢ`, keeping the sign with
 * probability `1 / (1 + exp(−σᵢ zᵢ ∂ᵢ log π(x)))`, then a Metropolis–Hastings correction with
 * the skew-symmetric proposal ratio. Robust to badly tuned step sizes.
 *
 * @example
 * ```ts
 * const kernel = buildBarkerKernel(ld);
 * const { state } = kernel(rng, barkerInit(ld, [0, 0]), { stepSize: 1 });
 * ```
 */
export function buildBarkerKernel(ld: LogDensity): BarkerKernel {
  const dim = ld.dim;
  const y = new Float64Array(dim);
  const gy = new Float64Array(dim);
  return (rng, state, params, out) => {
    const x = state.position;
    const gx = state.logdensityGrad;
    const inv = params.inverseMassMatrix;
    const eps = params.stepSize;
    for (let i = 0; i < dim; i++) {
      const sd = inv === undefined ? eps : eps * Math.sqrt(inv[i]);
      let z = sd * rng.normal();
      const pKeep = 1 / (1 + Math.exp(-z * gx[i]));
      if (!(rng.uniform() < pKeep)) z = -z;
      y[i] = x[i] + z;
    }
    let lp = ld.valueAndGrad(y, gy);
    if (lp !== lp) lp = -Infinity;
    let logRatio = lp - state.logdensity;
    if (lp > -Infinity) {
      for (let i = 0; i < dim; i++) {
        const d = y[i] - x[i];
        logRatio += softplus(-d * gx[i]) - softplus(d * gy[i]);
      }
    }
    const acceptanceRate = logRatio >= 0 ? 1 : logRatio === logRatio ? Math.exp(logRatio) : 0;
    const isAccepted = rng.uniform() < acceptanceRate;
    const res = out ?? emptyGradientState(dim);
    if (isAccepted) {
      res.position.set(y);
      res.logdensityGrad.set(gy);
      res.logdensity = lp;
    } else if (res !== state) {
      res.position.set(x);
      res.logdensityGrad.set(gx);
      res.logdensity = state.logdensity;
    }
    return { state: res, info: { acceptanceRate, isAccepted } };
  };
}

/**
 * The initial Barker state (position, log density, gradient).
 *
 * @example
 * ```ts
 * const s = barkerInit(ld, [0, 0]);
 * ```
 */
export function barkerInit(ld: LogDensity, position: Float64Array | readonly number[]): HMCState {
  return initGradientState(ld, position, "barker.init");
}

/**
 * Barker's proposal with its tunables fixed (BlackJAX's `barker_proposal(logdensity_fn, step_size)`).
 *
 * @example
 * ```ts
 * const algo = barker(ld, { stepSize: 1.5 });
 * let s = algo.init([0, 0]);
 * ({ state: s } = algo.step(rng, s));
 * ```
 */
export function barker(ld: LogDensity, params: BarkerParameters): SamplingAlgorithm<HMCState, MHInfo> {
  const kernel = buildBarkerKernel(ld);
  return { init: (p) => barkerInit(ld, p), step: (rng, s, out) => kernel(rng, s, params, out) };
}
