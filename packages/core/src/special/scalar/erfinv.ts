// Inverses of erf and erfc.
//
// Method (own implementation): a starting value from the float32 fits of the tfjs kernels
// (special-coefficients.ts, relative error <= 4e-8; A&S 26.2.23 past their range, z below 1e-45),
// refined by Halley steps on an accurately computed residual until a step is below 1e-7
// relative (the error after it is of order its cube): one step from the fits, a few from A&S:
// * |y| <= 1/2 (erfinv): residual erf(x) - y (erf has full relative accuracy near 0, so tiny y
//   give full relative accuracy);
// * erfc side, z = erfc(x) <= 1/2: residual g(x) = log erfcx(x) - x^2 - log z, which never
//   underflows (z down to 5e-324) and has g' = -2/(sqrt(pi) erfcx(x)), g'' = -g'(2x + g');
// * the other cases by the exact reductions erfinv(y) = erfcinv(1 - y) for |y| > 1/2 and
//   erfcinv(z) = -erfcinv(2 - z), erfcinv(z) = erfinv(1 - z) (all differences exact).

import { erf, erfcxPositive } from "./erf.js";
import { SQRT_PI, horner } from "./util.js";
import * as C from "../../backend/tfjs/special-coefficients.js";

/**
 * A Halley step of relative size below this leaves an error of order its cube: the next
 * iterate is accurate to the last bit, and the loop stops after it.
 */
const CONVERGED = 1e-7;

/** erfinv for |y| <= 1/2 */
function erfinvCentral(y: number): number {
  if (y === 0) return y;
  // start: the float32 fit y·P(y²) (relative error 1.3e-8)
  let x = y * horner(C.ERFINV_CENTRAL, y * y);
  for (let i = 0; i < 4; i++) {
    const f = erf(x) - y;
    // f' = 2/sqrt(pi) exp(-x^2), f''/f' = -2x
    const u = f / ((2 / SQRT_PI) * Math.exp(-x * x));
    const dx = u / (1 + x * u);
    x -= dx;
    if (Math.abs(dx) <= CONVERGED * Math.abs(x)) break;
  }
  return x;
}

/** erfcinv for 0 < z <= 1/2 (x >= 0.4769). */
function erfcinvTail(z: number): number {
  const logz = Math.log(z);
  let x: number;
  const s = Math.sqrt(-(logz + Math.log(2 - z)));
  if (s < 2.5) x = horner(C.ERFCINV_LOW, (s - C.ERFCINV_LOW_MAP[0]) / C.ERFCINV_LOW_MAP[1]);
  else if (s <= 10.15) x = s * horner(C.ERFCINV_HIGH, (1 / s - C.ERFCINV_HIGH_MAP[0]) / C.ERFCINV_HIGH_MAP[1]);
  else {
    // Phi^{-1}(z/2) by A&S 26.2.23 (|error| < 4.5e-4), x = -Phi^{-1}(z/2)/sqrt(2)
    const t = Math.sqrt(-2 * (logz - Math.LN2));
    x = (t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)))) * Math.SQRT1_2;
  }
  for (let i = 0; i < 8; i++) {
    const e = erfcxPositive(x);
    const g = Math.log(e) - x * x - logz;
    const gp = -2 / (SQRT_PI * e);
    const u = g / gp;
    const dx = u / (1 + (u * (2 * x + gp)) / 2);
    x -= dx;
    if (Math.abs(dx) <= CONVERGED * x) break;
  }
  return x;
}

/**
 * Inverse of the error function on (-1, 1), as `scipy.special.erfinv`; ±1 give ±`Infinity`,
 * |y| > 1 gives `NaN`. Accurate near 0 and near ±1 (given y, 1 - |y| is exact there).
 *
 * @example
 * erfinv(0.5); // 0.4769362762044699
 * erfinv(-0.999999); // -3.4589107372754984
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
 * erfcinv(1.5); // -0.4769362762044699
 */
export function erfcinv(z: number): number {
  if (Number.isNaN(z) || z < 0 || z > 2) return NaN;
  if (z === 0) return Infinity;
  if (z === 2) return -Infinity;
  if (z <= 0.5) return erfcinvTail(z);
  if (z >= 1.5) return -erfcinvTail(2 - z);
  return erfinvCentral(1 - z);
}
