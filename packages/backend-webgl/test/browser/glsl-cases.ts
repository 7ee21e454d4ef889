/**
 * The webgl test's cases for the GLSL kernels (core's webgl-kernels.ts), merged from one file per
 * family: a call of each primitive that has a kernel (to check it runs as one program) and
 * accuracy checks against the CPU's float64 scalar kernels.
 */
import { type Array } from "@orrery/core";
import { type GlslAccuracyCase } from "./glsl-helpers.js";
import { BETA_GLSL_ACCURACY, BETA_GLSL_CALLS } from "./glsl-cases-beta.js";
import { IGAMMA_GLSL_ACCURACY, IGAMMA_GLSL_CALLS } from "./glsl-cases-igamma.js";
import { SPECIAL_GLSL_ACCURACY, SPECIAL_GLSL_CALLS } from "./glsl-cases-special.js";

export type { GlslAccuracyCase } from "./glsl-helpers.js";

/** A call of each primitive that has a GLSL kernel, on float32 operands of one shape (each operand the same array). */
export const GLSL_CALLS: Record<string, (x: Array) => Array> = { ...SPECIAL_GLSL_CALLS, ...IGAMMA_GLSL_CALLS, ...BETA_GLSL_CALLS };

export const GLSL_ACCURACY: GlslAccuracyCase[] = [...SPECIAL_GLSL_ACCURACY, ...IGAMMA_GLSL_ACCURACY, ...BETA_GLSL_ACCURACY];
