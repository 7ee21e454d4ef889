/**
 * GLSL kernels of the unary special functions (the algorithms of lowering-special.ts). Each
 * function's source is exported as `GLSL_<NAME>` for other kernels to include; every GLSL name
 * in a source starts with `orr_<function>` so that sources concatenate without clashes.
 */
import { type LoweringRule } from "./lowering.js";
import * as C from "./special-coefficients.js";
import { glslFloat, glslPoly, glslRule } from "./webgl-program.js";

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

/** The unary special functions' GLSL kernels, keyed by primitive name. */
export const specialGlslKernels: Readonly<Record<string, LoweringRule>> = {
  lgamma: glslRule(GLSL_LGAMMA, "orr_lgamma"),
};
