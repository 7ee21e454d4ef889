// The standard normal CDF Phi(x) and its logarithm.
//
// Method (own implementation): Phi(x) = (1 + erf(x/sqrt2))/2 for |x| < 1; in the tails
// Phi(-|x|) = exp(-x^2/2) erfcx(|x|/sqrt2) / 2, where exp(-x^2/2) is computed from the exact x
// (util.expNegHalfSq) — so the rounding of x/sqrt2 only enters the slowly varying erfcx, and
// the relative error stays ~1e-16 down to the subnormal range (x ≈ -38).
// log Phi(x) = log(erfcx(-x/sqrt2)/2) - x^2/2 for x < -1 (no underflow, fine to x = -1e150);
// log1p(-Phi(-x)) for x > 0.

import { erf, erfcxPositive } from "./erf.js";
import { expNegHalfSq } from "./util.js";

const SQRT1_2 = Math.SQRT1_2;

/**
 * The standard normal cumulative distribution function Φ(x), as `scipy.special.ndtr`, with full
 * relative accuracy in the left tail.
 *
 * @example
 * ndtr(0); // 0.5
 * ndtr(-10); // 7.619853024160527e-24
 */
export function ndtr(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 1) return 0.5 + 0.5 * erf(x * SQRT1_2);
  if (x < 0) {
    if (x < -38.5) return 0;
    return 0.5 * expNegHalfSq(x) * erfcxPositive(-x * SQRT1_2);
  }
  if (x > 8.5) return 1;
  return 1 - 0.5 * expNegHalfSq(x) * erfcxPositive(x * SQRT1_2);
}

/**
 * log Φ(x), the log of the standard normal CDF, as `scipy.special.log_ndtr`: accurate for
 * x → -∞ (≈ -x²/2 - log(-x√(2π))) and for x → +∞ (≈ -Φ(-x)).
 *
 * @example
 * logNdtr(-1e5); // -5000000012.431864
 * logNdtr(10); // -7.619853024160527e-24
 */
export function logNdtr(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -1) {
    if (x === -Infinity) return -Infinity;
    const t = -x * SQRT1_2;
    return Math.log(0.5 * erfcxPositive(t)) - 0.5 * x * x;
  }
  if (x < 0) return Math.log(ndtr(x));
  if (x > 38.5) return -0;
  return Math.log1p(-ndtr(-x));
}
