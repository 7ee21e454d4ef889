// erf, erfc and the scaled erfcx(x) = exp(x^2) erfc(x).
//
// Method (own implementation):
// * |x| < 0.75: Taylor series of erf (13-19 terms);
// * 0 <= x < 12: erfcx from Chebyshev expansions on unit intervals (generated with mpmath by
//   scripts/special/gen-coefficients.py);
// * x >= 12: asymptotic series of erfcx (12 terms, error < 1e-18 at x = 12);
// * erfc(x) = exp(-x^2) erfcx(x), with exp(-x^2) computed without rounding x^2 (util.expNegSq);
// * negative arguments by symmetry: erfc(-x) = 2 - erfc(x), erfcx(-x) = 2 exp(x^2) - erfcx(x).

import { ERFCX_CHEB } from "./coefficients.js";
import { SQRT_PI, TWO_OVER_SQRT_PI, chebyshev, expNegSq, expPosSq } from "./util.js";

/** Taylor coefficients of erf(x) / (2x/sqrt(pi)) in x^2: (-1)^n / (n! (2n+1)). */
const ERF_TAYLOR: number[] = (() => {
  const c: number[] = [];
  let f = 1;
  for (let n = 0; n < 22; n++) {
    if (n > 0) f *= n;
    c.push((n % 2 === 0 ? 1 : -1) / (f * (2 * n + 1)));
  }
  return c;
})();

function erfSmall(x: number): number {
  const x2 = x * x;
  let s = 0;
  // |x| < 0.75: x^2 < 0.5625, 19 terms give < 1e-19 relative
  for (let n = 19; n >= 0; n--) s = s * x2 + ERF_TAYLOR[n];
  return TWO_OVER_SQRT_PI * x * s;
}

/** erfcx for x >= 0. */
function erfcxPositive(x: number): number {
  if (x < 12) {
    const k = Math.floor(x);
    return chebyshev(ERFCX_CHEB[k], 2 * (x - k) - 1);
  }
  if (x > 1e8) return 1 / (SQRT_PI * x);
  // 1/(x sqrt(pi)) sum_n (-1)^n (2n-1)!! / (2x^2)^n
  const r = 1 / (2 * x * x);
  let term = 1;
  let s = 1;
  for (let n = 1; n < 14; n++) {
    term *= -(2 * n - 1) * r;
    s += term;
  }
  return s / (SQRT_PI * x);
}

/**
 * The error function erf(x) = 2/√π ∫₀ˣ exp(-t²) dt, as `scipy.special.erf`.
 *
 * @example
 * erf(0.5); // 0.5204998778130465
 * erf(-1e-20); // -1.1283791670955125e-20
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.75) return erfSmall(x);
  if (ax > 6.5) return x > 0 ? 1 : -1;
  const c = expNegSq(ax) * erfcxPositive(ax);
  return x > 0 ? 1 - c : c - 1;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), accurate in the right tail (down to
 * the subnormal range, x ≈ 27.2), as `scipy.special.erfc`.
 *
 * @example
 * erfc(0.5); // 0.4795001221869535
 * erfc(10); // 2.088487583762545e-45
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 0.75) return 1 - erfSmall(x);
  if (x < 0) {
    if (x < -6.5) return 2;
    return 2 - expNegSq(x) * erfcxPositive(-x);
  }
  if (x > 27.3) return 0;
  return expNegSq(x) * erfcxPositive(x);
}

/**
 * The scaled complementary error function erfcx(x) = exp(x²) erfc(x), as `scipy.special.erfcx`:
 * ≈ 1/(x√π) for large x, overflows to `Infinity` for x < -26.7.
 *
 * @example
 * erfcx(1); // 0.42758357615580705
 * erfcx(1e3); // 0.0005641893014533876
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 0) return x === Infinity ? 0 : erfcxPositive(x);
  if (x < -26.7) return Infinity;
  // exp(x^2) (2 - erfc(-x)) = 2 exp(x^2) - erfcx(-x)
  return 2 * expPosSq(x) - erfcxPositive(-x);
}

/** erfcx for x >= 0 (internal, no argument checks). */
export { erfcxPositive };
