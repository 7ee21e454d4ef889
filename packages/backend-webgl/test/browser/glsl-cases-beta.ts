/** GLSL kernel cases of betainc, betaincinv and polygamma (see glsl-cases.ts). */
import { type Array, special } from "@orrery/core";
import * as scalar from "../../../core/src/special/scalar/index.js";
import { type GlslAccuracyCase, grid, logGrid, pairs } from "./glsl-helpers.js";

/** A call of each primitive of the family on one array (every operand x), for the one-program check. */
export const BETA_GLSL_CALLS: Record<string, (x: Array) => Array> = {
  betainc: (x) => special.betainc(x, x, x),
  betaincinv: (x) => special.betaincinv(x, x, x),
  polygamma: (x) => special.polygamma(x, x),
};

/** The smallest normal float32: relative error is measured down to it (GPUs may flush subnormals). */
const TINY = 1.1754943508222875e-38;
/** The float32 below 1. */
const ONE_BELOW = 1 - 2 ** -24;

/** Every triple of `as`, `bs` and `xs`, as three columns. */
function triples(as: number[], bs: number[], xs: number[]): number[][] {
  const cols: number[][] = [[], [], []];
  for (const a of as) for (const b of bs) for (const x of xs) (cols[0].push(a), cols[1].push(b), cols[2].push(x));
  return cols;
}

/** Blocks of columns one after another. */
function concat(...blocks: number[][][]): number[][] {
  return blocks[0].map((_, i) => blocks.flatMap((b) => b[i]));
}

/** The rows of `cols` where `keep(row)` holds. */
function rowsWhere(cols: number[][], keep: (row: number[]) => boolean): number[][] {
  const rows = cols[0].map((_, i) => cols.map((c) => c[i]));
  const kept = rows.filter(keep);
  return cols.map((_, j) => kept.map((r) => r[j]));
}

const not =
  (f: (row: number[]) => boolean) =>
  (row: number[]): boolean =>
    !f(row);
/** Rows with a special value (NaN, a shape ≤ 0, an end or the outside of [0, 1]): they go with the core cases. */
const special3 = ([a, b, x]: number[]): boolean => Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || a <= 0 || b <= 0 || !(x > 0 && x < 1);

/**
 * Shapes a, b: tiny to large, both sides of 1 (betainc keeps I_x(a, b) for b < 1 up to x = 0.99)
 * and of 10 (K(v) by Stirling's series from 10 on).
 */
const SHAPES = [1e-3, 0.01, 0.1, 0.3, 0.5, 0.9, 1, 1.5, 2, 3, 5, 9.5, 10, 10.5, 20, 50, 100, 1e3, 1e4, 1e5];
/** x from 1e-30 to the float32 below 1, both sides of 0.99. */
const XS = [1e-30, 1e-10, 1e-6, 1e-3, 0.01, 0.05, ...grid(0.1, 0.9, 9), 0.95, 0.99, 0.991, 0.999, 1 - 1e-5, ONE_BELOW];
/** For each pair of shapes, x about the mean a/(a + b) (up to 4 standard deviations) and at the flip point (a + 1)/(a + b + 2) and either side of it. */
function aboutTheMean(): number[][] {
  const cols: number[][] = [[], [], []];
  for (const a of SHAPES) {
    for (const b of SHAPES) {
      const s = a + b;
      const mean = a / s;
      const sd = Math.sqrt((a * b) / (s * s * (s + 1)));
      const flip = (a + 1) / (s + 2);
      for (const x of [...[-4, -2, -1, -0.3, 0, 0.3, 1, 2, 4].map((k) => mean + k * sd), flip, flip * (1 - 1e-6), flip * (1 + 1e-6)]) {
        if (x > 0 && x < 1) (cols[0].push(a), cols[1].push(b), cols[2].push(x));
      }
    }
  }
  return cols;
}
const SPECIAL_SHAPES = [0, -1, Infinity, NaN, 0.5, 2];
const SPECIAL_XS = [0, 1, 0.5, -0.5, 1.5, Infinity, -Infinity, NaN];
const BETAINC_POINTS = concat(triples(SHAPES, SHAPES, XS), aboutTheMean(), triples(SPECIAL_SHAPES, SPECIAL_SHAPES, SPECIAL_XS));
/** betainc's core: 0.1 ≤ a, b ≤ 1000. */
const betaincCore = (row: number[]): boolean => special3(row) || (Math.min(row[0], row[1]) >= 0.1 && Math.max(row[0], row[1]) <= 1000);

/** y from 1e-30 to the float32 below 1. */
const YS = [1e-30, 1e-10, 1e-5, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1 - 1e-5, ONE_BELOW];
/**
 * The grid less the points whose x is below 1e-30 (x ≪ 1e-30 where a is small): the kernel, as
 * the tfjs-ops rule, clamps its initial guess to 1e-30 and at most halves it in a step.
 */
function inverseGrid(): number[][] {
  const [as, bs, ys] = triples(SHAPES, SHAPES, YS);
  const keep = as.map((a, i) => scalar.betaincinv(Math.fround(a), Math.fround(bs[i]), Math.fround(ys[i])) >= 1e-30);
  return [as, bs, ys].map((col) => col.filter((_, i) => keep[i]));
}
const BETAINCINV_POINTS = concat(inverseGrid(), triples(SPECIAL_SHAPES, SPECIAL_SHAPES, SPECIAL_XS));
/** betaincinv's core: 0.3 ≤ a, b ≤ 1000, 1e-5 ≤ y ≤ 1 − 1e-5. */
const inverseCore = (row: number[]): boolean => special3(row) || (Math.min(row[0], row[1]) >= 0.3 && Math.max(row[0], row[1]) <= 1000 && row[2] >= 1e-5 && row[2] <= 1 - 1e-5);

/** Orders n: ψ itself (n = 0), small and large orders, both sides of 24 (the last the reflection covers). */
const ORDERS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 24, 25, 30];
/** x > 0 both sides of 10 (the shifts' target). */
const POSITIVE_X = [...grid(0.05, 20, 400), ...logGrid(1e-6, 1e6, 61), 1, 2, 9.99, 10, 10.01];
/**
 * x < 0 off the poles and off the half-integers: there, for even n ≥ 10, the CPU's float64 kernel
 * loses the result to cancellation (polygamma(20, −2.5) = 4.1e8, −9.18e6 exactly; the kernel is
 * right).
 */
const NEGATIVE_X = [...grid(-10, -0.05, 400).filter((x) => !Number.isInteger(x)), -1e-6, -0.4999, -2.4999, -1.0001, -0.9999];
const SPECIAL_ORDERS = [-1, 0.5, 1.5, Infinity, NaN, 1, 2];
const SPECIAL_X = [0, -0, -1, -2, 1, Infinity, -Infinity, NaN];
const POLYGAMMA_POSITIVE = concat(pairs(ORDERS, POSITIVE_X), pairs(SPECIAL_ORDERS, SPECIAL_X));
const lowOrder = ([n]: number[]): boolean => !(n > 15);

// Measured on SwiftShader (worst relative error; the tfjs-ops rule's on the same points is the
// same, the kernel's results within 1.5e-6 of the rule's): betainc 1.75e-5 for 0.1 ≤ a, b ≤ 1000,
// 3.5e-3 beyond (a = b = 1e5 about the mean, where 24 steps of the fraction are too few; b = 1e-3,
// x → 1, where 1 − I_{1−x}(b, a) cancels); betaincinv 5.4e-6 in its core, 0.47 outside
// (100, 1, 1e-10; 2.7e-4 at (5, 0.1, 0.05): six Newton steps from Numerical Recipes' guess do not
// converge there; with a = 1e-3, x ∝ y^{1/a} magnifies I's float32 error a thousandfold);
// polygamma 7.2e-6 for n ≤ 15, 9.9e-5 above (n = 30, x = 10: the Euler–Maclaurin tail at w = 10),
// 3.4e-6 for x < 0 (n ≤ 24; beyond, the rule and the kernel give NaN).
/** The family's kernels against the CPU's float64 scalar kernels. */
export const BETA_GLSL_ACCURACY: GlslAccuracyCase[] = [
  { name: "betainc (0.1 ≤ a, b ≤ 1000)", call: (a, b, x) => special.betainc(a, b, x), ref: scalar.betainc, args: rowsWhere(BETAINC_POINTS, betaincCore), rtol: 1.8e-5, floor: TINY },
  { name: "betainc (a or b < 0.1 or > 1000)", call: (a, b, x) => special.betainc(a, b, x), ref: scalar.betainc, args: rowsWhere(BETAINC_POINTS, not(betaincCore)), rtol: 3.6e-3, floor: TINY },
  { name: "betaincinv (0.3 ≤ a, b ≤ 1000, 1e-5 ≤ y ≤ 1 − 1e-5)", call: (a, b, y) => special.betaincinv(a, b, y), ref: scalar.betaincinv, args: rowsWhere(BETAINCINV_POINTS, inverseCore), rtol: 6e-6, floor: TINY },
  { name: "betaincinv (a or b < 0.3 or > 1000, or y in the tails)", call: (a, b, y) => special.betaincinv(a, b, y), ref: scalar.betaincinv, args: rowsWhere(BETAINCINV_POINTS, not(inverseCore)), rtol: 0.48, floor: TINY },
  { name: "polygamma (x > 0, n ≤ 15)", call: (n, x) => special.polygamma(n, x), ref: scalar.polygamma, args: rowsWhere(POLYGAMMA_POSITIVE, lowOrder), rtol: 7.5e-6, floor: TINY },
  { name: "polygamma (x > 0, n > 15)", call: (n, x) => special.polygamma(n, x), ref: scalar.polygamma, args: rowsWhere(POLYGAMMA_POSITIVE, not(lowOrder)), rtol: 1e-4, floor: TINY },
  { name: "polygamma (x < 0, n ≤ 24)", call: (n, x) => special.polygamma(n, x), ref: scalar.polygamma, args: pairs(ORDERS.filter((n) => n <= 24), NEGATIVE_X), rtol: 3.5e-6, floor: TINY },
];
