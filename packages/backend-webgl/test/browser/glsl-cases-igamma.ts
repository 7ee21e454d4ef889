/** GLSL kernel cases of the igamma family (see glsl-cases.ts). */
import { type Array, special } from "@orrery/core";
import * as scalar from "../../../core/src/special/scalar/index.js";
import { bind1 } from "../../../core/src/core/trace.js";
import { igammaGradAP } from "../../../core/src/primitives/special.js";
import { randomGammaGrad } from "../../../core/src/primitives/random-ops.js";
import { type GlslAccuracyCase, grid, logGrid, pairs } from "./glsl-helpers.js";

const igammaGradA = (a: Array, x: Array): Array => bind1(igammaGradAP, [a, x], null);

/** A call of each primitive of the family on one array (a = x), for the one-program check. */
export const IGAMMA_GLSL_CALLS: Record<string, (x: Array) => Array> = {
  igamma: (x) => special.gammainc(x, x),
  igammac: (x) => special.gammaincc(x, x),
  igamma_grad_a: (x) => igammaGradA(x, x),
  random_gamma_grad: (x) => randomGammaGrad(x, x),
};

/** The smallest normal float32: relative error is measured down to it (GPUs may flush subnormals). */
const TINY = 1.1754943508222875e-38;
/** Shapes and points: tiny to huge, the region edges (x = 0.5, 1.1; a = 3, 10), special values. */
const EDGES = [0.5, 1, 1.1, 1.2, 2, 2.5, 3, 5, 9.9, 10, 10.5, 20, 30];
const AXIS = [...logGrid(1e-30, 1e30, 61), ...logGrid(1e-3, 1e3, 61), ...EDGES, 1e36, 3e38].sort((u, v) => u - v);
const SPECIALS = [0, -0, -1, Infinity, -Infinity, NaN];
/**
 * a from 5 to 1e30 with x = a(1 + t), |t| up to 0.6: Temme's band (a ≥ 10, |t| < 1/2) and both
 * sides of its edges, with results down to the smallest normal float32 (where the prefactor
 * e^{−aμ}/√(2πa) is subnormal: the tfjs-ops rule flushes it, the kernel shifts it).
 */
function nearDiagonal(): number[][] {
  const as: number[] = [];
  const xs: number[] = [];
  for (const a of [...logGrid(5, 1e7, 40), ...logGrid(5, 1e30, 80)]) {
    for (const t of grid(-0.6, 0.6, 49)) (as.push(a), xs.push(a * (1 + t)));
    for (const t of [1e-6, -1e-6, 1e-3, -1e-3]) (as.push(a), xs.push(a * (1 + t)));
  }
  return [as, xs];
}

/** Every pair of the axis and special values, and the band about x = a. */
function points(): number[][] {
  const all = [...AXIS, ...SPECIALS];
  const [a1, x1] = pairs(all, all);
  const [a2, x2] = nearDiagonal();
  return [
    [...a1, ...a2],
    [...x1, ...x2],
  ];
}
const POINTS = points();

// Measured on SwiftShader (worst relative error on POINTS): P 2.1e-5, Q 1.3e-5, ∂P/∂a 2.1e-5,
// sample gradient 1.2e-5, from GLSL's exp of arguments near −80 and beyond (the tfjs-ops rule
// errs the same there, and is off by up to 100% where its prefactor is subnormal).
/** The family's kernels against the CPU's float64 scalar kernels on POINTS. */
export const IGAMMA_GLSL_ACCURACY: GlslAccuracyCase[] = [
  { name: "gammainc", call: (a, x) => special.gammainc(a, x), ref: scalar.gammainc, args: POINTS, rtol: 3e-5, floor: TINY },
  { name: "gammaincc", call: (a, x) => special.gammaincc(a, x), ref: scalar.gammaincc, args: POINTS, rtol: 2e-5, floor: TINY },
  { name: "igamma_grad_a", call: igammaGradA, ref: scalar.gammaincDerivA, args: POINTS, rtol: 3e-5, floor: TINY },
  { name: "random_gamma_grad", call: randomGammaGrad, ref: scalar.randomGammaGrad, args: POINTS, rtol: 2e-5, floor: TINY },
];
