/**
 * @orrery/distributions: probability distributions, constraints and transforms for
 * TypeScript, as `numpyro.distributions`.
 */
export * from "./util.js";
export * from "./constraints.js";
export * from "./transforms.js";
export * from "./distribution.js";
export { withoutValidation, registerTreeClass } from "./pytree.js";
export type { HasTreeArgs } from "./pytree.js";
export * from "./loc-scale.js";
export * from "./continuous.js";
export * from "./gamma-beta.js";
export * from "./discrete.js";
export * from "./binomial.js";
export * from "./negative-binomial.js";
export * from "./transformed.js";
export * from "./mixtures.js";
export * from "./truncated.js";
export * from "./multivariate.js";
export * from "./kl.js";
export * from "./skewed.js";
export * from "./circular.js";
export * from "./matrix.js";
