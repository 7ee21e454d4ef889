/**
 * The Threefry-2x32 block cipher (20 rounds), bit-for-bit as JAX's `threefry_2x32`
 * (jax/_src/random/threefry2x32.py) and the Random123 reference implementation.
 *
 * All arithmetic is done on int32 bit patterns (`(a + b) | 0`, rotations with `<<` and
 * `>>>`), which V8 keeps in registers: no allocation, no `Math.imul`. Results are
 * written into `Uint32Array`s, whose stores reinterpret the int32 bits as uint32.
 *
 * @module
 */

/** The Threefry key-schedule parity constant (Skein's C240). */
export const THREEFRY_PARITY = 0x1bd11bda;

// Result registers of `threefryBlock`; read immediately after the call.
let r0 = 0;
let r1 = 0;

/**
 * One Threefry-2x32 block on int32/uint32 words, result left in the module registers
 * `r0`, `r1` (read through {@link threefryPair}). Small enough for V8 to inline.
 */
function threefryBlock(ks0: number, ks1: number, ks2: number, x0: number, x1: number): void {
  let a = (x0 + ks0) | 0;
  let b = (x1 + ks1) | 0;
  // rounds 1-4, rotations 13 15 26 6
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  a = (a + ks1) | 0; b = (b + ks2 + 1) | 0;
  // rounds 5-8, rotations 17 29 16 24
  a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
  a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
  a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
  a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
  a = (a + ks2) | 0; b = (b + ks0 + 2) | 0;
  // rounds 9-12
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  a = (a + ks0) | 0; b = (b + ks1 + 3) | 0;
  // rounds 13-16
  a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
  a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
  a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
  a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
  a = (a + ks1) | 0; b = (b + ks2 + 4) | 0;
  // rounds 17-20
  a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
  a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
  a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
  a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
  r0 = (a + ks2) | 0;
  r1 = (b + ks0 + 5) | 0;
}

/**
 * Threefry-2x32 with 20 rounds, applied elementwise: `(out0[i], out1[i]) =
 * threefry((k0, k1), (x0[i], x1[i]))`. This is the `threefry2x32_p` primitive of JAX
 * (before `threefry_2x32`'s split-the-count-in-halves wrapping). The outputs may alias
 * the inputs. Allocation-free.
 *
 * @param k0 - first key word (uint32)
 * @param k1 - second key word (uint32)
 * @param x0 - first counter word of each block
 * @param x1 - second counter word of each block (same length as `x0`)
 * @param out0 - receives the first output word of each block
 * @param out1 - receives the second output word of each block
 * @example
 * ```ts
 * const out0 = new Uint32Array(1), out1 = new Uint32Array(1);
 * threefry2x32(0, 0, new Uint32Array([0]), new Uint32Array([0]), out0, out1);
 * // out0[0] === 0x6b200159, out1[0] === 0x99ba4efe  (Random123 known answer)
 * ```
 */
export function threefry2x32(
  k0: number,
  k1: number,
  x0: Uint32Array,
  x1: Uint32Array,
  out0: Uint32Array,
  out1: Uint32Array,
): void {
  const n = x0.length;
  if (x1.length !== n || out0.length < n || out1.length < n) {
    throw new RangeError(
      `threefry2x32: x0 and x1 must have equal lengths and out0/out1 at least that length; got ` +
        `x0 ${n}, x1 ${x1.length}, out0 ${out0.length}, out1 ${out1.length}`,
    );
  }
  const ks0 = k0 | 0;
  const ks1 = k1 | 0;
  const ks2 = ks0 ^ ks1 ^ THREEFRY_PARITY;
  for (let i = 0; i < n; i++) {
    threefryBlock(ks0, ks1, ks2, x0[i]!, x1[i]!);
    out0[i] = r0;
    out1[i] = r1;
  }
}

/**
 * Threefry-2x32 over a contiguous range of 64-bit counters, without materialising
 * them: block `i` hashes the counter `start + i` split as (high word, low word), and
 * its two output words go to `out0[offset + i]` and `out1[offset + i]`. This is
 * `threefry2x32_p(k, *iota_2x32_shape(shape))` of JAX's partitionable mode.
 *
 * @param k0 - first key word
 * @param k1 - second key word
 * @param start - first counter (a non-negative integer below 2^53)
 * @param count - number of blocks
 * @param out0 - receives the first word of each block
 * @param out1 - receives the second word of each block (may be `out0` only if you
 *   want the second word to overwrite the first)
 * @param offset - where to start writing in `out0`/`out1` (default 0)
 * @example
 * ```ts
 * const a = new Uint32Array(3), b = new Uint32Array(3);
 * threefry2x32Counter(0, 0, 0, 3, a, b); // the three keys of split(PRNGKey(0), 3)
 * ```
 */
export function threefry2x32Counter(
  k0: number,
  k1: number,
  start: number,
  count: number,
  out0: Uint32Array,
  out1: Uint32Array,
  offset = 0,
): void {
  const ks0 = k0 | 0;
  const ks1 = k1 | 0;
  const ks2 = ks0 ^ ks1 ^ THREEFRY_PARITY;
  let lo = start % 4294967296;
  let hi = (start - lo) / 4294967296;
  for (let i = 0; i < count; i++) {
    threefryBlock(ks0, ks1, ks2, hi, lo);
    out0[offset + i] = r0;
    out1[offset + i] = r1;
    if (++lo === 4294967296) {
      lo = 0;
      hi++;
    }
  }
}

/**
 * Hashes one block and returns its first word; the second word is then available from
 * {@link lastWord1}. The allocation-free scalar entry point used by the per-element
 * samplers.
 *
 * @param k0 - first key word
 * @param k1 - second key word
 * @param x0 - first counter word
 * @param x1 - second counter word
 * @returns the first output word, as a uint32
 * @example
 * ```ts
 * const w0 = threefryPair(0, 0, 0, 0); // 0x6b200159
 * const w1 = lastWord1();               // 0x99ba4efe
 * ```
 */
export function threefryPair(k0: number, k1: number, x0: number, x1: number): number {
  const ks0 = k0 | 0;
  const ks1 = k1 | 0;
  threefryBlock(ks0, ks1, ks0 ^ ks1 ^ THREEFRY_PARITY, x0, x1);
  return r0 >>> 0;
}

/**
 * The second output word of the latest {@link threefryPair} call.
 *
 * @returns a uint32
 * @example
 * ```ts
 * threefryPair(0, 0, 0, 0);
 * lastWord1(); // 0x99ba4efe
 * ```
 */
export function lastWord1(): number {
  return r1 >>> 0;
}
