/**
 * Keys and bits of `random` (as `jax.random.key`, `split`, `fold_in`, `bits`), built from
 * the `threefry2x32` primitive exactly as JAX's jax/_src/prng.py does in its default
 * (partitionable) mode, so they work on traced keys under `vmap`, `grad` and `jit`.
 *
 * A key is a raw uint32 array of shape `[2]` (JAX's `key_data(key(seed))`); `split`
 * returns keys stacked along a leading axis, `[num, 2]`.
 *
 * @module
 */
import { Array, ConcreteArray } from "../core/array.js";
import { type DType, isInteger } from "../core/dtype.js";
import { shapeSize } from "../core/shape.js";
import { add as addArrays, and, convertElementType, mul, shiftRightLogical, xor } from "../primitives/binary.js";
import { full, scalar } from "../primitives/constants.js";
import { broadcastInDim, reshape } from "../primitives/shape-ops.js";
import { concatenate, slice } from "../primitives/slicing.js";
import { threefry2x32 } from "../primitives/random-ops.js";
import { keyFromSeed } from "./kernels/keys.js";

/** What `random` functions accept as a key: an Orrery uint32 array, or a kernel key. */
export type KeyLike = Array | Uint32Array;

/** A shape argument: a list of non-negative integers (a single number means `[n]`). */
export type ShapeLike = readonly number[] | number;

const KEY_HELP =
  "a PRNG key is a uint32 array of shape [2], as made by random.key(seed) or taken from random.split(key, n)";

function describe(x: unknown): string {
  if (x instanceof Array) return `an array ${x.aval.toString()}`;
  if (x instanceof Uint32Array) return `a Uint32Array of length ${x.length}`;
  if (x === null) return "null";
  return typeof x === "object" ? (x.constructor?.name ?? "an object") : `${typeof x} ${String(x)}`;
}

/**
 * Checks and converts a key argument. `batched` allows leading axes (`[..., 2]`).
 * @internal
 * @example
 * ```ts
 * asKey("normal", random.key(0)); // passes; asKey("normal", np.zeros([3])) throws
 * ```
 */
export function asKey(fn: string, key: unknown, batched = false): Array {
  let k: Array;
  if (key instanceof Uint32Array) k = new ConcreteArray(key.slice(), [key.length], "uint32");
  else if (key instanceof Array) k = key;
  else throw new TypeError(`random.${fn}: expected a key; ${KEY_HELP}; got ${describe(key)}`);
  const shapeOk = batched ? k.ndim >= 1 && k.shape[k.ndim - 1] === 2 : k.ndim === 1 && k.shape[0] === 2;
  if (k.dtype !== "uint32" || !shapeOk) {
    let hint = "";
    if (k.dtype === "uint32" && k.ndim >= 2 && k.shape[k.ndim - 1] === 2) {
      hint = ` (that is a batch of ${shapeSize(k.shape.slice(0, -1))} keys: map over it with vmap, or take one row)`;
    } else if (k.dtype !== "uint32" && k.ndim >= 1 && k.shape[k.ndim - 1] === 2) {
      hint = ` (the dtype must be uint32, not ${k.dtype})`;
    }
    throw new TypeError(`random.${fn}: invalid key ${k.aval.toString()}: ${KEY_HELP}${hint}`);
  }
  return k;
}

/**
 * Checks a shape argument.
 * @internal
 * @example
 * ```ts
 * asShape("normal", 3); // [3]
 * ```
 */
export function asShape(fn: string, shape: ShapeLike | undefined, what = "shape"): number[] {
  if (shape === undefined) return [];
  if (typeof shape !== "number" && (typeof shape !== "object" || shape === null || !(Symbol.iterator in shape))) {
    const got = typeof shape === "object" && shape !== null ? `an object with keys {${Object.keys(shape).join(", ")}}` : String(shape);
    throw new TypeError(`random.${fn}: ${what} must be a number or a list of non-negative integers; got ${got} (options go after the ${what}; pass undefined for the default ${what})`);
  }
  const s = typeof shape === "number" ? [shape] : [...shape];
  for (const d of s) {
    if (!Number.isInteger(d) || d < 0) throw new TypeError(`random.${fn}: ${what} must be a list of non-negative integers; got [${s.join(", ")}]`);
  }
  return s;
}

/**
 * The two words of a key (or of a batch of keys `[..., 2]`), each of the batch shape.
 * @internal
 * @example
 * ```ts
 * const [k0, k1] = keyWords(random.key(7)); // 0 and 7 as uint32 scalars
 * ```
 */
export function keyWords(k: Array): [Array, Array] {
  const batch = k.shape.slice(0, -1);
  const zeros = batch.map(() => 0);
  const k0 = reshape(slice(k, [...zeros, 0], [...batch, 1]), batch);
  const k1 = reshape(slice(k, [...zeros, 1], [...batch, 2]), batch);
  return [k0, k1];
}

/** A uint32 iota of `shape` (row-major linear index). */
function iota(shape: readonly number[]): Array {
  const n = shapeSize(shape);
  if (n > 0xffffffff) throw new RangeError(`random: ${n} elements exceed one threefry counter block`);
  const data = new Uint32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  return new ConcreteArray(data, shape, "uint32");
}

/**
 * JAX's `threefry_2x32(key, iota_2x32_shape(shape))`: the hashes of the counters
 * `0 .. n-1` laid out in `shape`, as (first words, second words). A batch of keys
 * `[...B, 2]` gives results of shape `[...B, ...shape]`.
 * @internal
 * @example
 * ```ts
 * const [hi, lo] = hashIota(random.key(0), [4]); // the words of split(key, 4)
 * ```
 */
export function hashIota(k: Array, shape: readonly number[]): [Array, Array] {
  let [k0, k1] = keyWords(k);
  let lo = iota(shape);
  let hi: Array = scalar(0, "uint32");
  const batch = k0.shape;
  if (batch.length > 0) {
    const out = [...batch, ...shape];
    const keyDims = batch.map((_, i) => i);
    const ctrDims = shape.map((_, i) => batch.length + i);
    k0 = broadcastInDim(k0, out, keyDims);
    k1 = broadcastInDim(k1, out, keyDims);
    lo = broadcastInDim(lo, out, ctrDims);
    hi = full(out, 0, "uint32");
  } else if (shape.length > 0) {
    hi = full(shape, 0, "uint32");
  }
  return threefry2x32(k0, k1, hi, lo);
}

/** Stacks two word arrays into keys `[..., 2]`. */
function stackWords(a: Array, b: Array): Array {
  const s = [...a.shape, 1];
  return concatenate([reshape(a, s), reshape(b, s)], a.ndim);
}

/**
 * Makes a key from an integer seed, as `jax.random.key(seed)` / `jax.random.PRNGKey(seed)`
 * with the default threefry2x32 implementation (its raw `key_data`).
 *
 * A JS number or bigint seed is taken as a 64-bit integer (as JAX with x64 enabled): the
 * key is `[high word, low word]`. An int32/uint32 array seed (possibly traced) gives
 * `[0, seed]` as JAX does for 32-bit seeds.
 *
 * @param seed - an integer in [-2^63, 2^64), or a rank-0 int32/uint32 array
 * @returns a uint32 array of shape `[2]`
 * @example
 * ```ts
 * const key = random.key(0);      // [0, 0]
 * random.key(-1).tolist();        // [4294967295, 4294967295]
 * ```
 */
export function key(seed: number | bigint | Array): Array {
  if (seed instanceof Array) {
    if (!isInteger(seed.dtype) || seed.ndim !== 0) {
      throw new TypeError(`random.key: the seed must be an integer scalar; got an array ${seed.aval.toString()}`);
    }
    const k1 = reshape(convertElementType(seed, "uint32"), [1]);
    return concatenate([full([1], 0, "uint32"), k1], 0);
  }
  if (typeof seed === "number" && !Number.isInteger(seed)) {
    throw new TypeError(`random.key: the seed must be an integer; got ${seed}`);
  }
  const k = keyFromSeed(seed as number | bigint);
  return new ConcreteArray(k, [2], "uint32");
}

/**
 * Alias of {@link key} (JAX's legacy name).
 *
 * @example
 * ```ts
 * const key = random.PRNGKey(42);
 * ```
 */
export const PRNGKey = key;

/**
 * Splits a key into `num` new keys, as `jax.random.split`: key `i` is the threefry hash of
 * the counter `i`, so `split(key, n)[i]` equals `foldIn(key, i)`.
 *
 * @param key - a key (shape `[2]`), or a batch of keys `[..., 2]`
 * @param num - the number of keys, or a shape of keys (default 2)
 * @returns keys of shape `[num, 2]` (`[...batch, ...num, 2]`)
 * @example
 * ```ts
 * let key = random.key(0);
 * const [k1, k2] = np.split(random.split(key), 2).map((k) => k.reshape([2]));
 * const keys = random.split(key, 4); // shape [4, 2]
 * ```
 */
export function split(key: KeyLike, num: ShapeLike = 2): Array {
  const k = asKey("split", key, true);
  const shape = asShape("split", num, "num");
  const [a, b] = hashIota(k, shape);
  return stackWords(a, b);
}

/**
 * Folds an integer into a key, as `jax.random.fold_in(key, data)`: the hash of the counter
 * `(0, data)`. `data` may be traced.
 *
 * @param key - a key (shape `[2]`), or a batch of keys `[..., 2]`
 * @param data - an integer (wrapped to uint32), or a rank-0 integer array
 * @returns a new key of the same shape
 * @example
 * ```ts
 * const stepKey = random.foldIn(random.key(0), 17);
 * ```
 */
export function foldIn(key: KeyLike, data: number | Array): Array {
  const k = asKey("foldIn", key, true);
  let d: Array;
  if (data instanceof Array) {
    if (!isInteger(data.dtype) || data.ndim !== 0) {
      throw new TypeError(`random.foldIn: data must be an integer scalar; got an array ${data.aval.toString()}`);
    }
    d = convertElementType(data, "uint32");
  } else {
    if (!Number.isInteger(data)) throw new TypeError(`random.foldIn: data must be an integer; got ${data}`);
    d = scalar(data >>> 0, "uint32");
  }
  let [k0, k1] = keyWords(k);
  if (k0.ndim > 0) d = broadcastInDim(d, k0.shape, []);
  const zero = k0.ndim > 0 ? full(k0.shape, 0, "uint32") : scalar(0, "uint32");
  const [a, b] = threefry2x32(k0, k1, zero, d);
  return stackWords(a, b);
}

/**
 * Uniform random bits, as `jax.random.bits(key, shape, dtype=uint{bitWidth})`.
 *
 * Widths 8, 16 and 32 give a uint32 array of `shape` (values below `2^bitWidth`). Width 64
 * (JAX's uint64, which Orrery lacks) gives a uint32 array of shape `[...shape, 2]` holding
 * each value's `[high, low]` words.
 *
 * @param key - a key
 * @param shape - the result shape (default `[]`)
 * @param bitWidth - 8, 16, 32 (default) or 64
 * @returns uint32 bits
 * @example
 * ```ts
 * random.bits(random.key(0), [3]).dtype; // "uint32"
 * ```
 */
export function bits(key: KeyLike, shape: ShapeLike = [], bitWidth: 8 | 16 | 32 | 64 = 32): Array {
  const k = asKey("bits", key);
  const s = asShape("bits", shape);
  if (bitWidth !== 8 && bitWidth !== 16 && bitWidth !== 32 && bitWidth !== 64) {
    throw new RangeError(`random.bits: bitWidth must be 8, 16, 32 or 64; got ${String(bitWidth)}`);
  }
  const [hi, lo] = hashIota(k, s);
  if (bitWidth === 64) return stackWords(hi, lo);
  const x = xor(hi, lo);
  if (bitWidth === 32) return x;
  return and(x, scalar(bitWidth === 8 ? 0xff : 0xffff, "uint32"));
}

/**
 * 32 random bits per element (JAX's `_random_bits(key, 32, shape)`).
 * @internal
 * @example
 * ```ts
 * bits32(random.key(0), [3]); // = random.bits(random.key(0), [3])
 * ```
 */
export function bits32(k: Array, shape: readonly number[]): Array {
  const [hi, lo] = hashIota(k, shape);
  return xor(hi, lo);
}

/**
 * 64 random bits per element as `[hi, lo]` word arrays of `shape`.
 * @internal
 * @example
 * ```ts
 * const [hi, lo] = bits64(random.key(0), [3]);
 * ```
 */
export function bits64(k: Array, shape: readonly number[]): [Array, Array] {
  return hashIota(k, shape);
}

/**
 * The `i`-th of `split(key, n)`, as a key `[2]` (JAX's `key, subkey = split(key)` idiom).
 * @internal
 * @example
 * ```ts
 * const [key, subkey] = splitN(random.key(0), 2);
 * ```
 */
export function splitN(k: Array, n: number): Array[] {
  const keys = split(k, n);
  const out: Array[] = [];
  for (let i = 0; i < n; i++) out.push(reshape(slice(keys, [i, 0], [i + 1, 2]), [2]));
  return out;
}

/**
 * One key per element of `shape`: the words of `split(key, size)` laid out in `shape`.
 * @internal
 * @example
 * ```ts
 * const [k0, k1] = elementKeys(random.key(0), [2, 3]); // one key per element
 * ```
 */
export function elementKeys(k: Array, shape: readonly number[]): [Array, Array] {
  return hashIota(k, shape);
}

/**
 * The bits-to-float step of `jax.random.uniform` (floats in [0, 1)).
 * @internal
 * @example
 * ```ts
 * unitFloats(random.key(0), [3], "float32"); // [0.947667, 0.9785799, 0.33229148]
 * ```
 */
export function unitFloats(k: Array, shape: readonly number[], dtype: DType): Array {
  if (dtype === "float32") {
    // bitcast(bits >> 9 | 0x3F800000) - 1 == (bits >> 9) * 2^-23, exactly.
    const m = shiftRightLogical(bits32(k, shape), scalar(9, "uint32"));
    return mulConst(convertElementType(m, "float32"), 2 ** -23);
  }
  if (dtype === "float64") {
    // bitcast(bits64 >> 12 | 0x3FF0...) - 1 == (hi * 2^20 + (lo >> 12)) * 2^-52, exactly.
    const [hi, lo] = bits64(k, shape);
    const h = mulConst(convertElementType(hi, "float64"), 2 ** 20);
    const l = convertElementType(shiftRightLogical(lo, scalar(12, "uint32")), "float64");
    return mulConst(addArrays(h, l), 2 ** -52);
  }
  throw new TypeError(`random: expected a float dtype, got ${dtype}`);
}


function mulConst(x: Array, c: number): Array {
  return mul(x, scalar(c, x.dtype));
}
