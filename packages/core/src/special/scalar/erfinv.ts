// Inverses of erf and erfc.
//
// Method (own implementation): a cheap starting value refined by Halley steps on an accurately
// computed residual:
// * |y| <= 1/2 (erfinv): residual erf(x) - y (erf has full relative accuracy near 0, so tiny y
//   give full relative accuracy);
// * erfc side, z = erfc(x) <= 1/2: residual g(x) = log erfcx(x) - x^2 - log z, which never
//   underflows (z down to 5e-324) and has g' = -2/(sqrt(pi) erfcx(x)), g'' = -g'(2x + g');
// * the other cases by the exact reductions erfinv(y) = erfcinv(1 - y) for |y| > 1/2 and
//   erfcinv(z) = -erfcinv(2 - z), erfcinv(z) = erfinv(1 - z) (all differences exact).

import { erf, erfcxPositive } from "./erf.js";
import { SQRT_PI } from "./util.js";

const SQRT_PI_OVER_2 = 0.886226925452758; // sqrt(pi)/2

/** erfinv for |y| <= 1/2 */
function erfinvCentral(y: number): number {
  if (y === 0) return y;
  // series start: sqrt(pi)/2 (y + pi/12 y^3 + 7 pi^2/480 y^5 + 127 pi^3/40320 y^7)
  const w = y * y;
  let x = SQRT_PI_OVER_2 * y * (1 + w * (0.2617993877991494 + w * (0.14393173084921979 + w * 0.09766361950392055)));
  for (let i = 0; i < 6; i++) {
    const f = erf(x) - y;
    // f' = 2/sqrt(pi) exp(-x^2), f''/f' = -2x
    const u = f / ((2 / SQRT_PI) * Math.exp(-x * x));
    const dx = u / (1 + x * u);
    x -= dx;
    if (Math.abs(dx) <= 1e-17 * Math.abs(x)) break;
  }
  return x;
}

/** erfcinv for 0 < z <= 1/2 (x >= 0.4769). */
function erfcinvTail(z: number): number {
  const logz = Math.log(z);
  // start: Phi^{-1}(z/2) by A&S 26.2.23 (|error| < 4.5e-4), x = -Phi^{-1}(z/2)/sqrt(2)
  const t = Math.sqrt(-2 * (logz - Math.LN2));
  const q = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  let x = q * Math.SQRT1_2;
  for (let i = 0; i < 8; i++) {
    const e = erfcxPositive(x);
    const g = Math.log(e) - x * x - logz;
    const gp = -2 / (SQRT_PI * e);
    const u = g / gp;
    const dx = u / (1 + (u * (2 * x + gp)) / 2);
    x -= dx;
    if (Math.abs(dx) <= 1e-17 * x) break;
  }
  return x;
}

/**
 * Inverse of the error function on (-1, 1), as `scipy.special.erfinv`; ±1 give ±`Infinity`,
 * |y| > 1 gives `NaN`. Accurate near 0 and near ±1 (given y, 1 - |y| is exact there).
 *
 * @example
 * erfinv(0.5); // 0.47693627620446993
 * erfinv(-0.999999); // -3.458910737275499
 */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (Math.abs(y) <= 0.5) return erfinvCentral(y);
  return y > 0 ? erfcinvTail(1 - y) : -erfcinvTail(1 + y);
}

/**
 * Inverse of the complementary error function on (0, 2), as `scipy.special.erfcinv`:
 * `erfcinv(0) = Infinity`, `erfcinv(2) = -Infinity`; accurate down to subnormal z.
 *
 * @example
 * erfcinv(1e-300); // 26.209469960516124
 * erfcinv(1.5); // -0.4769362762044698
 */
export function erfcinv(z: number): number {
  if (Number.isNaN(z) || z < 0 || z > 2) return NaN;
  if (z === 0) return Infinity;
  if (z === 2) return -Infinity;
  if (z <= 0.5) return erfcinvTail(z);
  if (z >= 1.5) return -erfcinvTail(2 - z);
  return erfinvCentral(1 - z);
}
