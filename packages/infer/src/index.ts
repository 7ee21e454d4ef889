/**
 * @orrery/infer: inference on Orrery models, as numpyro.infer — `MCMC` with the `NUTS` and
 * `HMC` model kernels.
 */
export { MCMC, type MCMCOptions, type ChainState, type ExtraFields } from "./mcmc.js";
export { NUTS, HMC, type NUTSOptions, type HMCOptions, type GradientKernelOptions, type ModelKernel } from "./kernels.js";
export { type ProgressEvent } from "./progress.js";
