// d P(a, x) / d a and the implicit reparameterisation gradient of gamma samples.
//
// Method (own implementation; the same regions as incomplete-gamma.ts, differentiated):
// * power series P = D S, D = x^a e^-x / Gamma(a+1), S = sum_n x^n/((a+1)...(a+n)):
//   dP/da = D [S (log x - psi(a+1)) + sum_n t_n (-sum_{k<=n} 1/(a+k))];
// * continued fraction Q = a D F: dQ/da = a D [F (log x - psi(a)) + F'], F' by forward-mode
//   differentiation of the modified Lentz iteration (as XLA's igamma_grad_a does);
// * Temme's expansion (a > 20, |x - a| < 0.3 a), differentiated in closed form:
//   dP/da = -e^(-a mu)/sqrt(2 pi a) [log(lambda)/eta + log(lambda) sum_k c_k a^-k
//            + sum_k (c_k'(eta) eta_a - (k + 1/2) c_k / a) a^-k],  eta_a = -(lambda - 1)/(a eta).
// All three return G = (dP/da) / D, so that the sample gradient -x G / a never under/overflows.

import { TEMME_D } from "./coefficients.js";
import { digamma } from "./digamma.js";
import { stirlingCorrection } from "./gamma.js";
import { gammaPrefix1p, inTemmeRegion, muOf } from "./incomplete-gamma.js";
import { EPS } from "./util.js";

function seriesG(a: number, x: number): number {
  let t = 1;
  let s = 1;
  let h = 0;
  let ds = 0;
  for (let n = 1; n < 100000; n++) {
    t *= x / (a + n);
    h += 1 / (a + n);
    s += t;
    ds -= t * h;
    if (t * (1 + h) <= 1e-17 * Math.abs(s)) break;
  }
  return s * (Math.log(x) - digamma(a + 1)) + ds;
}

function fractionG(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  const db = -1;
  let c = 1 / tiny;
  let dc = 0;
  let d = 1 / b;
  let dd = -db / (b * b);
  let h = d;
  let dh = dd;
  for (let n = 1; n < 100000; n++) {
    const an = -n * (n - a);
    const dan = n;
    b += 2;
    let den = an * d + b;
    const dden = dan * d + an * dd + db;
    if (Math.abs(den) < tiny) den = tiny;
    d = 1 / den;
    dd = -dden / (den * den);
    const cPrev = c;
    c = b + an / cPrev;
    dc = db + dan / cPrev - (an * dc) / (cPrev * cPrev);
    if (Math.abs(c) < tiny) c = tiny;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    h *= del;
    if (Math.abs(del - 1) <= EPS && Math.abs(h * ddel) <= EPS * Math.abs(dh)) break;
  }
  // dP/da = -dQ/da = -a D [F (log x - psi(a)) + F']
  return -a * (h * (Math.log(x) - digamma(a)) + dh);
}

/** dP/da in the Temme region, without the factor e^(-a mu)/sqrt(2 pi a): returns [bracket, a mu]. */
function temmeBracket(a: number, x: number): [number, number] {
  const t = (x - a) / a;
  const mu = muOf(t);
  const eta = (t < 0 ? -1 : 1) * Math.sqrt(2 * mu);
  const loglam = Math.log1p(t);
  const logOverEta = t === 0 ? 1 : loglam / eta;
  const tOverEta = t === 0 ? 1 : t / eta;
  let sum = 0;
  let dsum = 0;
  let ak = 1;
  let prev = Infinity;
  for (let k = 0; k < TEMME_D.length; k++) {
    const c = TEMME_D[k];
    let ck = 0;
    let dck = 0;
    for (let n = c.length - 1; n >= 0; n--) {
      dck = dck * eta + ck;
      ck = ck * eta + c[n];
    }
    const term = ck * ak;
    const dterm = (dck * (-tOverEta / a) - ((k + 0.5) * ck) / a) * ak;
    const size = Math.abs(term) + Math.abs(dterm);
    if (size > prev) break;
    sum += term;
    dsum += dterm;
    if (size <= 1e-17 * (Math.abs(sum) + Math.abs(dsum))) break;
    prev = size;
    ak /= a;
  }
  return [logOverEta + loglam * sum + dsum, a * mu];
}

function checkArgs(a: number, x: number): number | undefined {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0) || x < 0 || a === Infinity || x === Infinity) return NaN;
  if (x === 0) return 0;
  return undefined;
}

/**
 * ∂P(a, x)/∂a, the derivative of the regularized lower incomplete gamma function with respect to
 * its shape (always ≤ 0), for a > 0, x ≥ 0.
 *
 * @example
 * gammaincDerivA(1, 1); // -0.4317297106348989
 * gammaincDerivA(100, 100); // -0.03992749785778606
 */
export function gammaincDerivA(a: number, x: number): number {
  const bad = checkArgs(a, x);
  if (bad !== undefined) return bad;
  if (inTemmeRegion(a, x)) {
    const [br, amu] = temmeBracket(a, x);
    return (-Math.exp(-amu) / Math.sqrt(2 * Math.PI * a)) * br;
  }
  const g = x > 1.1 && x > a ? fractionG(a, x) : seriesG(a, x);
  return g * gammaPrefix1p(a, x);
}

/**
 * d sample / d alpha for a Gamma(alpha, 1) sample, by implicit differentiation of the CDF:
 * −(∂P/∂a)/(∂P/∂x) at x = sample, as JAX's `random_gamma_grad` (used for reparameterised
 * gradients through gamma, beta and Dirichlet samples). Computed without forming the density, so
 * it stays finite for tiny and huge samples.
 *
 * @example
 * randomGammaGrad(1, 1); // 1.1735630272247275
 * randomGammaGrad(1e4, 1e4); // 1.000016666833324
 */
export function randomGammaGrad(alpha: number, sample: number): number {
  const a = alpha;
  const x = sample;
  const bad = checkArgs(a, x);
  if (bad !== undefined) return bad;
  let g: number;
  if (inTemmeRegion(a, x)) {
    // dP/da / D = -Gamma*(a) bracket
    g = -Math.exp(stirlingCorrection(a)) * temmeBracket(a, x)[0];
  } else {
    g = x > 1.1 && x > a ? fractionG(a, x) : seriesG(a, x);
  }
  // dP/dx = a D / x
  return (-g * x) / a;
}
