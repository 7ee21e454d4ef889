/**
 * GLSL kernels of erfc, ndtr, log_ndtr, erf_inv and ndtri (the algorithms of
 * lowering-special.ts, with branches for its `where`s). The shared pieces are exported as
 * GLSL_ERF_PARTS and GLSL_ERFINV_PARTS; each `GLSL_<NAME>` is complete (parts included), so a
 * kernel includes one of them or the parts and its own code.
 */
import type { LoweringRule } from "./lowering.js";
import * as C from "./special-coefficients.js";
import { glslFloat, glslPoly, glslRule } from "./webgl-program.js";

const SQRT1_2 = glslFloat(Math.SQRT1_2);
const SQRT2 = glslFloat(Math.SQRT2);

/**
 * orr_erf_small(x) = erf(x) for |x| ≤ 0.75; orr_erf_exp_neg_sq(x, k) = e^{−k·x²} for x ≥ 0 without
 * the rounding of x² (x = h + l, h on a 1/256 grid); orr_erf_cx_tail(x) = erfcx(x) for x ≥ 0.75.
 */
export const GLSL_ERF_PARTS = `
${glslPoly("orr_erf_p_small", C.ERF_SMALL)}
${glslPoly("orr_erf_p_cx", C.ERFCX_T)}
float orr_erf_small(float x) { return x * orr_erf_p_small(x * x); }
float orr_erf_exp_neg_sq(float ax, float k) {
  float x = min(ax, 64.0);
  float h = floor(x * 256.0) / 256.0;
  float l = x - h;
  return exp(-k * (h * h)) * exp(-k * (l * (x + h)));
}
float orr_erf_cx_tail(float x) {
  float t = 1.0 / (x * 0.5 + 1.0);
  return t * orr_erf_p_cx(t * 2.75 - 1.0);
}
`;

const ERFC = `
float orr_erfc(float x) {
  if (orr_isnan(x)) return x;
  float ax = abs(x);
  if (ax < 0.75) return 1.0 - orr_erf_small(x);
  float tail = orr_erf_exp_neg_sq(ax, 1.0) * orr_erf_cx_tail(ax);
  return x > 0.0 ? tail : 2.0 - tail;
}
`;

const NDTR = `
float orr_ndtr(float x) {
  if (orr_isnan(x)) return x;
  float ax = abs(x);
  if (ax < 1.06) return orr_erf_small(x * ${SQRT1_2}) * 0.5 + 0.5;
  float q = orr_erf_exp_neg_sq(ax, 0.5) * orr_erf_cx_tail(ax * ${SQRT1_2}) * 0.5;
  return x < 0.0 ? q : 1.0 - q;
}
`;

/** 1/(2k + 1), k = 0…8: log(1 + z) = 2u Σ u^{2k}/(2k + 1), u = z/(2 + z), |u| ≤ 1/3 for −1/2 ≤ z ≤ 1. */
const LOG1P_ATANH = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => 1 / (2 * k + 1));

// log1p(−p) for p ≤ 1/2 by the atanh series: GLSL's log is only absolutely accurate near 1,
// which rules out lowering-special.ts's log(1 + z)·z/((1 + z) − 1) (5.8e-6 relative at p = 0.02).
const LOG_NDTR = `
${glslPoly("orr_log_ndtr_p_atanh", LOG1P_ATANH)}
float orr_log_ndtr_log1p(float z) {
  float u = z / (2.0 + z);
  return 2.0 * u * orr_log_ndtr_p_atanh(u * u);
}
float orr_log_ndtr(float x) {
  if (orr_isnan(x) || x == -orr_inf()) return x;
  if (x < -1.06) return log(orr_erf_cx_tail(x * -${SQRT1_2}) * 0.5) - x * x * 0.5;
  float p = orr_ndtr(-abs(x));
  return x < 0.0 ? log(p) : orr_log_ndtr_log1p(-p);
}
`;

/** orr_erfinv_central(y) = erfinv(y) for |y| ≤ 1/2; orr_erfcinv_tail(z) = erfcinv(z) for 0 ≤ z ≤ 1/2 (+∞ at 0). */
export const GLSL_ERFINV_PARTS = `
${glslPoly("orr_erfinv_p_central", C.ERFINV_CENTRAL)}
${glslPoly("orr_erfinv_p_low", C.ERFCINV_LOW)}
${glslPoly("orr_erfinv_p_high", C.ERFCINV_HIGH)}
float orr_erfinv_central(float y) { return y * orr_erfinv_p_central(y * y); }
float orr_erfcinv_tail(float z) {
  if (z == 0.0) return orr_inf();
  float s = sqrt(-log(z * (2.0 - z)));
  if (s < 2.5) return orr_erfinv_p_low((s - ${glslFloat(C.ERFCINV_LOW_MAP[0])}) * ${glslFloat(1 / C.ERFCINV_LOW_MAP[1])});
  return s * orr_erfinv_p_high((1.0 / s - ${glslFloat(C.ERFCINV_HIGH_MAP[0])}) * ${glslFloat(1 / C.ERFCINV_HIGH_MAP[1])});
}
`;

const ERF_INV = `
float orr_erf_inv(float y) {
  if (orr_isnan(y)) return y;
  float ay = abs(y);
  if (ay > 1.0) return orr_nan();
  if (ay <= 0.5) return orr_erfinv_central(y);
  float t = orr_erfcinv_tail(min(1.0 - ay, 0.5));
  return y < 0.0 ? -t : t;
}
`;

const NDTRI = `
float orr_ndtri(float p) {
  if (orr_isnan(p)) return p;
  if (p < 0.0 || p > 1.0) return orr_nan();
  if (p < 0.25) return -orr_erfcinv_tail(clamp(p * 2.0, 0.0, 0.5)) * ${SQRT2};
  if (p > 0.75) return orr_erfcinv_tail(clamp((1.0 - p) * 2.0, 0.0, 0.5)) * ${SQRT2};
  return orr_erfinv_central(clamp(p * 2.0 - 1.0, -0.5, 0.5)) * ${SQRT2};
}
`;

/** erfc(x): 1 − erf(x) for |x| < 0.75, e^{−x²}·erfcx(|x|) beyond (2 − that for x < 0). */
export const GLSL_ERFC = GLSL_ERF_PARTS + ERFC;
/** Φ(x): 1/2 + erf(x/√2)/2 for |x| < 1.06, the tail e^{−x²/2}·erfcx(|x|/√2)/2 beyond. */
export const GLSL_NDTR = GLSL_ERF_PARTS + NDTR;
/** log Φ(x): log(erfcx(−x/√2)/2) − x²/2 below −1.06, log Φ(x) or log1p(−Φ(−x)) above. */
export const GLSL_LOG_NDTR = GLSL_NDTR + LOG_NDTR;
/** erfinv(y): the central fit for |y| ≤ 1/2, ±erfcinv(1 − |y|) beyond, NaN past ±1. */
export const GLSL_ERF_INV = GLSL_ERFINV_PARTS + ERF_INV;
/** Φ⁻¹(p): −√2 erfcinv(2p) below 1/4, √2 erfinv(2p − 1) in the middle, √2 erfcinv(2(1 − p)) above 3/4. */
export const GLSL_NDTRI = GLSL_ERFINV_PARTS + NDTRI;

/** The error-function family's GLSL kernels, keyed by primitive name. */
export const erfGlslKernels: Readonly<Record<string, LoweringRule>> = {
  erfc: glslRule(GLSL_ERFC, "orr_erfc"),
  ndtr: glslRule(GLSL_NDTR, "orr_ndtr"),
  log_ndtr: glslRule(GLSL_LOG_NDTR, "orr_log_ndtr"),
  erf_inv: glslRule(GLSL_ERF_INV, "orr_erf_inv"),
  ndtri: glslRule(GLSL_NDTRI, "orr_ndtri"),
};
