/**
 * @orrery/mcmc: BlackJAX-shaped sampling kernels that know only a log-density function.
 *
 * A target is a {@link LogDensity} on a flat `Float64Array` (`fromOrrery` compiles one from an
 * Orrery function; `fromFunction` wraps hand-written JS). Each algorithm comes as `init` / `step`
 * functions with its tunables as arguments (`buildNutsKernel(ld)(rng, state, { stepSize,
 * inverseMassMatrix })`) and as a top-level constructor with them fixed (`nuts(ld, params)`).
 * Randomness comes from Orrery keys through a fast JS generator (`rngFromKey`).
 */
export { type LogDensity, fromOrrery, fromFunction, logDensityValue } from "./log-density.js";
export { Rng, rngFromKey, asRng, type RngLike } from "./rng.js";
export type { HMCState, HMCInfo, NUTSInfo, MHInfo, SamplingAlgorithm, TransitionStepper } from "./types.js";
export { initGradientState, emptyGradientState, copyGradientState } from "./state.js";
export { type InverseMassMatrix, type Metric, gaussianEuclidean, cholesky, metricCache } from "./metrics.js";
export {
  type IntegratorState,
  type Integrator,
  type IntegratorName,
  integratorState,
  copyIntegratorState,
  velocityVerlet,
  mclachlan,
  yoshida,
  splittingIntegrator,
  makeIntegrator,
  integratorCoefficients,
  MCLACHLAN_B1,
} from "./integrators.js";
export { type HMCParameters, type HMCKernelOptions, type HMCKernel, type HMCStepper, DIVERGENCE_THRESHOLD, hmc, hmcInit, buildHmcKernel, createHmcStepper } from "./hmc.js";
export { type NUTSParameters, type NUTSKernelOptions, type NUTSKernel, type NUTSStepper, nuts, nutsInit, buildNutsKernel, createNutsStepper } from "./nuts.js";
export { type PhasePoint, PhasePointPool, StagedIntegrator } from "./phase-points.js";
export {
  type DualAveragingState,
  type DualAveragingOptions,
  type FindStepSizeOptions,
  dualAveragingInit,
  dualAveragingUpdate,
  findReasonableStepSize,
} from "./adaptation/step-size.js";
export { type WelfordState, welfordInit, welfordUpdate, welfordReset, welfordCovariance } from "./adaptation/mass-matrix.js";
export {
  type ScheduleStep,
  type ScheduleOptions,
  type WindowAdaptationOptions,
  type WindowAdaptationResult,
  type WindowAdaptationRun,
  type WarmupStepInfo,
  buildSchedule,
  windowAdaptation,
} from "./adaptation/window-adaptation.js";
export { type Transition, type SampleChainOptions, type ChainResult, sampleChain } from "./sample.js";
export {
  type RWState,
  type Scale,
  type RWMKernel,
  type BarkerParameters,
  type BarkerKernel,
  rwm,
  rwmInit,
  buildRwmKernel,
  barker,
  barkerInit,
  buildBarkerKernel,
} from "./random-walk.js";
export { type EllipticalSliceState, type EllipticalSliceInfo, type GaussianPrior, ellipticalSlice } from "./elliptical-slice.js";
export { type EnsembleState, type EnsembleInfo, type EnsembleMove, type EnsembleKernel, ensemble, ensembleInit, buildEnsembleKernel } from "./ensemble.js";
export { type SAState, type SAInfo, type SAOptions, sa } from "./sa.js";
