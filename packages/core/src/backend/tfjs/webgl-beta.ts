/**
 * GLSL kernels of betainc, betaincinv and polygamma: the float32 algorithms of lowering-beta.ts
 * and lowering-polygamma.ts (the same regions, loops, constants and operation order), with
 * branches where those evaluate every region and select with `where`: betainc evaluates one
 * continued fraction (I_x(a, b) or the flipped one) instead of both, log Γ only below 10,
 * log(1 + t) only outside the series' interval; betaincinv runs its Newton steps on betainc's
 * core in a loop; polygamma sums only the shifts it needs and reads n!, (n − 1)! and the
 * coefficients of dⁿ/dtⁿ cot t from constant arrays (the rule's gathers).
 *
 * The compensated steps of betainc (the two-sum and Veltkamp product of x(a + b) − a) go through
 * `orr_exact` so that the shader compiler cannot fold them (see webgl-program.ts).
 *
 * Every GLSL name starts with `orr_betainc`, `orr_betaincinv` or `orr_polygamma` and the GLSL is
 * ASCII, comments included. GLSL_BETAINC, GLSL_BETAINCINV and GLSL_POLYGAMMA are complete
 * sources (log Γ and ψ of webgl-special.ts included).
 */
import type { LoweringRule } from "./lowering.js";
import { cotDerivativeCoefficients } from "./lowering-polygamma.js";
import { glslFloat, glslPoly, glslRule } from "./webgl-program.js";
import { GLSL_DIGAMMA, GLSL_LGAMMA } from "./webgl-special.js";

const F = glslFloat;

// The constants of lowering-beta.ts (not exported there; keep them equal).
/** m-steps (two partial numerators each) of the continued fraction before the tail estimate. */
const FRACTION_DEPTH = 24;
/** Newton steps of betaincinv after the initial guess. */
const INVERSE_STEPS = 6;
/** Σ_k u^{2k}/(2k + 3) (the series of (atanh u − u)/u³). */
const ATANH_TAIL = Array.from({ length: 10 }, (_, k) => 1 / (2 * k + 3));
/** −ω(v) in r = 1/v, then r² (Stirling's series of K(v), v ≥ 10). */
const STIRLING_OMEGA = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680];
/** The Taylor series of e^t − 1 over t for |t| < 1/100. */
const EXPM1_TAYLOR = [1, 1 / 2, 1 / 6, 1 / 24, 1 / 120];
/** The float32 below 1. */
const ONE_BELOW = 1 - 2 ** -24;

// The constants of lowering-polygamma.ts (not exported there; keep them equal).
/** The shift target: ζ's asymptotic tail is summed at w ≥ SHIFT_TARGET (up to that many shifts). */
const SHIFT_TARGET = 10;
/** B_2j/(2j)!, j = 1..7. */
const BERNOULLI_OVER_FACTORIAL = [1 / 12, -1 / 720, 1 / 30240, -1 / 1209600, 1 / 47900160, -691 / 1307674368000, 1 / 74724249600];
/** The largest order the reflection for x < 0 covers (NaN beyond). */
const MAX_REFLECTED_ORDER = 24;
/** 0!, 1!, …, 34! (35! and beyond overflow float32: ∞). */
const FACTORIALS = Array.from({ length: 35 }, (_, k) => factorial(k));
/** sin(πr)/r in r², |r| ≤ 1/2. */
const SINPI_OVER_R = [0, 1, 2, 3, 4, 5, 6].map((k) => ((-1) ** k * Math.PI ** (2 * k + 1)) / factorial(2 * k + 1));
/** D_n's coefficients (dⁿ/dtⁿ cot t = D_n(cot t)), row n of the width COT_WIDTH, flattened (GLSL ES 3.00 has no 2-D arrays). */
const COT_ROWS = cotDerivativeCoefficients(MAX_REFLECTED_ORDER);
const COT_WIDTH = COT_ROWS[0].length;

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/** A GLSL constant array `const float name[n] = float[n](…);`. */
function glslArray(name: string, values: readonly number[]): string {
  return `const float ${name}[${values.length}] = float[${values.length}](${values.map(F).join(", ")});\n`;
}

/**
 * I_x(a, b) (lowering-beta.ts `betainc`): the prefix x^a (1 - x)^b / B(a, b) from log1pmx and
 * Stirling's K, times the continued fraction of A&S 26.5.8 (24 m-steps backwards from the
 * period-two tail estimate), flipped to 1 - I_{1-x}(b, a) at x >= (a + 1)/(a + b + 2) unless
 * b < 1 and x <= 0.99. `orr_betainc_core` (the part computed directly, whether it is the flipped
 * one, and the prefix) is shared with betaincinv.
 */
export const GLSL_BETAINC = `${GLSL_LGAMMA}
${glslPoly("orr_betainc_p_atanh", ATANH_TAIL)}
${glslPoly("orr_betainc_p_omega", STIRLING_OMEGA)}
// Veltkamp's split of w into 12-bit halves (2^12 + 1).
vec2 orr_betainc_split(float w) {
  float t = orr_exact(w * 4097.0);
  float hi = t - orr_exact(t - w);
  return vec2(hi, w - hi);
}
// The float32 rounding error e of p = fl(u v): u v = p + e exactly.
float orr_betainc_product_error(float u, float v, float p) {
  vec2 us = orr_betainc_split(u);
  vec2 vs = orr_betainc_split(v);
  return ((us.x * vs.x - p) + (us.x * vs.y + us.y * vs.x)) + us.y * vs.y;
}
// d = x (a + b) - a rounded once (a two-sum and an exact product).
float orr_betainc_deviation(float a, float b, float x) {
  float big = max(a, b);
  float small = min(a, b);
  float sh = orr_exact(big + small);
  float sl = small - orr_exact(sh - big);
  float p = orr_exact(x * sh);
  return orr_exact(p - a) + (orr_betainc_product_error(x, sh, p) + x * sl);
}
// log(1 + t) - t: the atanh series on [-0.6, 1.5], log(num / den) - t outside (num / den = 1 + t).
float orr_betainc_log1pmx(float t, float num, float den) {
  if (t >= ${F(-0.6)} && t <= 1.5) {
    float w = t / (t + 2.0);
    float w2 = w * w;
    return ((w2 * w) * 2.0) * orr_betainc_p_atanh(w2) - t * w;
  }
  return log(num / den) - t;
}
// K(v) = v log v - v - log Gamma(v): directly below 10, Stirling's series above.
float orr_betainc_k(float v) {
  float logv = log(v);
  if (v < 10.0) return v * (logv - 1.0) - orr_lgamma(v);
  float r = 1.0 / v;
  return (logv * 0.5 - ${F(0.5 * Math.log(2 * Math.PI))}) - r * orr_betainc_p_omega(r * r);
}
// log(x^a y^b / B(a, b)), y = 1 - x, d = x (a + b) - a.
float orr_betainc_log_prefix(float a, float b, float x, float y, float d) {
  float s = a + b;
  float k = (orr_betainc_k(a) + orr_betainc_k(b)) - orr_betainc_k(s);
  float ea = orr_betainc_log1pmx(d / a, x * s, a) * a;
  float eb = orr_betainc_log1pmx(-d / b, y * s, b) * b;
  return (ea + eb) + k;
}
// The partial numerators d_2m and d_(2m+1) of A&S 26.5.8.
float orr_betainc_even(float m, float a, float b, float x) {
  return ((b - m) * (x * m)) / ((a + (2.0 * m - 1.0)) * (a + 2.0 * m));
}
float orr_betainc_odd(float m, float a, float s, float x) {
  return ((a + m) * (s + m) * -x) / ((a + 2.0 * m) * (a + (2.0 * m + 1.0)));
}
// 1 + d_(2m+1) without the cancellation as x -> 1 (a3x = a (3 - x)).
float orr_betainc_one_plus_odd(float m, float a, float x, float d, float a3x) {
  float den = (a + 2.0 * m) * (a + (2.0 * m + 1.0));
  if (m == 0.0) return (a - d * a) / den;
  return ((((a3x + (4.0 * m + 2.0)) - x * m) * m + a) - d * (a + m)) / den;
}
// 1/(1 + d_1/(1 + d_2/(1 + ...))) to depth ${2 * FRACTION_DEPTH}, the rest by the fixed point of the period-two fraction.
float orr_betainc_fraction(float a, float b, float x, float d) {
  float s = a + b;
  float p = orr_betainc_odd(${F(FRACTION_DEPTH)}, a, s, x);
  float q = orr_betainc_even(${F(FRACTION_DEPTH + 1)}, a, b, x);
  float c = (q + 1.0) - p;
  float disc = c * c + p * 4.0;
  float g = (p * 2.0) / (c + sqrt(disc < 0.0 ? 0.0 : disc)) + 1.0;
  float a3x = a * (3.0 - x);
  for (int i = ${FRACTION_DEPTH}; i >= 1; i--) {
    float m = float(i);
    float f = orr_betainc_even(m, a, b, x) / g;
    g = (orr_betainc_one_plus_odd(m - 1.0, a, x, d, a3x) + f) / (f + 1.0);
  }
  return 1.0 / g;
}
struct orr_betainc_parts {
  float part;    // I_x(a, b), or 1 - I_x(a, b) where flipped
  bool flipped;
  float prefix;  // x^a (1 - x)^b / B(a, b)
};
// For 0 < x < 1 and finite a, b > 0.
orr_betainc_parts orr_betainc_core(float a, float b, float x) {
  float y = 1.0 - x;
  float d = orr_betainc_deviation(a, b, x);
  float prefix = exp(orr_betainc_log_prefix(a, b, x, y, d));
  bool keep = b < 1.0 && x <= ${F(0.99)};
  bool flip = x >= (a + 1.0) / ((a + b) + 2.0) && !keep;
  float part = flip ? (prefix * orr_betainc_fraction(b, a, y, -d)) / b : (prefix * orr_betainc_fraction(a, b, x, d)) / a;
  return orr_betainc_parts(part, flip, prefix);
}
float orr_betainc(float a, float b, float x) {
  if (orr_isnan(a) || orr_isnan(b) || orr_isnan(x) || (a == 0.0 && b == 0.0) || a < 0.0 || b < 0.0 || x < 0.0 || x > 1.0) return orr_nan();
  if (a == 0.0) return 1.0;
  if (b == 0.0) return 0.0;
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  if (orr_isinf(a) || orr_isinf(b)) return orr_nan();
  orr_betainc_parts r = orr_betainc_core(a, b, x);
  return r.flipped ? 1.0 - r.part : r.part;
}
`;

/**
 * The x with I_x(a, b) = y (lowering-beta.ts `betaincinv`): Numerical Recipes' initial guess,
 * then ${INVERSE_STEPS} Newton steps on the log of the part betainc computes directly, in log x
 * for x <= 1/2 and in log(1 - x) above, kept inside (0, 1).
 */
export const GLSL_BETAINCINV = `${GLSL_BETAINC}
${glslPoly("orr_betaincinv_p_expm1", EXPM1_TAYLOR)}
// e^t - 1: the Taylor series for |t| < 1/100, exp(t) - 1 beyond.
float orr_betaincinv_expm1(float t) {
  return abs(t) < 0.01 ? t * orr_betaincinv_p_expm1(t) : exp(t) - 1.0;
}
// Numerical Recipes (3rd ed., 6.4): the skew-corrected normal approximation for a, b >= 1, the tails' power laws otherwise.
float orr_betaincinv_guess(float a, float b, float y) {
  float guess;
  if (a >= 1.0 && b >= 1.0) {
    bool low = y < 0.5;
    float pp = low ? y : 1.0 - y;
    float t = sqrt(log(pp) * -2.0);
    float z = (t * ${F(0.27061)} + ${F(2.30753)}) / ((t * ${F(0.04481)} + ${F(0.99229)}) * t + 1.0) - t;
    if (low) z = -z;
    float al = (z * z - 3.0) / 6.0;
    float ra = 1.0 / (a * 2.0 - 1.0);
    float rb = 1.0 / (b * 2.0 - 1.0);
    float h = 2.0 / (ra + rb);
    float w = (z * sqrt(al + h)) / h - (rb - ra) * ((al + ${F(5 / 6)}) - ${F(2 / 3)} / h);
    guess = a / (a + b * exp(w * 2.0));
  } else {
    float s = a + b;
    float ta = exp(a * log(a / s)) / a;
    float tb = exp(b * log(b / s)) / b;
    float wsum = ta + tb;
    guess = y < ta / wsum ? pow((a * wsum) * y, 1.0 / a) : 1.0 - pow((b * wsum) * (1.0 - y), 1.0 / b);
  }
  return orr_isnan(guess) ? guess : clamp(guess, ${F(1e-30)}, ${F(ONE_BELOW)});
}
float orr_betaincinv(float a, float b, float y) {
  if (orr_isnan(a) || orr_isnan(b) || orr_isnan(y) || a <= 0.0 || b <= 0.0 || y < 0.0 || y > 1.0) return orr_nan();
  if (y == 0.0) return 0.0;
  if (y == 1.0) return 1.0;
  if (orr_isinf(a)) return orr_nan();
  if (orr_isinf(b)) return 0.0;
  float logY = log(y);
  float logYc = log(1.0 - y);
  float x = orr_betaincinv_guess(a, b, y);
  for (int i = 0; i < ${INVERSE_STEPS}; i++) {
    orr_betainc_parts r = orr_betainc_core(a, b, x);
    float xc = 1.0 - x;
    bool inX = x <= 0.5;
    float direct = r.part;
    // d log(direct) / d log(x or 1 - x) = +-(x or 1 - x) density / direct, density = prefix / (x (1 - x))
    bool rising = inX != r.flipped;
    float slope = r.prefix / (direct * (inX ? xc : x));
    float residual = (direct < 0.0 ? orr_nan() : log(direct)) - (r.flipped ? logYc : logY);
    float delta = direct == 0.0 ? (rising ? -orr_inf() : orr_inf()) : residual / (rising ? slope : -slope);
    if (orr_isnan(delta)) continue;
    float next = inX ? x * exp(-delta) : x - xc * orr_betaincinv_expm1(-delta);
    x = next <= 0.0 || orr_isnan(next) ? x * 0.5 : (next >= 1.0 ? min((x + 1.0) * 0.5, ${F(ONE_BELOW)}) : next);
  }
  return x;
}
`;

/** The rising-factorial terms of the ζ tail's bracket, unrolled: (n)_{2j} w^{−2j} B_2j/(2j)!. */
const BRACKET_TERMS = BERNOULLI_OVER_FACTORIAL.map(
  (c, j) => `  rising *= ((n + ${F(2 * j)}) * (n + ${F(2 * j + 1)})) * r2;\n  bracket += rising * ${F(c)};`,
).join("\n");

/**
 * ψ⁽ⁿ⁾(x) (lowering-polygamma.ts `polygamma`): (−1)^{n+1} Z with Z = n! Σ_{k<m} (x + k)^{−(n+1)}
 * plus Euler–Maclaurin's tail of ζ(n + 1, x + m) (x + m ≥ 10), the reflection through
 * π^{n+1} D_n(cot πx) for x < 0 (n ≤ 24), ψ itself (n = 0) by webgl-special.ts's digamma.
 */
export const GLSL_POLYGAMMA = `${GLSL_DIGAMMA}
${glslPoly("orr_polygamma_p_sinpi", SINPI_OVER_R)}
${glslArray("orr_polygamma_factorials", FACTORIALS)}
${glslArray("orr_polygamma_cot_rows", COT_ROWS.flat())}
// k! for integer k (0 <= k), infinite from 35 on.
float orr_polygamma_factorial(float k) {
  int i = int(clamp(k, 0.0, 35.0));
  return i >= ${FACTORIALS.length} ? orr_inf() : orr_polygamma_factorials[i];
}
// Z(v) for v > 0 and integer n >= 1: psi^(n)(v) = (-1)^(n+1) Z(v).
float orr_polygamma_zeta(float n, float v) {
  float negS = -(n + 1.0);
  float m = clamp(ceil(${F(SHIFT_TARGET)} - v), 0.0, ${F(SHIFT_TARGET)});
  float sum = 0.0;
  for (int k = 0; k < ${SHIFT_TARGET}; k++) {
    if (float(k) < m) sum += pow(v + float(k), negS);
  }
  float w = v + m;
  float r = 1.0 / w;
  float r2 = r * r;
  float rising = 1.0;
  float bracket = (n * r) * 0.5 + 1.0;
${BRACKET_TERMS}
  float half_ = pow(w, n * -0.5);
  float tail = ((orr_polygamma_factorial(n - 1.0) * half_) * half_) * bracket;
  return orr_polygamma_factorial(n) * sum + tail;
}
// pi^(n+1) D_n(cot(pi x)) for non-integer x and 0 <= n <= ${MAX_REFLECTED_ORDER}.
float orr_polygamma_cot(float n, float x) {
  float r = x - roundEven(x);
  float sinpi = r * orr_polygamma_p_sinpi(r * r);
  float h = 0.5 - abs(r);
  float cospi = h * orr_polygamma_p_sinpi(h * h);
  float c = cospi / sinpi;
  float c2 = c * c;
  int row = int(clamp(n, 0.0, ${F(MAX_REFLECTED_ORDER)})) * ${COT_WIDTH};
  float acc = orr_polygamma_cot_rows[row + ${COT_WIDTH - 1}];
  for (int i = ${COT_WIDTH - 2}; i >= 0; i--) acc = acc * c2 + orr_polygamma_cot_rows[row + i];
  return (mod(n, 2.0) == 0.0 ? acc * c : acc) * pow(${F(Math.PI)}, n + 1.0);
}
float orr_polygamma(float n, float x) {
  if (!(n >= 0.0 && floor(n) == n) || orr_isinf(n) || orr_isnan(x) || x == -orr_inf()) return orr_nan();
  if (n == 0.0) return orr_digamma(x);
  bool odd = mod(n, 2.0) == 1.0;
  if (x <= 0.0 && floor(x) == x) return odd ? orr_inf() : -orr_inf();
  if (x == orr_inf()) return 0.0;
  bool reflect = x < 0.0;
  if (reflect && n > ${F(MAX_REFLECTED_ORDER)}) return orr_nan();
  float z = orr_polygamma_zeta(n, reflect ? 1.0 - x : x);
  if (!reflect) return odd ? z : -z;
  return -(z + orr_polygamma_cot(n, x));
}
`;

/** The GLSL kernels of this family, keyed by primitive name. */
export const betaGlslKernels: Readonly<Record<string, LoweringRule>> = {
  betainc: glslRule(GLSL_BETAINC, "orr_betainc"),
  betaincinv: glslRule(GLSL_BETAINCINV, "orr_betaincinv"),
  polygamma: glslRule(GLSL_POLYGAMMA, "orr_polygamma"),
};
