/**
 * @orrery/infer: inference on Orrery models, as numpyro.infer — `MCMC` with the model kernels
 * `NUTS`, `HMC`, `SA`, `BarkerMH`, `AIES` and `ESS` (ensemble slice sampling).
 */
export { MCMC, type MCMCOptions, type ExtraFields, type UnitTiming } from "./mcmc.js";
export { type ChainWorker } from "./worker-host.js";
export { type ModelKernel, type KernelRunner, type WarmupRun, type StepReport, type FieldDtype, countedWarmup } from "./kernel.js";
export { NUTS, HMC, type ChainState, type HMCField, type NUTSOptions, type HMCOptions, type GradientKernelOptions } from "./hmc.js";
export { type ProgressEvent } from "./progress.js";
export {
  type DeviceLogDensity,
  type BatchedLogDensity,
  type DevicePotential,
  deviceLogDensity,
  batchedLogDensity,
  devicePotential,
  modelLogDensity,
  checkDevice,
} from "./device-density.js";
export { SA, type SAKernelOptions, type SAField } from "./sa.js";
export { BarkerMH, type BarkerMHOptions, type BarkerField } from "./barker.js";
export {
  AIES,
  ESS,
  type AIESOptions,
  type ESSOptions,
  type EnsembleOptions,
  type AIESMove,
  type ESSMove,
  type AIESField,
  type ESSField,
  type EnsembleChainState,
} from "./ensemble.js";
