/**
 * Raw threefry-2x32 keys as JAX builds and derives them: `PRNGKey(seed)`, `split`,
 * `fold_in` and `random_bits` (jax/_src/random/threefry2x32.py, `threefry_seed`,
 * `threefry_split`, `threefry_fold_in`, `threefry_random_bits`).
 *
 * A key is a `Uint32Array` of length 2, `[k0, k1]`, exactly the data of
 * `jax.random.key_data(jax.random.key(seed))`.
 *
 * Two counter layouts exist in JAX, selected there by the `jax_threefry_partitionable`
 * flag; the default since JAX 0.5.0 (January 2025) is the partitionable one:
 *
 * - partitionable (default here too): element `i` of a result hashes the 64-bit counter
 *   `i` as the block `(hi(i), lo(i))` (`prng.iota_2x32_shape`); `split(key, n)[i]` is
 *   the hashed pair itself, so `split(key, n)[i] == foldIn(key, i)`; 32-bit bits are the
 *   xor of the pair, 64-bit bits are `hi << 32 | lo`.
 * - legacy (`{ partitionable: false }`): JAX's `threefry_2x32(key, iota(m))`, which
 *   hashes the first half of the counters against the second half and concatenates the
 *   two output halves.
 *
 * @module
 */

import { lastWord1, threefry2x32, threefryPair } from "./threefry.js";

/** Selects JAX's counter layout. */
export interface PrngOptions {
  /**
   * `true` (the default, as `jax_threefry_partitionable=True` in JAX >= 0.5.0) or
   * `false` for the legacy layout of earlier JAX versions.
   */
  partitionable?: boolean;
}

/** Options of {@link keyFromSeed}. */
export interface SeedOptions {
  /**
   * `true` (the default): the seed is a 64-bit integer, as in JAX with
   * `jax_enable_x64=True`: `k0` is its high word and `k1` its low word (two's complement,
   * so `-1` gives `[0xffffffff, 0xffffffff]`). `false`: the seed is first wrapped to
   * int32, as JAX does by default, so the high word is always 0 (`-1` gives
   * `[0, 0xffffffff]`).
   */
  x64?: boolean;
}

const TWO_32 = 4294967296;
const TWO_63 = 2n ** 63n;
const TWO_64 = 2n ** 64n;

function checkKey(name: string, key: Uint32Array): void {
  if (!(key instanceof Uint32Array) || key.length !== 2) {
    throw new TypeError(
      `${name}: key must be a Uint32Array of length 2 (a raw threefry key [k0, k1]); got ` +
        (key instanceof Uint32Array ? `a Uint32Array of length ${key.length}` : typeof key),
    );
  }
}

function checkCount(name: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${name}: ${what} must be a non-negative integer; got ${n}`);
  }
}

/**
 * Makes a raw key from an integer seed, as `jax.random.PRNGKey(seed)` (equivalently
 * `jax.random.key_data(jax.random.key(seed))`) with the default threefry2x32 impl.
 *
 * By default seeds are 64-bit as in JAX with x64 enabled: `k0` is the high 32 bits and
 * `k1` the low 32 bits of the seed's two's-complement int64 representation. Seeds in
 * `[2^63, 2^64)` are taken as uint64. Pass a `bigint` for seeds beyond 2^53 that a
 * `number` cannot hold exactly.
 *
 * @param seed - an integer in [-2^63, 2^64)
 * @param options - `{ x64: false }` reproduces JAX's default 32-bit mode (seed wrapped to
 *   int32, `k0 = 0`)
 * @returns a new `Uint32Array` `[k0, k1]`
 * @example
 * ```ts
 * keyFromSeed(0);                   // Uint32Array [0, 0]
 * keyFromSeed(-1);                  // Uint32Array [4294967295, 4294967295]
 * keyFromSeed(-1, { x64: false });  // Uint32Array [0, 4294967295]
 * keyFromSeed(2n ** 40n + 5n);      // Uint32Array [256, 5]
 * ```
 */
export function keyFromSeed(seed: number | bigint, options: SeedOptions = {}): Uint32Array {
  let s: bigint;
  if (typeof seed === "bigint") {
    s = seed;
  } else {
    if (typeof seed !== "number" || !Number.isInteger(seed)) {
      throw new TypeError(`keyFromSeed: the seed must be an integer; got ${String(seed)}`);
    }
    s = BigInt(seed);
  }
  if (s < -TWO_63 || s >= TWO_64) {
    throw new RangeError(`keyFromSeed: the seed ${s} does not fit in 64 bits`);
  }
  const u = BigInt.asUintN(64, s);
  const lo = Number(u & 0xffffffffn);
  const hi = options.x64 === false ? 0 : Number(u >> 32n);
  return new Uint32Array([hi, lo]);
}

/**
 * JAX's `threefry_2x32(key, count)` wrapper: hashes a flat array of counters by pairing
 * its first half (padded with a 0 when the length is odd) with its second half, and
 * returns the concatenated output halves trimmed to the input length. This is the
 * function JAX's own known-answer test calls, and the basis of the legacy layout.
 *
 * @param key - a raw key `[k0, k1]`
 * @param counts - counters (any length)
 * @returns a new `Uint32Array` of the same length as `counts`
 * @example
 * ```ts
 * threefry2x32Flat(new Uint32Array([0x13198a2e, 0x03707344]),
 *                  new Uint32Array([0x243f6a88, 0x85a308d3]));
 * // Uint32Array [0xc4923a9c, 0x483df7a0]
 * ```
 */
export function threefry2x32Flat(key: Uint32Array, counts: Uint32Array): Uint32Array {
  checkKey("threefry2x32Flat", key);
  const n = counts.length;
  const half = (n + 1) >>> 1;
  const x0 = counts.subarray(0, half);
  const x1 = new Uint32Array(half);
  x1.set(counts.subarray(half));
  const out = new Uint32Array(2 * half);
  threefry2x32(key[0]!, key[1]!, x0, x1, out.subarray(0, half), out.subarray(half));
  return n === out.length ? out : out.slice(0, n);
}

/** Legacy layout: `threefry_2x32(key, iota(m))`, without materialising the iota. */
function legacyIotaBits(k0: number, k1: number, m: number): Uint32Array {
  if (m > TWO_32 - 2) {
    throw new RangeError(`random bits: ${m} words exceed one threefry counter block`);
  }
  const half = (m + 1) >>> 1;
  const out = new Uint32Array(2 * half);
  // x0 = 0..half-1, x1 = half..2*half-1 except that an odd m pads the last x1 with 0.
  for (let i = 0; i < half; i++) {
    const x1 = half + i < m ? half + i : 0;
    out[i] = threefryPair(k0, k1, i, x1);
    out[half + i] = lastWord1();
  }
  return m === out.length ? out : out.slice(0, m);
}

/**
 * Splits a key into `num` new keys, as `jax.random.split(key, num)` (raw `uint32` keys).
 *
 * @param key - a raw key `[k0, k1]`
 * @param num - number of keys (default 2)
 * @param options - `{ partitionable: false }` for the layout of JAX < 0.5.0
 * @returns a new `Uint32Array` of length `2 * num`: key `i` is `[out[2i], out[2i + 1]]`
 *   (row-major `(num, 2)`)
 * @example
 * ```ts
 * const keys = split(keyFromSeed(0), 2);
 * const k0 = keys.subarray(0, 2), k1 = keys.subarray(2, 4);
 * // split(key, n)[i] equals foldIn(key, i) in the default (partitionable) layout
 * ```
 */
export function split(key: Uint32Array, num = 2, options: PrngOptions = {}): Uint32Array {
  checkKey("split", key);
  checkCount("split", "num", num);
  const k0 = key[0]!;
  const k1 = key[1]!;
  if (options.partitionable === false) return legacyIotaBits(k0, k1, 2 * num);
  const out = new Uint32Array(2 * num);
  for (let i = 0; i < num; i++) {
    out[2 * i] = threefryPair(k0, k1, 0, i);
    out[2 * i + 1] = lastWord1();
  }
  return out;
}

/**
 * Folds a 32-bit integer into a key, as `jax.random.fold_in(key, data)`: the hash of the
 * block `(0, data)`. The same in both layouts.
 *
 * @param key - a raw key `[k0, k1]`
 * @param data - an integer, wrapped to uint32 (as `jnp.asarray(data, 'uint32')`)
 * @returns a new key
 * @example
 * ```ts
 * foldIn(keyFromSeed(0), 4); // Uint32Array [2285895361, 433833334]
 * ```
 */
export function foldIn(key: Uint32Array, data: number): Uint32Array {
  checkKey("foldIn", key);
  if (!Number.isInteger(data)) {
    throw new TypeError(`foldIn: data must be an integer; got ${data}`);
  }
  const w0 = threefryPair(key[0]!, key[1]!, 0, data >>> 0);
  return new Uint32Array([w0, lastWord1()]);
}

/**
 * Uniform random bits, as `jax.random.bits(key, (count,), dtype)` with
 * `dtype = uint{bitWidth}`.
 *
 * For widths 8, 16 and 32 the result holds one value per element (8- and 16-bit values
 * widened into a `Uint32Array`). For width 64 it holds `2 * count` words, element `i`
 * being the pair `[out[2i], out[2i + 1]] = [hi, lo]`, i.e. the uint64
 * `hi * 2^32 + lo` (JAX builds it as `hi << 32 | lo`).
 *
 * @param key - a raw key `[k0, k1]`
 * @param bitWidth - 8, 16, 32 or 64
 * @param count - number of elements
 * @param options - `{ partitionable: false }` for the layout of JAX < 0.5.0
 * @returns a new `Uint32Array` (length `count`, or `2 * count` for 64 bits)
 * @example
 * ```ts
 * randomBits(keyFromSeed(1701), 32, 3, { partitionable: false });
 * // Uint32Array [56197195, 4200222568, 961309823]  (JAX's testRngRandomBits)
 * const b = randomBits(keyFromSeed(0), 64, 1);
 * const asBigInt = (BigInt(b[0]) << 32n) | BigInt(b[1]);
 * ```
 */
export function randomBits(
  key: Uint32Array,
  bitWidth: 8 | 16 | 32 | 64,
  count: number,
  options: PrngOptions = {},
): Uint32Array {
  checkKey("randomBits", key);
  checkCount("randomBits", "count", count);
  if (bitWidth !== 8 && bitWidth !== 16 && bitWidth !== 32 && bitWidth !== 64) {
    throw new RangeError(`randomBits: bitWidth must be 8, 16, 32 or 64; got ${bitWidth}`);
  }
  const k0 = key[0]!;
  const k1 = key[1]!;
  if (options.partitionable === false) return legacyBits(k0, k1, bitWidth, count);
  if (bitWidth === 64) {
    const out = new Uint32Array(2 * count);
    for (let i = 0; i < count; i++) {
      out[2 * i] = threefryPair(k0, k1, 0, i);
      out[2 * i + 1] = lastWord1();
    }
    return out;
  }
  const out = new Uint32Array(count);
  const mask = bitWidth === 32 ? 0xffffffff : (1 << bitWidth) - 1;
  // Counters beyond 2^32 cannot occur: a typed array holds fewer elements.
  for (let i = 0; i < count; i++) {
    out[i] = (threefryPair(k0, k1, 0, i) ^ lastWord1()) & mask;
  }
  return out;
}

function legacyBits(k0: number, k1: number, bitWidth: number, count: number): Uint32Array {
  const words = Math.ceil((bitWidth * count) / 32);
  const bits = legacyIotaBits(k0, k1, words);
  if (bitWidth === 32) return bits;
  if (bitWidth === 64) {
    // The first half of the words are the high words, the second half the low words.
    const out = new Uint32Array(2 * count);
    for (let i = 0; i < count; i++) {
      out[2 * i] = bits[i]!;
      out[2 * i + 1] = bits[count + i]!;
    }
    return out;
  }
  // 8 and 16 bits: the little-endian view of the 32-bit words, trimmed to `count`.
  const per = 32 / bitWidth;
  const mask = (1 << bitWidth) - 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const w = bits[(i / per) | 0]!;
    out[i] = (w >>> (bitWidth * (i % per))) & mask;
  }
  return out;
}
