/**
 * Step-size adaptation: Nesterov dual averaging (Hoffman & Gelman 2014, as Stan and BlackJAX's
 * `adaptation.step_size`) and Stan's initial step-size heuristic.
 *
 * @module
 */
import { type IntegratorName, type Integrator, integratorState, makeIntegrator } from "../integrators.js";
import { type LogDensity } from "../log-density.js";
import { type InverseMassMatrix, gaussianEuclidean } from "../metrics.js";
import { type Rng } from "../rng.js";
import { type HMCState } from "../types.js";

/** The state of dual averaging (all on the log scale). */
export interface DualAveragingState {
  /** The current iterate: the step size to use next is `exp(logStepSize)`. */
  logStepSize: number;
  /** The averaged iterate: the step size to keep after adaptation is `exp(logStepSizeAvg)`. */
  logStepSizeAvg: number;
  /** Iterations since the last restart. */
  step: number;
  /** The running average of `target − acceptance`. */
  avgError: number;
  /** The shrinkage point, `log(10 ε₀)`. */
  mu: number;
}

/** Dual averaging constants (Stan's and NumPyro's defaults). */
export interface DualAveragingOptions {
  /** Target mean acceptance statistic (default 0.8). */
  targetAcceptanceRate?: number;
  /** Stabilises the first iterations (default 10). */
  t0?: number;
  /** Decay of the averaging weights (default 0.75). */
  kappa?: number;
  /** Shrinkage towards `mu` (default 0.05). */
  gamma?: number;
}

/**
 * Start (or restart) dual averaging from a step size: `mu = log(10 ε₀)`.
 *
 * @example
 * ```ts
 * let da = dualAveragingInit(0.5);
 * ```
 */
export function dualAveragingInit(initialStepSize: number): DualAveragingState {
  return { logStepSize: Math.log(initialStepSize), logStepSizeAvg: 0, step: 0, avgError: 0, mu: Math.log(10 * initialStepSize) };
}

/**
 * One dual-averaging update from an acceptance statistic (clipped to [0, 1]; NaN counts as 0).
 * Returns a new state.
 *
 * @example
 * ```ts
 * da = dualAveragingUpdate(da, info.acceptanceRate);
 * const stepSize = Math.exp(da.logStepSize);          // during warmup
 * const finalStepSize = Math.exp(da.logStepSizeAvg);  // after it
 * ```
 */
export function dualAveragingUpdate(state: DualAveragingState, acceptanceRate: number, options: DualAveragingOptions = {}): DualAveragingState {
  const delta = options.targetAcceptanceRate ?? 0.8;
  const t0 = options.t0 ?? 10;
  const kappa = options.kappa ?? 0.75;
  const gamma = options.gamma ?? 0.05;
  const a = acceptanceRate === acceptanceRate ? Math.min(1, Math.max(0, acceptanceRate)) : 0;
  const step = state.step + 1;
  const eta = 1 / (step + t0);
  const avgError = (1 - eta) * state.avgError + eta * (delta - a);
  const logStepSize = state.mu - (avgError * Math.sqrt(step)) / gamma;
  const w = Math.pow(step, -kappa);
  const logStepSizeAvg = (1 - w) * state.logStepSizeAvg + w * logStepSize;
  return { logStepSize, logStepSizeAvg, step, avgError, mu: state.mu };
}

/** Options of {@link findReasonableStepSize}. */
export interface FindStepSizeOptions {
  integrator?: IntegratorName | ((ld: LogDensity) => Integrator);
  /** The acceptance probability of one step that the search brackets (Stan: 0.8). */
  targetAcceptanceRate?: number;
}

/**
 * Stan's initial step-size heuristic (`base_hmc::init_stepsize`): from `initialStepSize`, double
 * (or halve) the step size until the acceptance probability of one integration step from
 * `state`, with a fresh momentum each try, crosses `targetAcceptanceRate` (0.8). Throws when the
 * step size runs above 1e7 (improper posterior) or down to 0.
 *
 * @example
 * ```ts
 * const eps = findReasonableStepSize(ld, rng, state, Float64Array.of(1, 1), 1);
 * ```
 */
export function findReasonableStepSize(
  ld: LogDensity,
  rng: Rng,
  state: HMCState,
  inverseMassMatrix: InverseMassMatrix,
  initialStepSize = 1,
  options: FindStepSizeOptions = {},
): number {
  let eps = initialStepSize;
  if (eps === 0 || eps > 1e7 || !(eps === eps)) return eps;
  const metric = gaussianEuclidean(ld.dim, inverseMassMatrix);
  const integrate = makeIntegrator(ld, options.integrator);
  const z = integratorState(ld.dim);
  const logTarget = Math.log(options.targetAcceptanceRate ?? 0.8);
  const trial = (): number => {
    z.position.set(state.position);
    z.logdensityGrad.set(state.logdensityGrad);
    z.logdensity = state.logdensity;
    metric.sampleMomentum(rng, z.momentum);
    const h0 = -z.logdensity + metric.kineticEnergy(z.momentum);
    integrate(z, eps, metric);
    let h = -z.logdensity + metric.kineticEnergy(z.momentum);
    if (h !== h) h = Infinity;
    return h0 - h;
  };
  const direction = trial() > logTarget ? 1 : -1;
  for (;;) {
    const deltaH = trial();
    if (direction === 1 && !(deltaH > logTarget)) break;
    if (direction === -1 && !(deltaH < logTarget)) break;
    eps = direction === 1 ? 2 * eps : 0.5 * eps;
    if (eps > 1e7) throw new Error("findReasonableStepSize: the step size grew past 1e7; the posterior is probably improper");
    if (eps === 0) throw new Error("findReasonableStepSize: no acceptably small step size; the log density is probably not continuous");
  }
  return eps;
}
