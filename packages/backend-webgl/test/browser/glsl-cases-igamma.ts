/** GLSL kernel cases of the igamma family (see glsl-cases.ts). */
import { type Array } from "@orrery/core";
import { type GlslAccuracyCase } from "./glsl-helpers.js";

export const IGAMMA_GLSL_CALLS: Record<string, (x: Array) => Array> = {};

export const IGAMMA_GLSL_ACCURACY: GlslAccuracyCase[] = [];
