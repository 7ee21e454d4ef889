/**
 * One or more example invocations for every registered primitive, used by the automatic
 * primitive checks. A primitive without an entry here fails the suite.
 */
import { ConcreteArray, ConcreteArray as ConcreteArrayCtor } from "../../src/index.js";
import { type DType } from "../../src/core/dtype.js";
import { randArray, uniform } from "../helpers/random-arrays.js";
import { INDEXING_PRIMITIVE_CASES } from "../indexing/primitive-cases.js";
import { RANDOM_PRIMITIVE_CASES } from "../random-api/primitive-cases.js";

/** An example invocation of a primitive. */
export interface PrimitiveCase {
  /** Builds the arguments from a random source. */
  args: (r: () => number) => ConcreteArray[];
  params: unknown;
  /** Indices of arguments to differentiate (default: every float argument). */
  diff?: number[];
  /** Skip derivative checks (non-differentiable or integer outputs). */
  noDiff?: boolean;
  /** Skip second-order checks (e.g. primitives whose derivative is not differentiable). */
  firstOrderOnly?: boolean;
  /** Tangent directions for argument i (default: uniform noise), e.g. symmetric for cholesky. */
  tangent?: (r: () => number, x: ConcreteArray, i: number) => ConcreteArray;
}

type Gen = (r: () => number) => ConcreteArray;
const f64 = (shape: number[], lo = -2, hi = 2): Gen => (r) => randArray(shape, uniform(r, lo, hi));
const typed = (shape: number[], dtype: DType, draw: (r: () => number) => number): Gen => (r) => randArray(shape, () => draw(r), dtype);
const bools = (shape: number[]): Gen => typed(shape, "bool", (r) => (r() < 0.5 ? 1 : 0));
const args = (...gens: Gen[]) => (r: () => number) => gens.map((g) => g(r));

const unary = (lo: number, hi: number): PrimitiveCase[] => [
  { args: args(f64([3, 4], lo, hi)), params: null },
  { args: args(f64([], lo, hi)), params: null },
];
const binary = (lo = -2, hi = 2, lo2 = lo, hi2 = hi): PrimitiveCase[] => [
  { args: args(f64([3, 4], lo, hi), f64([3, 4], lo2, hi2)), params: null },
  { args: args(f64([], lo, hi), f64([5], lo2, hi2)), params: null },
  { args: args(f64([2, 3], lo, hi), f64([], lo2, hi2)), params: null },
];
const compare: PrimitiveCase[] = [{ args: args(f64([3, 4]), f64([3, 4])), params: null, noDiff: true }];
const logical: PrimitiveCase[] = [{ args: args(bools([3, 4]), bools([3, 4])), params: null, noDiff: true }];
const shifts: PrimitiveCase[] = [
  { args: args(typed([6], "uint32", (r) => Math.floor(r() * 4294967296)), typed([6], "uint32", (r) => Math.floor(r() * 33))), params: null, noDiff: true },
];
const smoothUnary = (lo: number, hi: number) => unary(lo, hi);
const nonDiffUnary: PrimitiveCase[] = [{ args: args(f64([3, 4], -3, 3)), params: null, noDiff: true }];

// A well-conditioned symmetric positive definite matrix M Mᵀ + n I.
const spd = (n: number): Gen => (r) => {
  const m = randArray([n, n], uniform(r, -1, 1));
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += m.data[i * n + k] * m.data[j * n + k];
      d[i * n + j] = s;
    }
  return new ConcreteArrayCtor(d, [n, n], "float64");
};
// A lower-triangular matrix with a dominant diagonal (zeros above).
const lowerTri = (n: number): Gen => (r) => {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) d[i * n + j] = i === j ? 2 + r() : r() - 0.5;
  return new ConcreteArrayCtor(d, [n, n], "float64");
};
const symmetricTangent = (r: () => number, x: ConcreteArray): ConcreteArray => {
  const n = x.shape[0];
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) d[i * n + j] = d[j * n + i] = r() - 0.5;
  return new ConcreteArrayCtor(d, [n, n], "float64");
};
const lowerTangent = (r: () => number, x: ConcreteArray, i: number): ConcreteArray => {
  if (i !== 0) return randArray([...x.shape], uniform(r, -1, 1));
  const n = x.shape[0];
  const d = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) d[a * n + b] = r() - 0.5;
  return new ConcreteArrayCtor(d, [n, n], "float64");
};
const solveParams = (leftSide: boolean, lower: boolean, transposeA: boolean) => ({ leftSide, lower, transposeA, unitDiagonal: false });

export const PRIMITIVE_CASES: Record<string, PrimitiveCase[]> = {
  ...INDEXING_PRIMITIVE_CASES,
  ...RANDOM_PRIMITIVE_CASES,
  dot_general: [
    { args: args(f64([3, 4]), f64([4, 2])), params: { contracting: [[1], [0]], batch: [[], []] } },
    { args: args(f64([2, 3, 4]), f64([2, 4, 5])), params: { contracting: [[2], [1]], batch: [[0], [0]] } },
    { args: args(f64([4]), f64([4])), params: { contracting: [[0], [0]], batch: [[], []] } },
    { args: args(f64([3]), f64([2])), params: { contracting: [[], []], batch: [[], []] } },
  ],
  cholesky: [{ args: args(spd(4)), params: null, tangent: symmetricTangent }],
  triangular_solve: [
    { args: args(lowerTri(3), f64([3, 2])), params: solveParams(true, true, false), tangent: lowerTangent },
    { args: args(lowerTri(3), f64([2, 3])), params: solveParams(false, true, true), tangent: lowerTangent },
  ],
  lu: [{ args: args(f64([4, 4])), params: null }],
  lgamma: unary(0.3, 6),
  digamma: unary(0.3, 6),
  erf: unary(-2, 2),
  erfc: unary(-2, 2),
  erf_inv: unary(-0.9, 0.9),
  ndtr: unary(-3, 3),
  ndtri: unary(0.05, 0.95),
  log_ndtr: unary(-5, 3),
  polygamma: [
    { args: args(typed([3, 2], "float64", () => 1), f64([3, 2], 0.5, 4)), params: null, diff: [1] },
    { args: args(typed([], "float64", () => 2), f64([4], 0.5, 4)), params: null, diff: [1] },
  ],
  // Second order in a is not available (∂²P/∂a²): a is checked to first order.
  igamma: [
    { args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.2, 5)), params: null, diff: [1] },
    { args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.2, 5)), params: null, diff: [0], firstOrderOnly: true },
  ],
  igammac: [
    { args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.2, 5)), params: null, diff: [1] },
    { args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.2, 5)), params: null, diff: [0], firstOrderOnly: true },
  ],
  bessel_i0e: unary(-4, 4),
  bessel_i1e: unary(-4, 4),
  betaincinv: [{ args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.5, 4), f64([3, 2], 0.05, 0.95)), params: null, diff: [2] }],
  betainc: [{ args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.5, 4), f64([3, 2], 0.05, 0.95)), params: null, diff: [2] }],
  igamma_grad_a: [{ args: args(f64([3, 2], 0.5, 4), f64([3, 2], 0.2, 5)), params: null, diff: [1] }],
  add_any: [{ args: args(f64([3, 4]), f64([3, 4])), params: null }],
  add: binary(),
  sub: binary(),
  mul: binary(),
  div: binary(-2, 2, 0.5, 2),
  rem: binary(2.2, 2.8, 1.0, 1.05),
  pow: binary(0.5, 2, -1.5, 1.5),
  max: binary(),
  min: binary(),
  atan2: binary(),
  eq: compare,
  ne: compare,
  lt: compare,
  le: compare,
  gt: compare,
  ge: compare,
  and: logical,
  or: logical,
  xor: logical,
  shift_left: shifts,
  shift_right_logical: shifts,
  select_n: [{ args: args(bools([3, 4]), f64([3, 4]), f64([3, 4])), params: null, diff: [1, 2] }],
  convert_element_type: [
    { args: args(f64([3, 4])), params: { newDtype: "float32", weakType: false }, noDiff: true },
    { args: args(f64([3, 4])), params: { newDtype: "int32", weakType: false }, noDiff: true },
    { args: args(f64([2, 2])), params: { newDtype: "float64", weakType: true } },
  ],
  neg: unary(-2, 2),
  sign: nonDiffUnary,
  floor: nonDiffUnary,
  ceil: nonDiffUnary,
  round: nonDiffUnary,
  is_finite: nonDiffUnary,
  not: [{ args: args(bools([4])), params: null, noDiff: true }],
  abs: smoothUnary(0.1, 2),
  exp: smoothUnary(-2, 2),
  exp2: smoothUnary(-2, 2),
  exp10: smoothUnary(-2, 2),
  log: smoothUnary(0.2, 3),
  log1p: smoothUnary(-0.5, 3),
  expm1: smoothUnary(-2, 2),
  sin: smoothUnary(-3, 3),
  cos: smoothUnary(-3, 3),
  tan: smoothUnary(-1.2, 1.2),
  asin: smoothUnary(-0.9, 0.9),
  acos: smoothUnary(-0.9, 0.9),
  atan: smoothUnary(-3, 3),
  sinh: smoothUnary(-2, 2),
  cosh: smoothUnary(-2, 2),
  tanh: smoothUnary(-2, 2),
  asinh: smoothUnary(-3, 3),
  acosh: smoothUnary(1.2, 4),
  atanh: smoothUnary(-0.9, 0.9),
  sqrt: smoothUnary(0.2, 4),
  rsqrt: smoothUnary(0.2, 4),
  cbrt: smoothUnary(0.2, 4),
  logistic: smoothUnary(-4, 4),
  integer_pow: [
    { args: args(f64([3, 4])), params: { y: 3 } },
    { args: args(f64([5], 0.5, 2)), params: { y: -2 } },
  ],
  broadcast_in_dim: [
    { args: args(f64([3])), params: { shape: [2, 3], broadcastDimensions: [1] } },
    { args: args(f64([3, 1])), params: { shape: [3, 4], broadcastDimensions: [0, 1] } },
    { args: args(f64([])), params: { shape: [2, 2], broadcastDimensions: [] } },
  ],
  reshape: [{ args: args(f64([2, 6])), params: { newSizes: [3, 4] } }],
  transpose: [{ args: args(f64([2, 3, 4])), params: { permutation: [2, 0, 1] } }],
  reduce_sum: [
    { args: args(f64([3, 4, 2])), params: { axes: [1] } },
    { args: args(f64([3, 4])), params: { axes: [0, 1] } },
  ],
  reduce_max: [{ args: args(f64([3, 5])), params: { axes: [1] } }],
  reduce_min: [{ args: args(f64([3, 5])), params: { axes: [0] } }],
  reduce_prod: [
    { args: args(f64([3, 4])), params: { axes: [1] } },
    { args: args(f64([2, 3, 2])), params: { axes: [0, 2] } },
  ],
  reduce_and: [{ args: args(bools([3, 4])), params: { axes: [1] }, noDiff: true }],
  reduce_or: [{ args: args(bools([3, 4])), params: { axes: [0] }, noDiff: true }],
  argmax: [{ args: args(f64([3, 5])), params: { axis: 1 }, noDiff: true }],
  argmin: [{ args: args(f64([3, 5])), params: { axis: 0 }, noDiff: true }],
  cumsum: [
    { args: args(f64([3, 5])), params: { axis: 1, reverse: false } },
    { args: args(f64([4, 2])), params: { axis: 0, reverse: true } },
  ],
  cumprod: [
    { args: args(f64([3, 5])), params: { axis: 1, reverse: false } },
    { args: args(f64([6])), params: { axis: 0, reverse: true } },
  ],
  cummax: [{ args: args(f64([3, 6])), params: { axis: 1, reverse: false } }],
  cummin: [{ args: args(f64([5, 2])), params: { axis: 0, reverse: true } }],
  slice: [
    { args: args(f64([5, 6])), params: { start: [1, 0], limit: [4, 6], strides: [1, 2] } },
    { args: args(f64([7])), params: { start: [2], limit: [7], strides: [3] } },
  ],
  pad: [
    { args: args(f64([3, 2]), f64([])), params: { low: [1, 0], high: [0, 2], interior: [1, 0] } },
    { args: args(f64([4]), f64([])), params: { low: [2], high: [1], interior: [2] } },
  ],
  concatenate: [
    { args: args(f64([2, 3]), f64([4, 3])), params: { dimension: 0 } },
    { args: args(f64([2, 1]), f64([2, 3]), f64([2, 2])), params: { dimension: 1 } },
  ],
  rev: [{ args: args(f64([3, 4])), params: { dimensions: [0, 1] } }],
  stop_gradient: [{ args: args(f64([3])), params: null, noDiff: true }],
};

/** Primitives checked elsewhere, with the reason. */
export const CHECKED_ELSEWHERE: Record<string, string> = {
  custom_lin: "carries a user's backward pass; exercised by the customVjp tests in test/api/custom.test.ts",
  cond: "takes traced branches; exercised by test/lax/control-flow.test.ts (values, jvp, grad, vmap, jit)",
  while: "takes traced bodies; exercised by test/lax/control-flow.test.ts",
  scan: "takes a traced body; exercised by test/lax/control-flow.test.ts (incl. reverse mode and vmap)",
  jit_call: "a call of a staged program; exercised by test/api/jit.test.ts, and every primitive above runs under jit",
};
