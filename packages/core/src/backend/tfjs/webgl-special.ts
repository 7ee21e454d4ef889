/**
 * GLSL kernels of lgamma, digamma and the scaled Bessel functions (the algorithms of
 * lowering-special.ts; the error-function family is webgl-erf.ts). Each
 * function's source is exported as `GLSL_<NAME>` for other kernels to include; every GLSL name
 * in a source starts with `orr_<function>` so that sources concatenate without clashes.
 */
import type { LoweringRule } from "./lowering.js";
import * as C from "./special-coefficients.js";
import { glslFloat, glslPoly, glslRule } from "./webgl-program.js";
import { DIGAMMA_X0_HI, DIGAMMA_X0_LO, I0_SERIES, I1_SERIES } from "./lowering-special.js";

/** log|Γ(x)| (lowering-special.ts `lgamma`): +∞ at the poles and +∞, −∞ at −∞. */
export const GLSL_LGAMMA = `
${glslPoly("orr_lgamma_p2", C.LGAMMA_2P)}
${glslPoly("orr_lgamma_p_stirling", C.STIRLING)}
${glslPoly("orr_lgamma_p_sinpi", C.SINPI)}
float orr_lgamma_right(float v) {
  float av = abs(v);
  if (v < 3.0) {
    float lv = log(av);
    bool a = av < 0.5;
    bool b = v < 1.5;
    float w = a ? v : (b ? v - 1.0 : v - 2.0);
    float extra = a ? -(lv + log(v + 1.0)) : (b ? -lv : 0.0);
    return w * orr_lgamma_p2(w) + extra;
  }
  if (orr_isinf(v)) return v;
  float r = 1.0 / v;
  return ((v - 0.5) * log(v) - v) + (r * orr_lgamma_p_stirling(r * r) + ${glslFloat(0.5 * Math.log(2 * Math.PI))});
}
float orr_lgamma(float x) {
  if (orr_isnan(x) || x == -orr_inf()) return x;
  bool reflect = x <= -0.5;
  float v = reflect ? -x : x;
  float right = orr_lgamma_right(v);
  float r = x - floor(x + 0.5);
  if (x <= 0.0 && r == 0.0) return orr_inf();
  if (!reflect) return right;
  float s = abs(r * orr_lgamma_p_sinpi(r * r));
  return (${glslFloat(Math.log(Math.PI))} - log(v * s)) - right;
}
`;

/**
 * ψ(x): for v > 0 the fit about the positive zero on [1, 2] after up to 4 exact shifts down
 * (ψ(v) = ψ(v − k) + Σ 1/(v − j)) or one up (ψ(v) = ψ(v + 1) − 1/v), the asymptotic series for
 * v ≥ 6; ψ(1 − x) − π cot(πx) for x ≤ 0. −1/x at ±0, NaN at the poles and −∞.
 */
export const GLSL_DIGAMMA = `
${glslPoly("orr_digamma_p_root", C.DIGAMMA_ROOT)}
${glslPoly("orr_digamma_p_asym", C.DIGAMMA_ASYM)}
${glslPoly("orr_digamma_p_sinpi", C.SINPI)}
float orr_digamma_right(float v) {
  if (v >= 6.0) {
    if (orr_isinf(v)) return v;
    float u = 1.0 / (v * v);
    return (log(v) - 0.5 / v) - u * orr_digamma_p_asym(u);
  }
  float base;
  float corr = 0.0;
  if (v < 1.0) {
    base = v + 1.0;
    corr = -1.0 / v;
  } else {
    float n = clamp(floor(v) - 1.0, 0.0, 4.0);
    base = v - n;
    for (int k = 1; k <= 4; k++) {
      if (float(k) <= n) corr += 1.0 / (v - float(k));
    }
  }
  float d = orr_exact(base - ${glslFloat(DIGAMMA_X0_HI)}) - ${glslFloat(DIGAMMA_X0_LO)};
  return d * orr_digamma_p_root(d) + corr;
}
float orr_digamma(float x) {
  if (orr_isnan(x)) return x;
  if (x == 0.0) return -1.0 / x;
  if (x > 0.0) return orr_digamma_right(x);
  float r = x - floor(x + 0.5);
  if (r == 0.0 || orr_isinf(x)) return orr_nan();
  float c = 0.5 - abs(r);
  float cot = (c * orr_digamma_p_sinpi(c * c)) / (r * orr_digamma_p_sinpi(r * r));
  return orr_digamma_right(1.0 - x) - cot * ${glslFloat(Math.PI)};
}
`;

/** e^{−|x|}·I₀(x) and e^{−|x|}·I₁(x): the power series times e^{−|x|} for |x| ≤ 8, a fit of √|x|·e^{−|x|}I_ν in 8/|x| beyond. */
export const GLSL_BESSEL_IE = `
${glslPoly("orr_bessel_p_i0", I0_SERIES)}
${glslPoly("orr_bessel_p_i1", I1_SERIES)}
${glslPoly("orr_bessel_p_i0_large", C.I0E_LARGE)}
${glslPoly("orr_bessel_p_i1_large", C.I1E_LARGE)}
float orr_bessel_i0e(float x) {
  if (orr_isnan(x)) return x;
  float ax = abs(x);
  if (ax <= 8.0) return exp(-ax) * orr_bessel_p_i0(ax * ax * 0.25);
  return inversesqrt(ax) * orr_bessel_p_i0_large(16.0 / ax - 1.0);
}
float orr_bessel_i1e(float x) {
  if (orr_isnan(x)) return x;
  float ax = abs(x);
  float r = ax <= 8.0 ? exp(-ax) * orr_bessel_p_i1(ax * ax * 0.25) * (ax * 0.5) : inversesqrt(ax) * orr_bessel_p_i1_large(16.0 / ax - 1.0);
  return x < 0.0 ? -r : r;
}
`;

/** The unary special functions' GLSL kernels, keyed by primitive name. */
export const specialGlslKernels: Readonly<Record<string, LoweringRule>> = {
  lgamma: glslRule(GLSL_LGAMMA, "orr_lgamma"),
  digamma: glslRule(GLSL_DIGAMMA, "orr_digamma"),
  bessel_i0e: glslRule(GLSL_BESSEL_IE, "orr_bessel_i0e"),
  bessel_i1e: glslRule(GLSL_BESSEL_IE, "orr_bessel_i1e"),
};
