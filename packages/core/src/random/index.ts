/**
 * The `random` namespace: functional, splittable PRNG keys and samplers, as `jax.random`.
 *
 * Keys are raw uint32 arrays of shape `[2]` (JAX's threefry2x32 `key_data`); every sampler
 * takes a key and never mutates it. Split a key for every independent use:
 *
 * ```ts
 * let key = random.key(0);
 * const [k1, k2] = [0, 1].map((i) => random.foldIn(key, i));
 * const x = random.normal(k1, [3]);
 * const xs = vmap((k) => random.normal(k, [3]))(random.split(key, 4)); // 4 independent rows
 * ```
 *
 * Keys, splits, bits and uniform floats are bit-for-bit JAX's (partitionable threefry,
 * the default since JAX 0.5); `normal` and the samplers built on uniforms agree with JAX to
 * rounding; gamma, Poisson and binomial draws follow JAX's algorithms but not its exact
 * numbers.
 *
 * @module
 */
export { type KeyLike, type ShapeLike, key, PRNGKey, split, foldIn, bits } from "./keys.js";
export { type DtypeOptions } from "./common.js";
export {
  type UniformOptions,
  uniform,
  normal,
  truncatedNormal,
  exponential,
  cauchy,
  laplace,
  logistic,
  gumbel,
  multivariateNormal,
} from "./continuous.js";
export { gamma, loggamma, beta, dirichlet, chisquare, t } from "./gamma.js";
export {
  type RandintOptions,
  type CategoricalOptions,
  type PermutationOptions,
  type ChoiceOptions,
  type PoissonOptions,
  bernoulli,
  randint,
  categorical,
  choice,
  permutation,
  poisson,
  binomial,
} from "./discrete.js";
export { randomGammaGrad } from "../special/scalar/gamma-grad.js";
