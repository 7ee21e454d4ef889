/**
 * The implicit reparameterisation gradient of gamma samples (Figurnov et al., "Implicit
 * Reparameterization Gradients", 2018), as JAX's `random_gamma_grad`: for a draw `x` of
 * Gamma(a, 1),
 *
 *   dx/da = -(∂P/∂a)(a, x) / (∂P/∂x)(a, x),   ∂P/∂x = x^(a-1) e^(-x) / Γ(a),
 *
 * with `P` the regularised lower incomplete gamma function.
 *
 * Method (own implementation):
 * - `x < a + 1`: the series `P = x^a e^-x Σ x^n / Γ(a+n+1)` differentiated term by term
 *   gives `dx/da = x Σ t_n (ψ(a+n+1) - log x)` with `t_n = x^n / (a (a+1) ... (a+n))`;
 * - otherwise `Q = 1 - P = x^a e^-x / Γ(a) · h(a, x)` with `h` Legendre's continued
 *   fraction, evaluated by the modified Lentz method carrying `∂h/∂a` alongside (forward
 *   mode by hand), gives `dx/da = x ((log x - ψ(a)) h + ∂h/∂a)`;
 * - shapes beyond 1e7 use the Wilson-Hilferty approximation, exact to O(1/a).
 *
 * @module
 */
import { digamma } from "../special/scalar/digamma.js";

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAX_ITER = 100_000;

function seriesGrad(a: number, x: number): number {
  const logx = Math.log(x);
  let t = 1 / a;
  let psi = digamma(a + 1); // ψ(a + n + 1) for n = 0
  let sum = t * (psi - logx);
  for (let n = 1; n < MAX_ITER; n++) {
    t *= x / (a + n);
    psi += 1 / (a + n);
    const term = t * (psi - logx);
    sum += term;
    if (Math.abs(term) <= EPS * Math.abs(sum) && a + n > x) break;
  }
  return x * sum;
}

function continuedFractionGrad(a: number, x: number): number {
  // Modified Lentz for h = 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))), with derivatives.
  let b = x + 1 - a;
  const db = -1;
  let c = 1 / FPMIN;
  let dc = 0;
  let d = 1 / b;
  let dd = -db / (b * b);
  let h = d;
  let dh = dd;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    const dan = i;
    b += 2;
    let D = an * d + b;
    let dD = dan * d + an * dd + db;
    if (Math.abs(D) < FPMIN) {
      D = FPMIN;
      dD = 0;
    }
    let C = b + an / c;
    let dC = db + dan / c - (an * dc) / (c * c);
    if (Math.abs(C) < FPMIN) {
      C = FPMIN;
      dC = 0;
    }
    d = 1 / D;
    dd = -dD * d * d;
    c = C;
    dc = dC;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    h *= del;
    if (Math.abs(del - 1) <= EPS && Math.abs(h * ddel) <= EPS * Math.abs(dh) + 1e-300) break;
  }
  return x * ((Math.log(x) - digamma(a)) * h + dh);
}

/**
 * `d x / d a` for a sample `x` of Gamma(`a`, 1): the derivative of the quantile function
 * at the sample's own probability level, `-(∂P/∂a) / (∂P/∂x)`.
 *
 * @param a - the shape, > 0
 * @param x - the sample, >= 0
 * @returns the derivative; 0 at `x = 0`; NaN for invalid arguments
 * @example
 * ```ts
 * randomGammaGrad(1, 0.5); // ≈ 0.80698: how far the draw 0.5 of Gamma(1) moves per unit of a
 * ```
 */
export function randomGammaGrad(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0) || Number.isNaN(x)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity || a === Infinity) return NaN;
  if (a > 1e7) {
    // Wilson-Hilferty: x = a (1 - 1/(9a) + z / (3 sqrt(a)))^3 at fixed z.
    const s = Math.cbrt(x / a);
    const z = (s - 1 + 1 / (9 * a)) * 3 * Math.sqrt(a);
    const ds = 1 / (9 * a * a) - z / (6 * a * Math.sqrt(a));
    return s * s * s + 3 * a * s * s * ds;
  }
  return x < a + 1 ? seriesGrad(a, x) : continuedFractionGrad(a, x);
}
