/**
 * Hamiltonian Monte Carlo with a static number of integration steps (BlackJAX's `mcmc.hmc`).
 *
 * @module
 */
import { type IntegratorName, type Integrator, integratorState, makeIntegrator } from "./integrators.js";
import { type LogDensity } from "./log-density.js";
import { type InverseMassMatrix, metricCache } from "./metrics.js";
import { type Rng } from "./rng.js";
import { emptyGradientState, initGradientState } from "./state.js";
import { type HMCInfo, type HMCState, type SamplingAlgorithm } from "./types.js";

/**
 * Stan's and BlackJAX's divergence threshold on the energy error.
 *
 * @example
 * ```ts
 * buildNutsKernel(ld, { divergenceThreshold: DIVERGENCE_THRESHOLD }); // the default
 * ```
 */
export const DIVERGENCE_THRESHOLD = 1000;

/** The tunables of an HMC transition. */
export interface HMCParameters {
  stepSize: number;
  /** Diagonal (length `dim`) or dense (length `dim²`, row-major). Treated as immutable. */
  inverseMassMatrix: InverseMassMatrix;
  numIntegrationSteps: number;
}

/** How an HMC kernel is built. */
export interface HMCKernelOptions {
  integrator?: IntegratorName | ((ld: LogDensity) => Integrator);
  divergenceThreshold?: number;
}

/** An HMC transition: tunables are arguments. `out`, when given, receives the new state. */
export type HMCKernel = (rng: Rng, state: HMCState, params: HMCParameters, out?: HMCState) => { state: HMCState; info: HMCInfo };

/**
 * The initial HMC state at `position`.
 *
 * @example
 * ```ts
 * const state = hmcInit(ld, [0, 0]);
 * ```
 */
export function hmcInit(ld: LogDensity, position: Float64Array | readonly number[]): HMCState {
  return initGradientState(ld, position, "hmc.init");
}

/**
 * Build the HMC transition for `ld`: draw a momentum, integrate `numIntegrationSteps` steps,
 * accept or reject by Metropolis. Buffers are preallocated; a transition allocates only the
 * returned state and info (none for the state when `out` is given).
 *
 * @example
 * ```ts
 * const kernel = buildHmcKernel(ld);
 * const rng = rngFromKey(random.key(0));
 * let state = hmcInit(ld, [0, 0]);
 * const params = { stepSize: 0.3, inverseMassMatrix: Float64Array.of(1, 1), numIntegrationSteps: 10 };
 * ({ state } = kernel(rng, state, params));
 * ```
 */
export function buildHmcKernel(ld: LogDensity, options: HMCKernelOptions = {}): HMCKernel {
  const dim = ld.dim;
  const integrate = makeIntegrator(ld, options.integrator);
  const threshold = options.divergenceThreshold ?? DIVERGENCE_THRESHOLD;
  const metricOf = metricCache(dim);
  const z = integratorState(dim);
  return (rng, state, params, out) => {
    const metric = metricOf(params.inverseMassMatrix);
    const eps = params.stepSize;
    const n = params.numIntegrationSteps;
    z.position.set(state.position);
    z.logdensityGrad.set(state.logdensityGrad);
    z.logdensity = state.logdensity;
    metric.sampleMomentum(rng, z.momentum);
    const h0 = -state.logdensity + metric.kineticEnergy(z.momentum);
    for (let i = 0; i < n; i++) {
      integrate(z, eps, metric);
      if (z.logdensity === -Infinity) break;
    }
    let h1 = -z.logdensity + metric.kineticEnergy(z.momentum);
    if (h1 !== h1) h1 = Infinity;
    const delta = h0 - h1;
    const isDivergent = -delta > threshold;
    const acceptanceRate = delta >= 0 ? 1 : Math.exp(delta);
    const isAccepted = rng.uniform() < acceptanceRate;
    const res = out ?? emptyGradientState(dim);
    if (isAccepted) {
      res.position.set(z.position);
      res.logdensityGrad.set(z.logdensityGrad);
      res.logdensity = z.logdensity;
    } else if (res !== state) {
      res.position.set(state.position);
      res.logdensityGrad.set(state.logdensityGrad);
      res.logdensity = state.logdensity;
    }
    return { state: res, info: { acceptanceRate, isAccepted, isDivergent, energy: isAccepted ? h1 : h0, numIntegrationSteps: n } };
  };
}

/**
 * HMC with its tunables fixed (BlackJAX's `blackjax.hmc(logdensity_fn, step_size, inverse_mass_matrix, num_integration_steps)`).
 *
 * @example
 * ```ts
 * const algo = hmc(ld, { stepSize: 0.3, inverseMassMatrix: Float64Array.of(1, 1), numIntegrationSteps: 10 });
 * let state = algo.init([0, 0]);
 * const rng = rngFromKey(random.key(0));
 * for (let i = 0; i < 1000; i++) ({ state } = algo.step(rng, state));
 * ```
 */
export function hmc(ld: LogDensity, params: HMCParameters & HMCKernelOptions): SamplingAlgorithm<HMCState, HMCInfo> {
  const kernel = buildHmcKernel(ld, params);
  return {
    init: (position) => hmcInit(ld, position),
    step: (rng, state, out) => kernel(rng, state, params, out),
  };
}
