/**
 * The custom GLSL kernels of the webgl device, keyed by primitive name: each is one fragment
 * shader, the same float32 algorithm as the primitive's tfjs-ops rule (lowering-special.ts, …)
 * written as straight-line GLSL with branches instead of `where`s over every branch. They take
 * precedence over the tfjs-ops rule on webgl (WebGL 2); elsewhere, and where a kernel returns
 * null (other dtypes, WebGL 1), the tfjs-ops rule runs.
 */
import type { LoweringRule } from "./lowering.js";
import { betaGlslKernels } from "./webgl-beta.js";
import { erfGlslKernels } from "./webgl-erf.js";
import { igammaGlslKernels } from "./webgl-igamma.js";
import { specialGlslKernels } from "./webgl-special.js";

const KERNELS: Readonly<Record<string, LoweringRule>> = {
  ...specialGlslKernels,
  ...erfGlslKernels,
  ...igammaGlslKernels,
  ...betaGlslKernels,
};

let enabled = true;

/**
 * Whether webgl runs the GLSL kernels (true unless turned off); with an argument, turn them on
 * or off and return the previous setting. Internal: `bench/device-rules` times the tfjs-ops
 * rules on webgl with the kernels off.
 *
 * @example
 * ```ts
 * const before = useWebglKernels(false); // the tfjs-ops rules run on webgl
 * useWebglKernels(before);
 * ```
 */
export function useWebglKernels(on?: boolean): boolean {
  const before = enabled;
  if (on !== undefined) enabled = on;
  return before;
}

/** The primitives that have a GLSL kernel on webgl. */
export function webglKernelNames(): string[] {
  return Object.keys(KERNELS).sort();
}

/**
 * `rules` with the GLSL kernels in front on the webgl backend.
 *
 * @example
 * ```ts
 * const rules = withWebglKernels({ lgamma: lgammaAsTfjsOps });
 * ```
 */
export function withWebglKernels(rules: Record<string, LoweringRule>): Record<string, LoweringRule> {
  const out = { ...rules };
  for (const [name, kernel] of Object.entries(KERNELS)) {
    const rule = rules[name];
    out[name] = (xs, params, ctx) => (enabled && ctx.dev.backend === "webgl" ? kernel(xs, params, ctx) : null) ?? (rule === undefined ? null : rule(xs, params, ctx));
  }
  return out;
}
