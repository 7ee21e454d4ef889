/** GLSL kernel cases of the beta family (see glsl-cases.ts). */
import { type Array } from "@orrery/core";
import { type GlslAccuracyCase } from "./glsl-helpers.js";

export const BETA_GLSL_CALLS: Record<string, (x: Array) => Array> = {};

export const BETA_GLSL_ACCURACY: GlslAccuracyCase[] = [];
