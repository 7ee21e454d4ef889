/** GLSL kernel cases of the unary special functions (see glsl-cases.ts). */
import { type Array, special } from "@orrery/core";
import * as scalar from "../../../core/src/special/scalar/index.js";
import { type GlslAccuracyCase, grid, logGrid } from "./glsl-helpers.js";

export const SPECIAL_GLSL_CALLS: Record<string, (x: Array) => Array> = {
  lgamma: (x) => special.gammaln(x),
};

const SPECIALS = [0, -0, Infinity, -Infinity, NaN];

export const SPECIAL_GLSL_ACCURACY: GlslAccuracyCase[] = [
  { name: "gammaln", call: (x) => special.gammaln(x), ref: scalar.lgamma, args: [[...grid(-20, 20, 4001), ...logGrid(1e-37, 1e38, 200), ...SPECIALS]], rtol: 5e-6, floor: 1 },
];
