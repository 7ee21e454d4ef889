// log|Gamma(x)|, the sign of Gamma(x), and internal helpers (lgamma(1+z), Stirling correction).
//
// Method (own implementation; structure as in Cephes/Boost):
// * |x - 1| <= 1/2 or |x - 2| <= 1/2: Taylor series about 1 and 2 in terms of zeta(k) - 1
//   (A&S 6.1.33), which keeps full relative accuracy at the zeros x = 1 and x = 2;
// * 2.5 < x < 13: downward recurrence onto [1.5, 2.5];
// * x >= 13: Stirling's series;
// * x < 0: reflection  Gamma(x) Gamma(-x) = -pi / (x sin(pi x))  with exact reduction of sin(pi x).

import { LGAMMA_SERIES } from "./coefficients.js";
import { EULER_GAMMA, HALF_LOG_2PI, LOG_PI, horner, isNonPositiveInteger, sinpi } from "./util.js";

/** B_{2k} / (2k (2k-1)), k = 1..10: Stirling series of log Gamma. */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
  43867 / 244188,
  -174611 / 125400,
];

/**
 * Stirling correction omega(x) = lgamma(x) - [(x - 1/2) log x - x + log(2 pi)/2], for x >= 10
 * (the log of Gamma*(x), Temme's notation). Relative accuracy ~1e-16.
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * horner(STIRLING, r2);
}

/** S(z) = sum_{k>=2} (-1)^k (zeta(k)-1)/k z^k, |z| <= 1/2. */
function zetaSeries(z: number): number {
  return z * z * horner(LGAMMA_SERIES, z);
}

/** lgamma(1 + z) for |z| <= 1/2 (accurate near z = 0 and for tiny z). */
export function lgamma1pSmall(z: number): number {
  return zetaSeries(z) + z * (1 - EULER_GAMMA) - Math.log1p(z);
}

/** lgamma(1 + z), accurate for small |z| (used by the incomplete gamma function). */
export function lgamma1p(z: number): number {
  if (Math.abs(z) <= 0.5) return lgamma1pSmall(z);
  if (Math.abs(z - 1) <= 0.5) return zetaSeries(z - 1) + (z - 1) * (1 - EULER_GAMMA);
  return lgamma(z + 1);
}

/** lgamma for x > 0. */
function lgammaPositive(x: number): number {
  if (x < 0.5) {
    // lgamma(x) = lgamma(1 + x) - log(x)
    if (x < 1e-300) return -Math.log(x);
    return lgamma1pSmall(x) - Math.log(x);
  }
  if (x <= 1.5) return lgamma1pSmall(x - 1);
  if (x <= 2.5) {
    const z = x - 2;
    return zetaSeries(z) + z * (1 - EULER_GAMMA);
  }
  if (x < 13) {
    let prod = 1;
    while (x > 2.5) {
      x -= 1;
      prod *= x;
    }
    const z = x - 2;
    return Math.log(prod) + zetaSeries(z) + z * (1 - EULER_GAMMA);
  }
  if (x === Infinity) return Infinity;
  const lx = Math.log(x);
  if (x > 1e17) return x * (lx - 1);
  return (x - 0.5) * lx - x + HALF_LOG_2PI + stirlingCorrection(x);
}

/**
 * Natural log of the absolute value of the gamma function, log|Γ(x)|, for all real x, as
 * `scipy.special.gammaln`. Poles (x = 0, -1, -2, ...) give `+Infinity`; `lgamma(-Infinity)` is
 * `-Infinity` as in SciPy.
 *
 * @example
 * lgamma(0.5); // 0.5723649429247001 (= log(sqrt(pi)))
 * lgamma(-2.5); // -0.05624371649767412
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 0) return lgammaPositive(x);
  if (x === -Infinity) return -Infinity;
  if (isNonPositiveInteger(x)) return Infinity;
  if (x > -0.5) {
    // lgamma(x) = lgamma(1 + x) - log|x|
    if (x > -1e-300) return -Math.log(-x);
    return lgamma1pSmall(x) - Math.log(-x);
  }
  // |Gamma(x)| = pi / (|x sin(pi x)| Gamma(-x)), x < 0
  const y = -x;
  const s = Math.abs(sinpi(x));
  if (y > 1e300) return LOG_PI - Math.log(s) - Math.log(y) - lgammaPositive(y);
  return LOG_PI - Math.log(y * s) - lgammaPositive(y);
}

/**
 * Sign of the gamma function, as `scipy.special.gammasgn`: 1 for x > 0, ±1 on the negative axis
 * (Γ changes sign at each pole), `NaN` at the poles -1, -2, ... and at `-Infinity`; at zero the
 * sign of the zero (`gammaSign(0) = 1`, `gammaSign(-0) = -1`).
 *
 * @example
 * gammaSign(-0.5); // -1
 * gammaSign(-1.5); // 1
 */
export function gammaSign(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 0) return 1;
  if (x === 0) return Object.is(x, -0) ? -1 : 1;
  if (x === -Infinity) return NaN;
  const f = Math.floor(x);
  if (f === x) return NaN;
  // Gamma < 0 on (-1, 0), (-3, -2), ...: floor(x) odd
  return f % 2 === 0 ? 1 : -1;
}

/** Gamma(x) for moderate x (internal). Relative accuracy ~ (|lgamma(x)| + 1) eps. */
export function gammaFn(x: number): number {
  if (x > 0 && x < 25 && Math.floor(x) === x) {
    let p = 1;
    for (let k = 2; k < x; k++) p *= k;
    return p;
  }
  return gammaSign(x) * Math.exp(lgamma(x));
}
