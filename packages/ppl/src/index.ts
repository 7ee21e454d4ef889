/**
 * @orrery/ppl: probabilistic programming for TypeScript, as `numpyro.primitives`,
 * `numpyro.handlers` and the model utilities of `numpyro.infer.util`.
 */
export * from "./runtime.js";
export * from "./handler-form.js";
export * from "./primitives.js";
export { MaskMessenger, maskHandler as mask } from "./mask.js";
export * from "./handlers.js";
export * from "./reparam.js";
export * from "./infer-util.js";
export * from "./initialization.js";
export * from "./initialize.js";
export * from "./flatten.js";
export * as handlers from "./handlers-namespace.js";
export * from "./predictive.js";
export * from "./graph.js";
