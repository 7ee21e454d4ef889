// digamma(x) = psi(x) = d/dx log Gamma(x).
//
// Method (own implementation):
// * near the positive zero x0 = 1.4616...: Taylor series about x0 (coefficients zeta(n+1, x0)),
//   so the result keeps full relative accuracy at the zero;
// * x >= 10: asymptotic series  log x - 1/(2x) - sum B_2k / (2k x^2k);
// * 0 < x < 10: upward recurrence psi(x) = psi(x + 1) - 1/x;
// * x < 0: reflection  psi(x) = psi(-x) + 1/(-x) + pi cot(-pi x)  (with y = -x exact).

import { DIGAMMA_ROOT_HI, DIGAMMA_ROOT_LO, DIGAMMA_ROOT_SERIES } from "./coefficients.js";
import { cospi, horner, sinpi } from "./util.js";

/** B_{2k}/(2k), k = 1..9 */
const ASYMP = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12, -3617 / 8160, 43867 / 14364];

function digammaAsymptotic(x: number): number {
  if (x > 1e17) return Math.log(x);
  const r2 = 1 / (x * x);
  return Math.log(x) - 0.5 / x - r2 * horner(ASYMP, r2);
}

function digammaPositive(x: number): number {
  const d = x - DIGAMMA_ROOT_HI - DIGAMMA_ROOT_LO;
  if (Math.abs(d) < 0.47) return d * horner(DIGAMMA_ROOT_SERIES, d);
  if (x >= 10) return digammaAsymptotic(x);
  return digammaRecurrence(x);
}

function digammaRecurrence(x: number): number {
  let acc = 0;
  while (x < 10) {
    acc += 1 / x;
    x += 1;
  }
  return digammaAsymptotic(x) - acc;
}

/** psi(1 + y) for 0 <= y < 1 without rounding 1 + y near the zero of psi. */
function digamma1p(y: number): number {
  const d = y - (DIGAMMA_ROOT_HI - 1) - DIGAMMA_ROOT_LO;
  if (Math.abs(d) < 0.47) return d * horner(DIGAMMA_ROOT_SERIES, d);
  return digammaRecurrence(1 + y);
}

/**
 * The digamma function ψ(x) = Γ'(x)/Γ(x), as `scipy.special.psi`, for all real x.
 * Like SciPy: `digamma(0) = -Infinity`, `digamma(-0) = +Infinity`, `NaN` at the negative
 * integers and at `-Infinity`, `digamma(Infinity) = Infinity`.
 *
 * @example
 * digamma(1); // -0.5772156649015329 (minus the Euler–Mascheroni constant)
 * digamma(-0.5); // 0.03648997397857652
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return -1 / x;
  if (x > 0) return x === Infinity ? Infinity : digammaPositive(x);
  if (x === -Infinity || Math.floor(x) === x) return NaN;
  const y = -x;
  // psi(x) = psi(1 + y) + pi cot(pi y) = psi(y) + 1/y + pi cot(pi y)
  const cot = (Math.PI * cospi(y)) / sinpi(y);
  if (y >= 1) return digammaPositive(y) + 1 / y + cot;
  return digamma1p(y) + cot;
}
