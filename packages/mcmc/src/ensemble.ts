/**
 * The affine-invariant ensemble sampler (Goodman & Weare 2010; emcee): a set of walkers updated
 * half at a time against the other half, with emcee's stretch move or its differential-evolution
 * move. Gradient-free.
 *
 * @module
 */
import { type LogDensity, logDensityValue } from "./log-density.js";
import { type Rng } from "./rng.js";

/**
 * An ensemble: `numWalkers × dim` positions (row-major) and each walker's log density. A step
 * updates the state **in place** and returns it.
 */
export interface EnsembleState {
  numWalkers: number;
  dim: number;
  positions: Float64Array;
  logdensities: Float64Array;
}

/** What one ensemble step reports. */
export interface EnsembleInfo {
  /** The mean Metropolis acceptance probability over walkers. */
  acceptanceRate: number;
  /** Walkers whose proposal was accepted. */
  numAccepted: number;
}

/** The ensemble moves. */
export type EnsembleMove =
  | { type: "stretch"; a?: number }
  | { type: "de"; gamma?: number; sigma?: number };

/**
 * An ensemble from initial walker positions (an array of positions, or a `numWalkers × dim`
 * row-major array). Needs at least 4 walkers, an even number is customary (emcee asks for ≥ 2 dim).
 *
 * @example
 * ```ts
 * const walkers = Array.from({ length: 8 }, () => [rng.normal(), rng.normal()]);
 * const s = ensembleInit(ld, walkers);
 * ```
 */
export function ensembleInit(ld: LogDensity, walkers: readonly (readonly number[] | Float64Array)[] | Float64Array): EnsembleState {
  const dim = ld.dim;
  const positions = walkers instanceof Float64Array ? walkers.slice() : Float64Array.from(walkers.flatMap((w) => Array.from(w)));
  if (positions.length % dim !== 0) throw new RangeError(`ensemble.init: ${positions.length} numbers do not make walkers of dimension ${dim}`);
  const numWalkers = positions.length / dim;
  if (numWalkers < 4) throw new RangeError(`ensemble.init: needs at least 4 walkers; got ${numWalkers}`);
  const logdensities = new Float64Array(numWalkers);
  const scratch = new Float64Array(dim);
  for (let k = 0; k < numWalkers; k++) {
    const lp = logDensityValue(ld, positions.subarray(k * dim, (k + 1) * dim), scratch);
    if (!Number.isFinite(lp)) throw new RangeError(`ensemble.init: the log density of walker ${k} is ${lp}; start every walker inside the support`);
    logdensities[k] = lp;
  }
  return { numWalkers, dim, positions, logdensities };
}

/** An ensemble step: updates `state` in place and returns it. */
export type EnsembleKernel = (rng: Rng, state: EnsembleState, move?: EnsembleMove) => { state: EnsembleState; info: EnsembleInfo };

/**
 * Build the ensemble step. The walkers are split into two halves; each half moves against the
 * other (frozen) half, so the update is a valid MCMC step for the joint ensemble.
 *
 * - stretch (default, `a = 2`): `y = c + z (x − c)` for a random walker `c` of the other half,
 *   `z ~ g(z) ∝ 1/√z` on `[1/a, a]`; accepted with `min(1, z^(d−1) π(y) / π(x))`;
 * - de: `y = x + γ (c₁ − c₂) + σ ε` for two distinct walkers of the other half,
 *   `γ = 2.38 / √(2d)` and `σ = 1e-5` by default; accepted with `min(1, π(y) / π(x))`.
 *
 * @example
 * ```ts
 * const step = buildEnsembleKernel(ld);
 * let s = ensembleInit(ld, walkers);
 * for (let i = 0; i < 1000; i++) step(rng, s, { type: "stretch" });
 * ```
 */
export function buildEnsembleKernel(ld: LogDensity): EnsembleKernel {
  const dim = ld.dim;
  const y = new Float64Array(dim);
  const scratch = new Float64Array(dim);
  return (rng, state, move = { type: "stretch" }) => {
    const W = state.numWalkers;
    const half = W >> 1;
    const pos = state.positions;
    const lps = state.logdensities;
    let acc = 0;
    let numAccepted = 0;
    for (let part = 0; part < 2; part++) {
      const start = part === 0 ? 0 : half;
      const end = part === 0 ? half : W;
      const oStart = part === 0 ? half : 0;
      const oCount = part === 0 ? W - half : half;
      for (let k = start; k < end; k++) {
        const xo = k * dim;
        let logRatio: number;
        let lpNew: number;
        if (move.type === "stretch") {
          const a = move.a ?? 2;
          const u = rng.uniform();
          const t = (a - 1) * u + 1;
          const z = (t * t) / a;
          const c = (oStart + rng.int(oCount)) * dim;
          for (let i = 0; i < dim; i++) y[i] = pos[c + i] + z * (pos[xo + i] - pos[c + i]);
          lpNew = logDensityValue(ld, y, scratch);
          logRatio = (dim - 1) * Math.log(z) + lpNew - lps[k];
        } else {
          const gamma = move.gamma ?? 2.38 / Math.sqrt(2 * dim);
          const sigma = move.sigma ?? 1e-5;
          const i1 = rng.int(oCount);
          let i2 = rng.int(oCount - 1);
          if (i2 >= i1) i2++;
          const c1 = (oStart + i1) * dim;
          const c2 = (oStart + i2) * dim;
          for (let i = 0; i < dim; i++) y[i] = pos[xo + i] + gamma * (pos[c1 + i] - pos[c2 + i]) + sigma * rng.normal();
          lpNew = logDensityValue(ld, y, scratch);
          logRatio = lpNew - lps[k];
        }
        const p = logRatio >= 0 ? 1 : logRatio === logRatio ? Math.exp(logRatio) : 0;
        acc += p;
        if (rng.uniform() < p) {
          for (let i = 0; i < dim; i++) pos[xo + i] = y[i];
          lps[k] = lpNew;
          numAccepted++;
        }
      }
    }
    return { state, info: { acceptanceRate: acc / W, numAccepted } };
  };
}

/**
 * The ensemble sampler with its move fixed (emcee's `EnsembleSampler(nwalkers, ndim, log_prob, moves=…)`).
 *
 * @example
 * ```ts
 * const algo = ensemble(ld, { type: "de" });
 * const s = algo.init(walkers);
 * algo.step(rng, s); // in place
 * ```
 */
export function ensemble(ld: LogDensity, move: EnsembleMove = { type: "stretch" }) {
  const kernel = buildEnsembleKernel(ld);
  return {
    init: (walkers: readonly (readonly number[] | Float64Array)[] | Float64Array) => ensembleInit(ld, walkers),
    step: (rng: Rng, state: EnsembleState) => kernel(rng, state, move),
  };
}
