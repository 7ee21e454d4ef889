/** GLSL kernel cases of the unary special functions (see glsl-cases.ts). */
import { type Array, special } from "@orrery/core";
import * as scalar from "../../../core/src/special/scalar/index.js";
import { type GlslAccuracyCase, grid, logGrid } from "./glsl-helpers.js";

export const SPECIAL_GLSL_CALLS: Record<string, (x: Array) => Array> = {
  lgamma: (x) => special.gammaln(x),
  digamma: (x) => special.digamma(x),
  bessel_i0e: (x) => special.i0e(x),
  bessel_i1e: (x) => special.i1e(x),
  erfc: (x) => special.erfc(x),
  ndtr: (x) => special.ndtr(x),
  log_ndtr: (x) => special.logNdtr(x),
  erf_inv: (x) => special.erfinv(x.mul(0.1)),
  ndtri: (x) => special.ndtri(x.mul(0.1)),
};

const SPECIALS = [0, -0, Infinity, -Infinity, NaN];
/** The smallest normal float32: relative error is measured down to it (GPUs may flush subnormals). */
const TINY = 1.1754943508222875e-38;
const both = (xs: number[]): number[] => xs.flatMap((v) => [v, -v]);

// Measured on SwiftShader: ≤ 7.5e-7 where GLSL's exp and log stay near their arguments, up to
// 3.9e-6 for the Gaussian tails (exp of −60 and below), the same as the tfjs-ops rules.
export const SPECIAL_GLSL_ACCURACY: GlslAccuracyCase[] = [
  { name: "gammaln", call: (x) => special.gammaln(x), ref: scalar.lgamma, args: [[...grid(-20, 20, 4001), ...logGrid(1e-37, 1e38, 200), ...SPECIALS]], rtol: 2e-6, floor: 1 },
  { name: "digamma (x > 0)", call: (x) => special.digamma(x), ref: scalar.digamma, args: [[...grid(0.01, 20, 2000), ...logGrid(1e-37, 1e38, 200), 1.4616321, 1.4616322, Infinity]], rtol: 2e-6, floor: TINY },
  { name: "digamma (x ≤ 0)", call: (x) => special.digamma(x), ref: scalar.digamma, args: [[...grid(-20, 0, 2001), ...logGrid(1e-37, 1e38, 200).map((v) => -v), ...SPECIALS]], rtol: 2e-6, floor: 1 },
  { name: "i0e", call: (x) => special.i0e(x), ref: scalar.i0e, args: [[...grid(-50, 50, 2001), ...both(logGrid(1e-30, 1e38, 150)), ...SPECIALS]], rtol: 2e-6, floor: TINY },
  { name: "i1e", call: (x) => special.i1e(x), ref: scalar.i1e, args: [[...grid(-50, 50, 2001), ...both(logGrid(1e-30, 1e38, 150)), ...SPECIALS]], rtol: 2e-6, floor: TINY },
  { name: "erfc", call: (x) => special.erfc(x), ref: scalar.erfc, args: [[...grid(-12, 12, 2001), ...both(logGrid(1e-30, 1, 100)), ...SPECIALS]], rtol: 5e-6, floor: TINY },
  { name: "ndtr", call: (x) => special.ndtr(x), ref: scalar.ndtr, args: [[...grid(-15, 10, 2001), ...SPECIALS]], rtol: 5e-6, floor: TINY },
  { name: "logNdtr", call: (x) => special.logNdtr(x), ref: scalar.logNdtr, args: [[...grid(-40, 12, 2001), ...logGrid(1, 1e19, 100).map((v) => -v), ...SPECIALS]], rtol: 5e-6, floor: TINY },
  { name: "ndtri", call: (x) => special.ndtri(x), ref: scalar.ndtri, args: [[...grid(0, 1, 2001), ...logGrid(1e-37, 0.5, 200), ...logGrid(1e-7, 0.5, 200).map((v) => 1 - v), -0.5, 1.5, ...SPECIALS]], rtol: 2e-6, floor: TINY },
  { name: "erfinv", call: (x) => special.erfinv(x), ref: scalar.erfinv, args: [[...grid(-1, 1, 2001), ...logGrid(1e-37, 1, 200), ...logGrid(1e-7, 1, 200).map((v) => 1 - v), -2, 2, ...SPECIALS]], rtol: 2e-6, floor: TINY },
];
