/**
 * Pure typed-array kernels of Orrery's PRNG: JAX-compatible threefry-2x32 keys and bits,
 * uniform floats bit for bit as `jax.random.uniform`, and per-element samplers that the
 * array primitives call element by element.
 *
 * @module
 */

export { THREEFRY_PARITY, lastWord1, threefry2x32, threefry2x32Counter, threefryPair } from "./threefry.js";
export {
  type PrngOptions,
  type SeedOptions,
  foldIn,
  keyFromSeed,
  randomBits,
  split,
  threefry2x32Flat,
} from "./keys.js";
export {
  bitsToUniform32,
  bitsToUniform64,
  uniformFloat32,
  uniformFloat64,
  uniformFromBits32,
  uniformFromBits64,
} from "./uniform.js";
export { ndtri, normalAt, uniformOpenAt } from "./stream.js";
export { gammaOne, logGammaOne } from "./gamma.js";
export { poissonOne } from "./poisson.js";
export { binomialOne } from "./binomial.js";
export { logFactorial } from "./log-factorial.js";
