/**
 * The random stream of the per-element samplers: a key `(k0, k1)` consumed by a sampler
 * yields the threefry blocks of counters 0, 1, 2, ... (the partitionable `random_bits`
 * layout), each block giving one 52-bit uniform on the open interval (0, 1). Normals are
 * the exact inverse normal CDF of such a uniform (Wichura's AS 241, relative error about
 * 1e-16), so they need one block each and no rejection.
 *
 * @module
 */

import { lastWord1, threefryPair } from "./threefry.js";

const TWO_20 = 2 ** 20;
const TWO_M52 = 2 ** -52;

/**
 * The uniform of stream position `i` under key `(k0, k1)`: `(m + 1/2) * 2^-52` where `m`
 * is the top 52 of the block's 64 bits, so it lies in [2^-53, 1 - 2^-53] and both
 * `log(u)` and `log(1 - u)` are finite.
 *
 * @param k0 - first key word
 * @param k1 - second key word
 * @param i - stream position (a non-negative integer below 2^32)
 * @returns a float64 in (0, 1)
 * @example
 * ```ts
 * const u0 = uniformOpenAt(0, 42, 0), u1 = uniformOpenAt(0, 42, 1);
 * ```
 */
export function uniformOpenAt(k0: number, k1: number, i: number): number {
  const hi = threefryPair(k0, k1, 0, i);
  const lo = lastWord1();
  return (hi * TWO_20 + (lo >>> 12) + 0.5) * TWO_M52;
}

/**
 * A standard normal from stream position `i` under key `(k0, k1)`:
 * `ndtri(uniformOpenAt(k0, k1, i))`.
 *
 * @param k0 - first key word
 * @param k1 - second key word
 * @param i - stream position
 * @returns a float64 standard normal draw
 * @example
 * ```ts
 * const z = normalAt(0, 42, 0);
 * ```
 */
export function normalAt(k0: number, k1: number, i: number): number {
  return ndtri(uniformOpenAt(k0, k1, i));
}

/**
 * The standard normal quantile function (inverse CDF), by Wichura's algorithm AS 241
 * (PPND16, Applied Statistics 37, 1988), accurate to about 1e-16 relative.
 *
 * @param p - a probability
 * @returns `x` with `Phi(x) = p`; `-Infinity` at 0, `Infinity` at 1, NaN outside [0, 1]
 * @example
 * ```ts
 * ndtri(0.975); // 1.959963984540054
 * ```
 */
export function ndtri(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.3871328727963666080)) /
      (((((((5226.4952788528545610 * r + 28729.085735721942674) * r + 39307.895800092710610) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.18700749205790830) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.76949722146069140550) * r +
        4.63033784615654529590) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
        1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
        2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580) * r +
        5.46378491116411436990) * r + 6.65790464350110377720) /
      (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
        7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
        5.99832206555887937690e-1) * r + 1);
  }
  return q < 0 ? -x : x;
}
