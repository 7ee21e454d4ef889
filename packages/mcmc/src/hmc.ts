/**
 * Hamiltonian Monte Carlo with a static number of integration steps (BlackJAX's `mcmc.hmc`).
 *
 * @module
 */
import { type IntegratorName, type Integrator } from "./integrators.js";
import { type LogDensity } from "./log-density.js";
import { type InverseMassMatrix, type Metric, metricCache } from "./metrics.js";
import { type PhasePoint, PhasePointPool, StagedIntegrator, startPoint } from "./phase-points.js";
import { type Rng } from "./rng.js";
import { emptyGradientState, initGradientState } from "./state.js";
import { type HMCInfo, type HMCState, type SamplingAlgorithm, type TransitionStepper } from "./types.js";

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

/** An HMC transition driven one gradient at a time (see {@link TransitionStepper}). */
export type HMCStepper = TransitionStepper<HMCParameters, HMCInfo>;

class HmcStepper implements HMCStepper {
  done = true;
  position: Float64Array;
  gradient: Float64Array;
  private readonly pool: PhasePointPool;
  private readonly integrator: StagedIntegrator;
  private readonly threshold: number;
  private readonly metricOf: (inv: InverseMassMatrix) => Metric;
  private rng!: Rng;
  private metric!: Metric;
  private state!: HMCState;
  private eps = 0;
  private steps = 0;
  private left = 0;
  private h0 = 0;
  private from!: PhasePoint;
  private cur!: PhasePoint;

  constructor(ld: LogDensity, options: HMCKernelOptions) {
    this.integrator = new StagedIntegrator(ld, options.integrator);
    this.threshold = options.divergenceThreshold ?? DIVERGENCE_THRESHOLD;
    this.metricOf = metricCache(ld.dim);
    this.pool = new PhasePointPool(ld.dim);
    this.position = this.gradient = new Float64Array(0);
  }

  begin(rng: Rng, state: HMCState, params: HMCParameters): void {
    const metric = this.metricOf(params.inverseMassMatrix);
    this.metric = metric;
    this.rng = rng;
    this.state = state;
    this.eps = params.stepSize;
    this.steps = params.numIntegrationSteps;
    this.left = params.numIntegrationSteps;
    this.pool.reset();
    const z = startPoint(this.pool, state, metric, rng);
    this.h0 = z.energy;
    this.cur = z;
    this.done = this.left <= 0;
    // An in-place integrator completes each step at once: the loop runs them all here.
    let ready = !this.done && this.startStep();
    while (ready) ready = this.stepDone();
  }

  supply(logdensity: number): void {
    if (this.integrator.advance(this.cur, logdensity)) {
      let ready = this.stepDone();
      while (ready) ready = this.stepDone();
    }
  }

  finish(out?: HMCState): { state: HMCState; info: HMCInfo } {
    const z = this.cur;
    const state = this.state;
    const h1 = z.energy;
    const delta = this.h0 - h1;
    const isDivergent = -delta > this.threshold;
    const acceptanceRate = delta >= 0 ? 1 : Math.exp(delta);
    const isAccepted = this.rng.uniform() < acceptanceRate;
    const res = out ?? emptyGradientState(z.position.length);
    if (isAccepted) {
      res.position.set(z.position);
      res.logdensityGrad.set(z.logdensityGrad);
      res.logdensity = z.logdensity;
    } else if (res !== state) {
      res.position.set(state.position);
      res.logdensityGrad.set(state.logdensityGrad);
      res.logdensity = state.logdensity;
    }
    return { state: res, info: { acceptanceRate, isAccepted, isDivergent, energy: isAccepted ? h1 : this.h0, numIntegrationSteps: this.steps } };
  }

  /** The next step from `cur`; `true` when it is already complete. */
  private startStep(): boolean {
    const from = this.cur;
    const z = this.pool.take();
    this.from = from;
    this.cur = z;
    this.position = z.position;
    this.gradient = z.logdensityGrad;
    return this.integrator.start(from, z, this.eps, this.metric);
  }

  /** A step is complete: end the trajectory or start the next step (`true`: that one is complete too). */
  private stepDone(): boolean {
    this.pool.release(this.from);
    this.left--;
    // A point outside the support ends the trajectory (it will be rejected).
    if (this.left === 0 || this.cur.logdensity === -Infinity) {
      this.done = true;
      return false;
    }
    return this.startStep();
  }
}

/**
 * An HMC transition that asks for one gradient at a time (see {@link HMCStepper}); its draws are
 * identical to `buildHmcKernel(ld, options)`'s for the same `rng`.
 *
 * @example
 * ```ts
 * const stepper = createHmcStepper(ld);
 * stepper.begin(rng, state, { stepSize: 0.3, inverseMassMatrix: Float64Array.of(1, 1), numIntegrationSteps: 10 });
 * while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
 * const { state: next, info } = stepper.finish();
 * ```
 */
export function createHmcStepper(ld: LogDensity, options: HMCKernelOptions = {}): HMCStepper {
  return new HmcStepper(ld, options);
}

/**
 * Build the HMC transition for `ld`: draw a momentum, integrate `numIntegrationSteps` steps,
 * accept or reject by Metropolis. Trajectory points are pooled; a transition allocates only the
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
  const stepper = new HmcStepper(ld, options);
  return (rng, state, params, out) => {
    stepper.begin(rng, state, params);
    while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
    return stepper.finish(out);
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
