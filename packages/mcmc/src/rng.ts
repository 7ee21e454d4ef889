/**
 * The samplers' inner-loop random numbers: a xoshiro128** generator seeded from an Orrery key.
 *
 * Orrery keys (threefry-2x32, as JAX) are the source of randomness: `rngFromKey(key)` draws 128
 * bits from the key with `random.bits` and seeds a xoshiro128** state with them. Everything a
 * kernel draws afterwards (momenta, uniforms, directions) comes from that state in plain JS, so
 * a transition costs no array operation. A run is therefore reproducible from its key: same key,
 * same draws, bit for bit, on every platform (the generator uses only 32-bit integer arithmetic
 * and IEEE doubles).
 *
 * @module
 */
import { type Array, ConcreteArray, random } from "@orrery/core";

/**
 * A fast, stateful pseudo-random generator (xoshiro128**), seeded from an Orrery key.
 *
 * @example
 * ```ts
 * const rng = rngFromKey(random.key(0));
 * rng.uniform(); rng.normal(); rng.int(10);
 * ```
 */
export class Rng {
  /** The xoshiro128** state words (a typed array: V8 boxes object fields that leave the small-integer range). */
  private readonly s = new Int32Array(4);

  /**
   * A generator from four 32-bit words (not all zero). Prefer {@link rngFromKey}.
   *
   * @example
   * ```ts
   * const rng = new Rng(1, 2, 3, 4);
   * rng.uniform(); // in [0, 1)
   * ```
   */
  constructor(a: number, b: number, c: number, d: number) {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 0x9e3779b9;
  }

  /**
   * The next 32 random bits, as an unsigned integer.
   *
   * @example
   * ```ts
   * rngFromKey(random.key(0)).nextUint32(); // an integer in [0, 2^32)
   * ```
   */
  nextUint32(): number {
    return this.next() >>> 0;
  }

  /** The next 32 random bits as a signed 32-bit integer (for bit operations without conversions). */
  private next(): number {
    const s = this.s;
    const s0 = s[0], s1 = s[1];
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return result;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * const u = rngFromKey(random.key(0)).uniform();
   * ```
   */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A standard normal draw (Marsaglia and Tsang's ziggurat with 128 layers; two 32-bit words per
   * draw: 7 bits choose the layer, 1 the sign and 53 the position, so no bit is used twice).
   *
   * @example
   * ```ts
   * const z = rngFromKey(random.key(0)).normal();
   * ```
   */
  normal(): number {
    for (;;) {
      const a = this.next();
      const b = this.next();
      const layer = a & 127;
      const u = ((a >>> 8) * 536870912 + (b >>> 3)) / 9007199254740992;
      const sign = a & 128 ? -1 : 1;
      // Most draws fall in a layer's rectangle under the curve.
      if (u < ZIG_RATIO[layer]) return sign * u * ZIG_X[layer];
      const x = u * ZIG_X[layer];
      if (layer === 0) {
        // The tail beyond r (Marsaglia's exponential rejection).
        let t: number;
        let e: number;
        do {
          t = -Math.log1p(-this.uniform()) / ZIG_R;
          e = -Math.log1p(-this.uniform());
        } while (e + e < t * t);
        return sign * (ZIG_R + t);
      }
      // The wedge between the layer's rectangle and the curve.
      const y = ZIG_F[layer] + this.uniform() * (ZIG_F[layer + 1] - ZIG_F[layer]);
      if (y < Math.exp(-0.5 * x * x)) return sign * x;
    }
  }

  /**
   * Fill `out` with standard normal draws.
   *
   * @example
   * ```ts
   * const z = new Float64Array(3);
   * rngFromKey(random.key(0)).normals(z);
   * ```
   */
  normals(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /**
   * A uniform integer in [0, n).
   *
   * @example
   * ```ts
   * rngFromKey(random.key(0)).int(10); // 0..9
   * ```
   */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * An independent generator split off this one (its state is seeded from four draws of this one).
   *
   * @example
   * ```ts
   * const rng = rngFromKey(random.key(0));
   * const child = rng.split();
   * ```
   */
  split(): Rng {
    return new Rng(splitmix(this.nextUint32()), splitmix(this.nextUint32() ^ 0x85ebca6b), splitmix(this.nextUint32() ^ 0xc2b2ae35), splitmix(this.nextUint32() ^ 0x27d4eb2f));
  }
}

// The ziggurat of exp(−x²/2) (Marsaglia & Tsang 2000): 128 layers of equal area V. Layer 0 is
// the base strip (the rectangle [0, r] under f(r) plus the tail beyond r, width V / f(r)); layer
// k ≥ 1 spans heights f(x_k)..f(x_{k+1}) with width x_k, where x_1 = r and
// x_{k+1} = f⁻¹(f(x_k) + V / x_k), down to x_128 = 0.
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(129);
const ZIG_F = new Float64Array(129);
const ZIG_RATIO = new Float64Array(128);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  ZIG_X[0] = ZIG_V / f(ZIG_R);
  ZIG_X[1] = ZIG_R;
  for (let k = 1; k < 127; k++) ZIG_X[k + 1] = Math.sqrt(-2 * Math.log(f(ZIG_X[k]) + ZIG_V / ZIG_X[k]));
  ZIG_X[128] = 0;
  for (let k = 0; k <= 128; k++) ZIG_F[k] = k === 0 ? 0 : f(ZIG_X[k]);
  for (let k = 0; k < 128; k++) ZIG_RATIO[k] = ZIG_X[k + 1] / ZIG_X[k];
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function splitmix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A generator seeded from an Orrery key: 128 bits from `random.bits(key, [4])`.
 *
 * @example
 * ```ts
 * import { random } from "@orrery/core";
 * const rng = rngFromKey(random.key(42));
 * rng.normal();
 * ```
 */
export function rngFromKey(key: Array | Uint32Array): Rng {
  const bits = random.bits(key, [4]);
  if (!(bits instanceof ConcreteArray)) throw new TypeError("rngFromKey: the key must be a concrete array (not a traced value)");
  const w = bits.toTypedArray() as Uint32Array;
  return new Rng(w[0], w[1], w[2], w[3]);
}

/** A generator or a key; kernels' top-level functions accept either. */
export type RngLike = Rng | Array | Uint32Array;

/**
 * `rng` itself when it is an {@link Rng}, otherwise a generator seeded from the key.
 *
 * @example
 * ```ts
 * const rng = asRng(random.key(0)); // same as rngFromKey(random.key(0))
 * ```
 */
export function asRng(rng: RngLike): Rng {
  return rng instanceof Rng ? rng : rngFromKey(rng);
}
