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
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

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
    this.s0 = a >>> 0;
    this.s1 = b >>> 0;
    this.s2 = c >>> 0;
    this.s3 = d >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
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
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
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
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A standard normal draw (Marsaglia's polar method; the second value of a pair is kept).
   *
   * @example
   * ```ts
   * const z = rngFromKey(random.key(0)).normal();
   * ```
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
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
