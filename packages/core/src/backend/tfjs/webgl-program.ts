/**
 * Custom GLSL kernels on tfjs's webgl backend: an elementwise function of float32 operands as
 * one fragment shader (one kernel per call), where the same function as tfjs ops is tens to
 * hundreds of kernels. Core does not import the webgl backend: the program goes to the active
 * backend's `compileAndRun` (tfjs's GPGPUProgram interface), and tfjs caches the compiled
 * shader by its source and shapes.
 *
 * GLSL here is ES 3.00 (WebGL 2, tfjs's default): `floatBitsToUint` for NaN tests, since the
 * compiler may fold `x != x`. Functions are prefixed `orr_` to stay clear of tfjs's prelude.
 *
 * Shader compilers reassociate float arithmetic (SwiftShader folds `(1 + x) − 1` to `x` and
 * `(b − hi) − lo` to `b − (hi + lo)`), which undoes compensated steps. `orr_exact(v)` (a bit
 * cast there and back) is opaque to them: write `orr_exact(b − hi) − lo`, `orr_exact(1.0 + x) − 1.0`.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import type { LowerCtx, LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;

/** The part of tfjs's MathBackendWebGL this file uses. */
interface WebglBackend {
  compileAndRun(program: { variableNames: string[]; outputShape: number[]; userCode: string }, inputs: tfc.TensorInfo[]): tfc.TensorInfo;
}

/** GLSL helpers every kernel may use: NaN/∞ constants and tests that survive optimisation, and a barrier against reassociation. */
export const GLSL_COMMON = `
float orr_nan() { return uintBitsToFloat(0x7fc00000u); }
float orr_inf() { return uintBitsToFloat(0x7f800000u); }
bool orr_isnan(float x) { return (floatBitsToUint(x) & 0x7fffffffu) > 0x7f800000u; }
bool orr_isinf(float x) { return (floatBitsToUint(x) & 0x7fffffffu) == 0x7f800000u; }
float orr_exact(float x) { return uintBitsToFloat(floatBitsToUint(x)); }
`;

/**
 * A float32 constant as a GLSL literal (always with a point or an exponent).
 *
 * @example
 * ```ts
 * glslFloat(2); // "2.0"
 * glslFloat(1e-5); // "1.00000000e-5"
 * ```
 */
export function glslFloat(v: number): string {
  if (Number.isNaN(v) || !Number.isFinite(v)) throw new Error(`glslFloat: ${v} has no GLSL literal; use orr_nan() / orr_inf()`);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return `${v}.0`;
  return v.toPrecision(9);
}

/**
 * A GLSL function `float name(float w)` evaluating `coeffs` (constant term first) by Horner's
 * rule, the GLSL twin of lowering-special.ts's `poly`.
 *
 * @example
 * ```ts
 * glslPoly("orr_p", [1, 2, 3]); // "float orr_p(float w) { return 1.0 + w * (2.0 + w * (3.0)); }"
 * ```
 */
export function glslPoly(name: string, coeffs: readonly number[]): string {
  let body = glslFloat(coeffs[coeffs.length - 1]);
  for (let i = coeffs.length - 2; i >= 0; i--) body = `${glslFloat(coeffs[i])} + w * (${body})`;
  return `float ${name}(float w) { return ${body}; }\n`;
}

/**
 * Run `entry` (a GLSL `float entry(float, …)` defined in `source`) on the float32 operands `xs`,
 * broadcast to the output's shape, as one webgl kernel. Null where the active backend has no
 * `compileAndRun` or is WebGL 1 (the caller then uses its tfjs-ops rule).
 *
 * @example
 * ```ts
 * glslElementwise(ctx, [x], `float orr_sq(float x) { return x * x; }`, "orr_sq");
 * ```
 */
export function glslElementwise(ctx: LowerCtx, xs: Tensor[], source: string, entry: string): Tensor | null {
  const { tf } = ctx;
  const backend = tf.backend() as unknown as Partial<WebglBackend>;
  if (typeof backend.compileAndRun !== "function" || tf.env().getNumber("WEBGL_VERSION") !== 2) return null;
  const shape = [...ctx.outAvals[0].shape];
  if (ctx.outAvals[0].size === 0) return tf.zeros(shape, "float32");
  const ins = xs.map((x) => (x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]) ? x : tf.broadcastTo(x, shape)));
  const names = ins.map((_, i) => `X${i}`);
  const args = names.map((n) => `get${n}AtOutCoords()`).join(", ");
  const userCode = `${GLSL_COMMON}\n${source}\nvoid main() { setOutput(${entry}(${args})); }\n`;
  const info = backend.compileAndRun({ variableNames: names, outputShape: shape, userCode }, ins);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/**
 * A lowering rule running GLSL `source`'s `entry` elementwise when every operand is float32
 * (null otherwise, so the tfjs-ops rule runs).
 *
 * @example
 * ```ts
 * const rule = glslRule(`float orr_sq(float x) { return x * x; }`, "orr_sq");
 * ```
 */
export function glslRule(source: string, entry: string): LoweringRule {
  return (xs, _p, ctx) => (ctx.inAvals.every((a) => a.dtype === "float32") ? glslElementwise(ctx, xs, source, entry) : null);
}
