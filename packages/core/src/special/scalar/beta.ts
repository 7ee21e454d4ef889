// log|B(a, b)|.
//
// Method (own implementation): with Stirling's formula written so that nothing large cancels:
// * a, b >= 10:  log B = log(2pi)/2 - log(s)/2 + (a - 1/2) log(a/s) + (b - 1/2) log1p(-a/s)
//                 + omega(a) + omega(b) - omega(s),  s = a + b, a <= b, omega = Stirling correction;
// * a < 10 <= b: log B = lgamma(a) + [lgamma(b) - lgamma(a + b)], the bracket as
//                 -(b - 1/2) log1p(a/b) - a log(a + b) + a + omega(b) - omega(a + b);
// * otherwise lgamma(a) + lgamma(b) - lgamma(a + b).

import { lgamma, stirlingCorrection } from "./gamma.js";
import { HALF_LOG_2PI } from "./util.js";

/** lgamma(b) - lgamma(a + b) for b >= 10, a >= 0 (internal). */
export function lgammaDiff(a: number, b: number): number {
  const s = a + b;
  return -(b - 0.5) * Math.log1p(a / b) - a * Math.log(s) + a + stirlingCorrection(b) - stirlingCorrection(s);
}

/**
 * log|B(a, b)| = log|Γ(a)Γ(b)/Γ(a+b)|, as `scipy.special.betaln`, accurate for large and very
 * different a and b (e.g. `betaln(1e10, 1) = -log(1e10)` to full precision).
 *
 * @example
 * betaln(1, 1); // 0
 * betaln(1e10, 1e10); // -13862943621.44632
 */
export function betaln(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a > b) [a, b] = [b, a];
  if (a > 0 && b === Infinity) return -Infinity;
  if (a >= 10) {
    const s = a + b;
    const r = a / s;
    return (
      HALF_LOG_2PI -
      0.5 * Math.log(s) +
      (a - 0.5) * Math.log(r) +
      (b - 0.5) * Math.log1p(-r) +
      (stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s))
    );
  }
  if (a > 0 && b >= 10) return lgamma(a) + lgammaDiff(a, b);
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}
