/**
 * GLSL kernels of igamma, igammac, igamma_grad_a and random_gamma_grad: the float32 algorithms
 * of lowering-igamma.ts and lowering-igamma-temme.ts (the same regions, loops and polynomials),
 * with branches where those evaluate every region and select with `where`. One guard more: a
 * prefactor below e^−64 (xᵃe⁻ˣ/Γ(a + 1), or e^{−aμ} in Temme's region) is computed times e^64
 * and the result scaled back last, so that results down to the smallest normal float32 keep
 * their accuracy where the tfjs-ops rule's prefactor is subnormal (flushed or inexact); and the
 * sample gradient's series branch divides by a last, as the CPU kernel does, instead of forming
 * x/a (subnormal for x ≪ a).
 *
 * Every GLSL name starts with `orr_igamma` and the GLSL is ASCII, comments included.
 * GLSL_IGAMMA and GLSL_IGAMMA_GRAD are complete sources (the shared part, GLSL_IGAMMA_PARTS,
 * included).
 */
import type { LoweringRule } from "./lowering.js";
import * as C from "./special-coefficients.js";
import { glslFloat, glslPoly, glslRule } from "./webgl-program.js";
import { TEMME_COEFFICIENTS, TEMME_MAX_T, TEMME_MIN_A, TEMME_MIN_T } from "./lowering-igamma-temme.js";
import { EXPM1_SERIES, FRACTION_MIN_X, LOG1P_SERIES, MU_SERIES, Q_SERIES, SERIES_MAX, STIRLING_MIN_A, TERMS } from "./lowering-igamma.js";

/** Prefactors below e^−PREFIX_SHIFT are computed times e^PREFIX_SHIFT (a guard the tfjs-ops rule lacks). */
const PREFIX_SHIFT = 64;

const F = glslFloat;

/** `vec2 name(float w)`: (p(w), p'(w)) by Horner's rule, as lowering-igamma-temme.ts's `polyAndDerivative`. */
function glslPolyAndDerivative(name: string, coeffs: readonly number[]): string {
  const lines = [`vec2 ${name}(float w) {`, `  float p = ${F(coeffs[coeffs.length - 1])};`, "  float dp = 0.0;"];
  for (let i = coeffs.length - 2; i >= 0; i--) lines.push("  dp = dp * w + p;", `  p = p * w + ${F(coeffs[i])};`);
  lines.push("  return vec2(p, dp);", "}");
  return `${lines.join("\n")}\n`;
}

/** Horner's rule in `w` over GLSL expressions `terms` (constant term first). */
const hornerOf = (w: string, terms: string[]): string => terms.reduceRight((acc, term) => (acc === "" ? term : `(${acc}) * ${w} + ${term}`), "");

/**
 * The shared part: μ, log Γ(1 + a), ψ(y ≥ 1), the prefactor (struct orr_igamma_common), the
 * series / continued-fraction loop with its a-derivative, Temme's η and polynomials.
 */
export const GLSL_IGAMMA_PARTS = `
${glslPoly("orr_igamma_p_mu", MU_SERIES)}
${glslPoly("orr_igamma_p_log1p", LOG1P_SERIES)}
${glslPoly("orr_igamma_p_lgamma2", C.LGAMMA_2P)}
${glslPoly("orr_igamma_p_stirling", C.STIRLING)}
${glslPoly("orr_igamma_p_digamma", C.DIGAMMA_ASYM)}
${TEMME_COEFFICIENTS.map((c, k) => glslPolyAndDerivative(`orr_igamma_temme_c${k}`, c)).join("")}
// mu(t) = t - log(1 + t), ratio = x/a = 1 + t: the atanh series for -1/2 < t < 1, t - log(ratio) outside.
float orr_igamma_mu(float t, float ratio) {
  if (t > -0.5 && t < 1.0) {
    float u = t / (t + 2.0);
    float u2 = u * u;
    return u * (t - (u2 * 2.0) * orr_igamma_p_mu(u2));
  }
  return t - log(ratio);
}
// log Gamma(1 + a), 0 < a <= 3.
float orr_igamma_lgamma1p(float a) {
  if (a < 0.5) {
    float z = min(a, 0.5);
    float u = z / (z + 2.0);
    return a * orr_igamma_p_lgamma2(a) - (u * 2.0) * orr_igamma_p_log1p(u * u);
  }
  if (a <= 2.0) {
    float w = a - 1.0;
    return w * orr_igamma_p_lgamma2(w);
  }
  float w = a - 2.0;
  return w * orr_igamma_p_lgamma2(w) + log(a);
}
// digamma(y), y >= 1: the asymptotic series at y + 5 less sum_{j<5} 1/(y + j) below 6.
float orr_igamma_digamma(float y) {
  bool small = y < 6.0;
  float z = small ? y + 5.0 : y;
  float u = 1.0 / (z * z);
  float asym = (log(z) - 0.5 / z) - u * orr_igamma_p_digamma(u);
  if (!small) return asym;
  float shift = 1.0 / y;
  for (int j = 1; j < 5; j++) shift += 1.0 / (y + float(j));
  return asym - shift;
}
struct orr_igamma_common {
  float logX;
  float t;
  float mu;
  float lgamma1pA;
  float stirling;
  float prefix;
  float scale;
  bool temme;
  bool fraction;
};
// What the regions share, for finite a > 0 and x > 0.
orr_igamma_common orr_igamma_common_of(float a, float x) {
  orr_igamma_common c;
  c.logX = log(x);
  c.t = (x - a) / a;
  c.mu = 0.0;
  c.lgamma1pA = 0.0;
  c.stirling = 0.0;
  c.temme = a >= ${F(TEMME_MIN_A)} && c.t > ${F(TEMME_MIN_T)} && c.t < ${F(TEMME_MAX_T)};
  c.fraction = x >= a && x >= ${F(FRACTION_MIN_X)};
  float e;
  if (a < ${F(STIRLING_MIN_A)}) {
    c.lgamma1pA = orr_igamma_lgamma1p(a);
    e = (a * c.logX - x) - c.lgamma1pA;
  } else {
    c.mu = orr_igamma_mu(c.t, x / a);
    float r = 1.0 / a;
    c.stirling = r * orr_igamma_p_stirling(r * r);
    e = -(a * c.mu + c.stirling) - (log(a) * 0.5 + ${F(0.5 * Math.log(2 * Math.PI))});
  }
  // Below exp(-${PREFIX_SHIFT}) the prefactor is kept as exp(e + ${PREFIX_SHIFT}) and the result scaled by
  // exp(-${PREFIX_SHIFT}) last, so that a result above the smallest normal float32 does not pass
  // through a subnormal (flushed or inexact) prefactor (e + ${PREFIX_SHIFT} is exact down to -${2 * PREFIX_SHIFT}).
  bool shift = e < ${F(-PREFIX_SHIFT)};
  c.prefix = exp(shift ? e + ${F(PREFIX_SHIFT)} : e);
  c.scale = shift ? ${F(Math.exp(-PREFIX_SHIFT))} : 1.0;
  return c;
}
// The loop's result: h_1 of the continued fraction h_n = beta_n + gamma_{n+1}/h_{n+1}, n = ${TERMS} ... 1
// (Legendre's fraction for Q where f, else the Euler fraction of P's series), and dh_1/da.
vec2 orr_igamma_tail(float a, float x, bool f) {
  float stp = f ? 2.0 : 1.0;
  float B = f ? (x + 1.0) - a : a + x;
  float G1 = f ? a - 2.0 : -x;
  float m = f ? 1.0 : 0.0;
  float G0 = f ? a - 1.0 : -(a * x);
  float dBeta = f ? -1.0 : 1.0;
  float h = B + stp * ${F(TERMS)};
  float dh = dBeta;
  for (int i = ${TERMS - 1}; i >= 1; i--) {
    float n = float(i);
    float beta = B + stp * n;
    float gamma = (G0 + G1 * n) - m * (n * n);
    float q = gamma / h;
    float dGamma = f ? n + 1.0 : -x;
    dh = dBeta + (dGamma - q * dh) / h;
    h = beta + q;
  }
  return vec2(h, dh);
}
// The loop's operand scale: a and x scaled down to a = ${SERIES_MAX} where the series runs past it.
float orr_igamma_scale(float a, bool f) {
  return f ? 1.0 : min(${F(SERIES_MAX)} / a, 1.0);
}
// eta = sign(t) sqrt(2 mu), clamped to [-1, 1].
float orr_igamma_eta(float t, float mu) {
  float r = sqrt(mu * 2.0);
  return clamp(t < 0.0 ? -r : r, -1.0, 1.0);
}
`;

const temmeSum = hornerOf(
  "ia",
  TEMME_COEFFICIENTS.map((_, k) => `orr_igamma_temme_c${k}(eta).x`),
);

/**
 * P(a, x) (`orr_igamma`) and Q(a, x) (`orr_igammac`), with the CPU kernels' special values: NaN
 * for NaN, a < 0 or x < 0; P(0, x > 0) = 1; P(a, 0) = 0; P(∞, x < ∞) = 0; P(a, ∞) = 1; NaN at
 * (0, 0) and (∞, ∞).
 */
export const GLSL_IGAMMA = `${GLSL_IGAMMA_PARTS}
${glslPoly("orr_igamma_p_expm1", EXPM1_SERIES)}
${glslPoly("orr_igamma_p_erf", C.ERF_SMALL)}
${glslPoly("orr_igamma_p_erfcx", C.ERFCX_T)}
// erfc(s)/2 for s >= 0, e = exp(-s^2).
float orr_igamma_half_erfc(float s, float e) {
  if (s < 0.75) return 0.5 - (s * 0.5) * orr_igamma_p_erf(s * s);
  float tau = 1.0 / (s * 0.5 + 1.0);
  return (e * (tau * orr_igamma_p_erfcx(tau * 2.75 - 1.0))) * 0.5;
}
// Temme's expansion: Q for t >= 0, else P.
float orr_igamma_temme(float a, float t, float mu) {
  float eta = orr_igamma_eta(t, mu);
  float ia = 1.0 / a;
  float sum = ${temmeSum};
  float amu = a * mu;
  // exp(-a mu) shifted as the prefactor is (then s >= 8 and both terms carry e)
  bool shift = amu > ${F(PREFIX_SHIFT)};
  float e = exp(shift ? ${F(PREFIX_SHIFT)} - amu : -amu);
  float er = e * ((sum * inversesqrt(a)) * ${F(1 / Math.sqrt(2 * Math.PI))});
  return (orr_igamma_half_erfc(sqrt(amu), e) + (t >= 0.0 ? er : -er)) * (shift ? ${F(Math.exp(-PREFIX_SHIFT))} : 1.0);
}
// P (upper false) or Q (upper true) for finite a > 0, x > 0.
float orr_igamma_regular(float a, float x, bool upper) {
  orr_igamma_common c = orr_igamma_common_of(a, x);
  if (c.temme) {
    float v = orr_igamma_temme(a, c.t, c.mu);
    return (c.t >= 0.0) == upper ? v : 1.0 - v;
  }
  if (upper && !c.fraction && x <= ${F(FRACTION_MIN_X)} && a <= (x <= 0.5 ? -0.4 / c.logX : x * 1.1)) {
    // Q = -expm1(v) - a e^v sum_n (-x)^n/(n! (a + n)), v = a log x - log Gamma(1 + a)
    float xs = min(x, ${F(FRACTION_MIN_X)});
    float aa = min(a, 2.0);
    float acc = 0.0;
    ${Q_SERIES.map((q, i) => `acc = acc * xs + ${F(q)} / (aa + ${F(i + 1)});`)
      .reverse()
      .join("\n    ")}
    float sum = acc * xs;
    float v = aa * c.logX - c.lgamma1pA;
    float ev = exp(v);
    float em1 = abs(v) < 0.5 ? v * orr_igamma_p_expm1(v) : ev - 1.0;
    return -em1 - (aa * ev) * sum;
  }
  float k = orr_igamma_scale(a, c.fraction);
  float ak = a * k;
  float xk = x * k;
  float h1 = orr_igamma_tail(ak, xk, c.fraction).x;
  if (c.fraction) {
    float h0 = ((xk + 1.0) - ak) + (ak - 1.0) / h1;
    float q = ((a * c.prefix) * (1.0 / h0)) * c.scale;
    return upper ? q : 1.0 - q;
  }
  float p = (c.prefix * (1.0 / (1.0 - xk / h1))) * c.scale;
  return upper ? 1.0 - p : p;
}
float orr_igamma_of(float a, float x, bool upper) {
  float p;
  if (orr_isnan(a) || orr_isnan(x) || a < 0.0 || x < 0.0) return orr_nan();
  if (a == 0.0) {
    if (!(x > 0.0)) return orr_nan();
    p = 1.0;
  } else if (x == 0.0) {
    p = 0.0;
  } else if (orr_isinf(a)) {
    if (orr_isinf(x)) return orr_nan();
    p = 0.0;
  } else if (orr_isinf(x)) {
    p = 1.0;
  } else {
    return orr_igamma_regular(a, x, upper);
  }
  return upper ? 1.0 - p : p;
}
float orr_igamma(float a, float x) { return orr_igamma_of(a, x, false); }
float orr_igammac(float a, float x) { return orr_igamma_of(a, x, true); }
`;

const temmeTerm = (part: (k: number) => string): string =>
  hornerOf(
    "ia",
    TEMME_COEFFICIENTS.map((_, k) => part(k)),
  );

/**
 * ∂P(a, x)/∂a (`orr_igamma_grad_a`) and the gamma-sample gradient −(∂P/∂a)/(∂P/∂x)
 * (`orr_igamma_sample_grad`): NaN unless a > 0 and 0 ≤ x, both finite; 0 at x = 0.
 */
export const GLSL_IGAMMA_GRAD = `${GLSL_IGAMMA_PARTS}
// The bracket of dP/da in Temme's region (lowering-igamma-temme.ts's temmeDerivative).
float orr_igamma_temme_bracket(float a, float t, float mu) {
  float eta = orr_igamma_eta(t, mu);
  float ia = 1.0 / a;
  ${TEMME_COEFFICIENTS.map((_, k) => `vec2 c${k} = orr_igamma_temme_c${k}(eta);`).join("\n  ")}
  float sum = ${temmeTerm((k) => `c${k}.x`)};
  float sumDerivative = ${temmeTerm((k) => `c${k}.y`)};
  float sumWeighted = ${temmeTerm((k) => `c${k}.x * ${F(k + 0.5)}`)};
  bool atZero = t == 0.0;
  float safeEta = atZero ? 1.0 : eta;
  float logLambda = t - mu;
  float logOverEta = atZero ? 1.0 : logLambda / safeEta;
  float tOverEta = atZero ? 1.0 : t / safeEta;
  float dsum = -(ia * (tOverEta * sumDerivative + sumWeighted));
  return (logOverEta + logLambda * sum) + dsum;
}
// dP/da (wantSample false) or -(dP/da)/(dP/dx) (wantSample true) for finite a > 0, x > 0.
float orr_igamma_grad_regular(float a, float x, bool wantSample) {
  orr_igamma_common c = orr_igamma_common_of(a, x);
  if (c.temme) {
    float br = orr_igamma_temme_bracket(a, c.t, c.mu);
    if (wantSample) return (exp(c.stirling) * br) * (x / a);
    return -(exp(-(a * c.mu)) * (inversesqrt(a) * ${F(1 / Math.sqrt(2 * Math.PI))})) * br;
  }
  float k = orr_igamma_scale(a, c.fraction);
  float ak = a * k;
  float xk = x * k;
  vec2 tail = orr_igamma_tail(ak, xk, c.fraction);
  float h1 = tail.x;
  float dh1 = tail.y;
  // log x - digamma(a + 1)
  float L = c.logX - orr_igamma_digamma(a + 1.0);
  if (c.fraction) {
    float qa = (ak - 1.0) / h1;
    float h0 = ((xk + 1.0) - ak) + qa;
    float Fr = 1.0 / h0;
    float dh0 = (1.0 - qa * dh1) / h1 - 1.0;
    float inner = a * (L - dh0 * Fr) + 1.0;
    if (wantSample) return ((xk / h0) * inner) / a;
    return (-(Fr * inner) * c.prefix) * c.scale;
  }
  float xOverH1 = xk / h1;
  float s = 1.0 / (1.0 - xOverH1);
  float G = s * (L - ((xOverH1 * dh1) / h1) * s);
  if (wantSample) return (-G * xk) / ak;
  return (G * c.prefix) * c.scale;
}
float orr_igamma_grad_of(float a, float x, bool wantSample) {
  if (orr_isnan(a) || orr_isnan(x) || !(a > 0.0) || x < 0.0 || orr_isinf(a) || orr_isinf(x)) return orr_nan();
  if (x == 0.0) return 0.0;
  return orr_igamma_grad_regular(a, x, wantSample);
}
float orr_igamma_grad_a(float a, float x) { return orr_igamma_grad_of(a, x, false); }
float orr_igamma_sample_grad(float a, float x) { return orr_igamma_grad_of(a, x, true); }
`;

/** The GLSL kernels of this family, keyed by primitive name. */
export const igammaGlslKernels: Readonly<Record<string, LoweringRule>> = {
  igamma: glslRule(GLSL_IGAMMA, "orr_igamma"),
  igammac: glslRule(GLSL_IGAMMA, "orr_igammac"),
  igamma_grad_a: glslRule(GLSL_IGAMMA_GRAD, "orr_igamma_grad_a"),
  random_gamma_grad: glslRule(GLSL_IGAMMA_GRAD, "orr_igamma_sample_grad"),
};
