/**
 * Example invocations of the `random` primitives (threefry2x32, random_gamma,
 * random_gamma_grad, random_poisson, random_binomial, random_nextafter) in the format of
 * test/primitives/cases.ts, so that the automatic primitive checks include them:
 * `...RANDOM_PRIMITIVE_CASES` in PRIMITIVE_CASES.
 *
 * Derivative checks, primitive by primitive:
 * - threefry2x32, random_poisson, random_binomial: integer (or integer-valued) outputs of
 *   bit operations: `noDiff`.
 * - random_nextafter: a step function of its inputs, whose JVP is zero by definition (it only
 *   moves stopped-gradient bounds one ulp): `noDiff`.
 * - random_gamma: its JVP in alpha is the implicit reparameterisation gradient
 *   `-(∂P/∂a)/(∂P/∂x)`, the derivative of the quantile function at the sample's own CDF
 *   level. The sampler at a fixed key is Marsaglia-Tsang rejection, not the inverse CDF, so a
 *   finite difference in alpha at a fixed key measures something else (and jumps where the
 *   accepted proposal changes): `noDiff` here; test/random-api/gradients.test.ts checks the
 *   JVP against finite differences of the CDF, mpmath values and expectations.
 * - random_gamma_grad: smooth in (alpha, sample). Its JVP in the sample is closed-form and
 *   checked here to second order (`diff: [1]`); its JVP in alpha would need ∂²P/∂a² and is
 *   refused (second derivatives of gamma samples in their shape), so alpha is not
 *   differentiated.
 */
import { type ConcreteArray } from "../../src/index.js";
import { type DType } from "../../src/core/dtype.js";
import { randArray, uniform } from "../helpers/random-arrays.js";
import { type PrimitiveCase } from "../primitives/cases.js";

type Gen = (r: () => number) => ConcreteArray;
const floats = (shape: number[], lo: number, hi: number, dtype: DType = "float64"): Gen => (r) => randArray(shape, uniform(r, lo, hi), dtype);
/** Uniform uint32 words (key words or counters). */
const words = (shape: number[]): Gen => (r) => randArray(shape, () => Math.floor(r() * 4294967296), "uint32");
/** Integer-valued floats in [lo, hi] (binomial trial counts). */
const counts = (shape: number[], lo: number, hi: number): Gen => (r) => randArray(shape, () => lo + Math.floor(r() * (hi - lo + 1)));
const args = (...gens: Gen[]) => (r: () => number) => gens.map((g) => g(r));

export const RANDOM_PRIMITIVE_CASES: Record<string, PrimitiveCase[]> = {
  threefry2x32: [
    { args: args(words([5]), words([5]), words([5]), words([5])), params: null, noDiff: true },
    // one key for every counter (rank-0 key words broadcast), as `bits` hashes a counter range
    { args: args(words([]), words([]), words([2, 3]), words([2, 3])), params: null, noDiff: true },
  ],
  random_gamma: [
    { args: args(words([6]), words([6]), floats([6], 0.2, 6)), params: { logSpace: false }, noDiff: true },
    { args: args(words([2, 3]), words([2, 3]), floats([2, 3], 0.05, 3)), params: { logSpace: true }, noDiff: true },
    { args: args(words([4]), words([4]), floats([4], 0.5, 4, "float32")), params: { logSpace: false }, noDiff: true },
  ],
  random_gamma_grad: [
    { args: args(floats([3, 2], 0.5, 4), floats([3, 2], 0.2, 5)), params: null, diff: [1] },
    // large shapes and samples near the mode exercise the continued fraction / Temme branches
    { args: args(floats([4], 20, 60), floats([4], 25, 45)), params: null, diff: [1] },
    { args: args(floats([], 0.3, 3), floats([5], 0.05, 4)), params: null, diff: [1] },
  ],
  random_poisson: [
    // rates below 10 (Knuth) and above (PTRS)
    { args: args(words([6]), words([6]), floats([6], 0.5, 30)), params: { dtype: "int32" }, noDiff: true },
    { args: args(words([2, 2]), words([2, 2]), floats([2, 2], 2, 15)), params: { dtype: "float64" }, noDiff: true },
  ],
  random_binomial: [
    // small n·p (inversion) and large (BTRS)
    { args: args(words([5]), words([5]), counts([5], 1, 40), floats([5], 0.05, 0.95)), params: null, noDiff: true },
    { args: args(words([2, 3]), words([2, 3]), counts([2, 3], 50, 200), floats([2, 3], 0.2, 0.8)), params: null, noDiff: true },
  ],
  random_nextafter: [
    { args: args(floats([3, 4], -2, 2), floats([3, 4], -2, 2)), params: null, noDiff: true },
    { args: args(floats([5], -1, 1, "float32"), floats([5], -1, 1, "float32")), params: null, noDiff: true },
    { args: args(floats([], -1, 1), floats([4], -3, 3)), params: null, noDiff: true },
  ],
};
