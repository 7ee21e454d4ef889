/**
 * Bits to floats, as `jax.random.uniform` (jax/_src/random/core.py, `_uniform`): the top
 * mantissa-many random bits are placed under the exponent of 1.0, the float is
 * reinterpreted and 1.0 subtracted, giving a multiple of 2^-23 (float32) or 2^-52
 * (float64) in [0, 1); then `max(minval, u * (maxval - minval) + minval)`.
 *
 * The reinterpretation is done arithmetically (`mantissa * 2^-nmant`), which is exact.
 *
 * @module
 */

import { type PrngOptions, randomBits } from "./keys.js";

const TWO_M23 = 2 ** -23;
const TWO_M52 = 2 ** -52;
const TWO_20 = 2 ** 20;

/**
 * The float32 uniform of JAX from 32 random bits: `bitcast(bits >> 9 | 0x3F800000) - 1`.
 *
 * @param bits - a uint32
 * @returns a float32 value in [0, 1), a multiple of 2^-23
 * @example
 * ```ts
 * bitsToUniform32(0xf29a4fa7); // 0.9476670026779175 (= JAX's uniform(key(0)))
 * ```
 */
export function bitsToUniform32(bits: number): number {
  return (bits >>> 9) * TWO_M23;
}

/**
 * The float64 uniform of JAX from 64 random bits `hi << 32 | lo`:
 * `bitcast(bits >> 12 | 0x3FF0000000000000) - 1`.
 *
 * @param hi - the high uint32 word
 * @param lo - the low uint32 word
 * @returns a float64 value in [0, 1), a multiple of 2^-52
 * @example
 * ```ts
 * bitsToUniform64(0x80000000, 0); // 0.5
 * ```
 */
export function bitsToUniform64(hi: number, lo: number): number {
  return ((hi >>> 0) * TWO_20 + (lo >>> 12)) * TWO_M52;
}

/**
 * Turns 32-bit random words into float32 uniforms on [minval, maxval) as
 * `jax.random.uniform` does, bit for bit: the bounds are rounded to float32 and every step
 * is rounded as float32 arithmetic would be, then `max(minval, .)`.
 *
 * @param bits - random uint32 words, one per sample
 * @param minval - inclusive lower bound (default 0)
 * @param maxval - exclusive upper bound (default 1)
 * @returns a new `Float32Array` of `bits.length` samples
 * @example
 * ```ts
 * uniformFromBits32(new Uint32Array([0, 0x80000000]), -2, 2); // Float32Array [-2, 0]
 * ```
 */
export function uniformFromBits32(bits: Uint32Array, minval = 0, maxval = 1): Float32Array {
  const n = bits.length;
  const out = new Float32Array(n);
  const lo = Math.fround(minval);
  const span = Math.fround(Math.fround(maxval) - lo);
  for (let i = 0; i < n; i++) {
    const x = Math.fround(Math.fround(bitsToUniform32(bits[i]!) * span) + lo);
    out[i] = x < lo ? lo : x; // lax.max(minval, x); a NaN x stays NaN
  }
  return out;
}

/**
 * Turns 64-bit random words into float64 uniforms on [minval, maxval) as
 * `jax.random.uniform(..., dtype=float64)` does, bit for bit.
 *
 * @param bits - `2 * n` uint32 words, sample `i` from the pair `[hi, lo]` at `2i`, `2i + 1`
 *   (the layout of {@link randomBits} with width 64)
 * @param minval - inclusive lower bound (default 0)
 * @param maxval - exclusive upper bound (default 1)
 * @returns a new `Float64Array` of `bits.length / 2` samples
 * @example
 * ```ts
 * uniformFromBits64(new Uint32Array([0x80000000, 0]), 0, 10); // Float64Array [5]
 * ```
 */
export function uniformFromBits64(bits: Uint32Array, minval = 0, maxval = 1): Float64Array {
  const n = bits.length >>> 1;
  const out = new Float64Array(n);
  const span = maxval - minval;
  for (let i = 0; i < n; i++) {
    const x = bitsToUniform64(bits[2 * i]!, bits[2 * i + 1]!) * span + minval;
    out[i] = x < minval ? minval : x;
  }
  return out;
}

/**
 * `jax.random.uniform(key, (count,), jnp.float32, minval, maxval)`, bit for bit: the
 * bounds are rounded to float32 and every step is rounded as float32 arithmetic would.
 *
 * @param key - a raw key `[k0, k1]`
 * @param count - number of samples
 * @param minval - inclusive lower bound (default 0)
 * @param maxval - exclusive upper bound (default 1)
 * @param options - `{ partitionable: false }` for the layout of JAX < 0.5.0
 * @returns a new `Float32Array`
 * @example
 * ```ts
 * uniformFloat32(keyFromSeed(0), 3); // Float32Array [0.947667, 0.9785799, 0.33229148]
 * ```
 */
export function uniformFloat32(
  key: Uint32Array,
  count: number,
  minval = 0,
  maxval = 1,
  options: PrngOptions = {},
): Float32Array {
  return uniformFromBits32(randomBits(key, 32, count, options), minval, maxval);
}

/**
 * `jax.random.uniform(key, (count,), jnp.float64, minval, maxval)` with
 * `jax_enable_x64=True`, bit for bit (64 random bits per sample).
 *
 * @param key - a raw key `[k0, k1]`
 * @param count - number of samples
 * @param minval - inclusive lower bound (default 0)
 * @param maxval - exclusive upper bound (default 1)
 * @param options - `{ partitionable: false }` for the layout of JAX < 0.5.0
 * @returns a new `Float64Array`
 * @example
 * ```ts
 * const u = uniformFloat64(keyFromSeed(42), 1000, -2, 2); // init-to-uniform(-2, 2)
 * ```
 */
export function uniformFloat64(
  key: Uint32Array,
  count: number,
  minval = 0,
  maxval = 1,
  options: PrngOptions = {},
): Float64Array {
  return uniformFromBits64(randomBits(key, 64, count, options), minval, maxval);
}
