// Inverse of the standard normal CDF.
//
// Phi^{-1}(p) = -sqrt2 erfcinv(2p) for p < 1/4, sqrt2 erfinv(2p - 1) for 1/4 <= p <= 3/4,
// sqrt2 erfcinv(2(1 - p)) for p > 3/4: every difference is exact (Sterbenz), so full relative
// accuracy near p = 1/2 and down to the smallest subnormal p.

import { erfcinv, erfinv } from "./erfinv.js";

/**
 * Inverse of the standard normal CDF Φ⁻¹(p), as `scipy.special.ndtri`: `-Infinity` at 0,
 * `Infinity` at 1, `NaN` outside [0, 1]; accurate deep in the tails (p = 1e-300 and below).
 *
 * @example
 * ndtri(0.975); // 1.959963984540054
 * ndtri(1e-300); // -37.0470962993612
 */
export function ndtri(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p < 0.25) return -Math.SQRT2 * erfcinv(2 * p);
  if (p > 0.75) return Math.SQRT2 * erfcinv(2 * (1 - p));
  return Math.SQRT2 * erfinv(2 * p - 1);
}
