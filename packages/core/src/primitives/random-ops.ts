/**
 * The primitives of `random`: the threefry-2x32 hash (the only source of randomness; keys,
 * splits and bits are built from it as in JAX's jax/_src/prng.py), the per-element samplers
 * that need data-dependent loops (gamma, log-gamma, Poisson, binomial), the implicit gamma
 * gradient, and `nextafter` (for truncatedNormal's open interval). Everything else the
 * samplers need is shared machinery: erf/erf⁻¹ from primitives/special.ts, the `sort`
 * primitive for shuffles, `gather` (np.take) for choice.
 *
 * Every per-element sampler takes one key per element as two uint32 arrays `k0`, `k1`
 * (the columns of `split(key, n)`), so that batching is elementwise and the numbers do
 * not depend on `vmap`.
 *
 * @module
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type DType, allocate, isFloat } from "../core/dtype.js";
import { type BDim, type Primitive, type Tangent, Zero, definePrimitive } from "../core/primitive.js";
import { bind, bind1 } from "../core/trace.js";
import { shapeEqual } from "../core/shape.js";
import { alignBatched, elementwiseBatch } from "./elementwise-batch.js";
import { add, div, eq, mul, select, sub } from "./binary.js";
import { exp, log } from "./unary.js";
import { digamma } from "./special.js";
import { full, fullLike } from "./constants.js";
import { lastWord1, threefryPair } from "../random/kernels/threefry.js";
import { binomialOne, gammaOne, logGammaOne, poissonOne } from "../random/kernels/index.js";
import { randomGammaGrad as randomGammaGradScalar } from "../special/scalar/gamma-grad.js";

/** Output aval of an elementwise op whose operands share a shape (rank-0 operands broadcast). */
function elementwiseShape(name: string, avals: ShapedArray[]): readonly number[] {
  let shape: readonly number[] = [];
  for (const a of avals) {
    if (a.ndim === 0) continue;
    if (shape.length === 0) shape = a.shape;
    else if (!shapeEqual(shape, a.shape)) {
      throw new Error(`${name}: operand shapes differ: ${avals.map((x) => x.toString()).join(", ")} (only rank-0 operands broadcast)`);
    }
  }
  return shape;
}

function checkDtypes(name: string, avals: ShapedArray[], want: (d: DType) => boolean, what: string): void {
  for (const a of avals) {
    if (!want(a.dtype)) throw new Error(`${name}: expected ${what} operands, got ${avals.map((x) => x.toString()).join(", ")}`);
  }
}

/** Element `i` of a same-shape-or-scalar operand. */
const at = (x: ConcreteArray, i: number): number => (x.ndim === 0 ? x.data[0] : x.data[i]);

/** Zero tangents for every output (integer or non-differentiable outputs). */
function zeroTangents(outs: Array[]): Tangent[] {
  return outs.map((o) => new Zero(o.aval));
}

/** An elementwise batching rule for a multi-output primitive. */
function elementwiseBatchMulti<P>(prim: () => Primitive<P>) {
  return (args: Array[], dims: BDim[], params: P): [Array[], BDim[]] => {
    const [aligned, d] = alignBatched(args, dims);
    const outs = bind(prim(), aligned, params);
    return [outs, outs.map(() => d)];
  };
}

// ---------------------------------------------------------------- threefry2x32

/**
 * `threefry2x32(k0, k1, x0, x1)`: the Threefry-2x32 block cipher (20 rounds) applied
 * elementwise, as JAX's `threefry2x32_p`: block `i` hashes the counter `(x0[i], x1[i])`
 * under the key `(k0[i], k1[i])`. Operands are uint32 of one shape (rank-0 operands
 * broadcast); the two outputs are the two words of each block.
 */
export const threefry2x32P: Primitive<null> = definePrimitive<null>({
  name: "threefry2x32",
  abstractEval: (avals) => {
    if (avals.length !== 4) throw new Error(`threefry2x32: expected 4 operands (k0, k1, x0, x1), got ${avals.length}`);
    checkDtypes("threefry2x32", avals, (d) => d === "uint32", "uint32");
    const shape = elementwiseShape("threefry2x32", avals);
    const out = new ShapedArray(shape, "uint32");
    return [out, out];
  },
  impl: (args) => {
    const [k0, k1, x0, x1] = args;
    let shape: readonly number[] = [];
    for (const a of args) if (a.ndim > 0) shape = a.shape;
    const n = shape.reduce((p, d) => p * d, 1);
    const out0 = new Uint32Array(n);
    const out1 = new Uint32Array(n);
    if (k0.ndim === 0 && k1.ndim === 0) {
      const a = k0.data[0];
      const b = k1.data[0];
      for (let i = 0; i < n; i++) {
        out0[i] = threefryPair(a, b, at(x0, i), at(x1, i));
        out1[i] = lastWord1();
      }
    } else {
      for (let i = 0; i < n; i++) {
        out0[i] = threefryPair(at(k0, i), at(k1, i), at(x0, i), at(x1, i));
        out1[i] = lastWord1();
      }
    }
    return [new ConcreteArray(out0, shape, "uint32"), new ConcreteArray(out1, shape, "uint32")];
  },
  jvp: (primals, _tangents) => {
    const outs = bind(threefry2x32P, primals, null);
    return [outs, zeroTangents(outs)];
  },
  batch: elementwiseBatchMulti(() => threefry2x32P),
});

/**
 * The threefry-2x32 hash of counters `(x0, x1)` under keys `(k0, k1)`, elementwise
 * (operands of one shape; rank-0 operands broadcast).
 *
 * @example
 * ```ts
 * const u = (v: number) => np.array(v, "uint32");
 * const [a, b] = threefry2x32(u(0), u(0), u(0), u(0)); // 0x6b200159, 0x99ba4efe
 * ```
 */
export function threefry2x32(k0: Array, k1: Array, x0: Array, x1: Array): [Array, Array] {
  const [a, b] = bind(threefry2x32P, [k0, k1, x0, x1], null);
  return [a, b];
}

// ---------------------------------------------------------------- per-element samplers

interface GammaParams {
  /** Return log-samples (as `random.loggamma`). */
  logSpace: boolean;
}

/**
 * `random_gamma_grad(alpha, sample)`: `d sample / d alpha` for Gamma(alpha, 1) samples,
 * elementwise, `g = -(∂P/∂a)/(∂P/∂x)` (the shared float64 kernel of special/scalar).
 *
 * Its JVP in `sample` is closed-form: with `∂P/∂x = x^(a-1) e^(-x) / Γ(a)`,
 * `∂g/∂x = ψ(a) - log x + g (1 - (a - 1)/x)`. Its JVP in `alpha` needs `∂²P/∂a²`, which
 * nothing computes yet, so it is refused (as second derivatives of gamma samples in their
 * shape parameter are in JAX).
 */
export const randomGammaGradP: Primitive<null> = definePrimitive<null>({
  name: "random_gamma_grad",
  abstractEval: ([a, x]) => {
    checkDtypes("random_gamma_grad", [a, x], isFloat, "float");
    if (a.dtype !== x.dtype) throw new Error(`random_gamma_grad: operand dtypes differ: ${a}, ${x}`);
    return [new ShapedArray(elementwiseShape("random_gamma_grad", [a, x]), a.dtype)];
  },
  impl: ([a, x]) => {
    const shape = a.ndim > 0 ? a.shape : x.shape;
    const n = shape.reduce((p, d) => p * d, 1);
    const out = allocate(a.dtype, n);
    for (let i = 0; i < n; i++) out[i] = randomGammaGradScalar(at(a, i), at(x, i));
    return [new ConcreteArray(out, shape, a.dtype)];
  },
  jvp: ([a, x], [ta, tx]) => {
    const g = bind1(randomGammaGradP, [a, x], null);
    if (!(ta instanceof Zero)) {
      throw new Error(
        "random_gamma_grad: the derivative with respect to alpha (second derivatives of gamma, beta, dirichlet " +
          "and t samples with respect to their shape parameters) is not implemented",
      );
    }
    if (tx instanceof Zero) return [[g], [new Zero(g.aval)]];
    // ∂g/∂x = ψ(a) − log x + g (1 − (a − 1)/x)
    const dgdx = add(sub(digamma(a), log(x)), mul(g, sub(fullLike(x, 1), div(sub(a, fullLike(a, 1)), x))));
    return [[g], [mul(tx, dgdx)]];
  },
  batch: elementwiseBatch<null>(([a, x]) => bind1(randomGammaGradP, [a, x], null)),
});

/**
 * `d sample / d alpha` for gamma samples, elementwise (the implicit reparameterisation gradient).
 *
 * @example
 * ```ts
 * randomGammaGrad(np.array([2.5]), random.gamma(random.key(0), 2.5, [1]));
 * ```
 */
export function randomGammaGrad(alpha: Array, sample: Array): Array {
  return bind1(randomGammaGradP, [alpha, sample], null);
}

function checkKeyWords(name: string, k0: ShapedArray, k1: ShapedArray): void {
  if (k0.dtype !== "uint32" || k1.dtype !== "uint32") throw new Error(`${name}: key words must be uint32, got ${k0}, ${k1}`);
}

/**
 * `random_gamma(k0, k1, alpha)`: one Gamma(alpha, 1) draw per element, element `i` using the
 * key `(k0[i], k1[i])` (the kernels' `gammaOne`/`logGammaOne`). Differentiable in `alpha`
 * by implicit reparameterisation, as JAX's `random_gamma_p`.
 */
export const randomGammaP: Primitive<GammaParams> = definePrimitive<GammaParams>({
  name: "random_gamma",
  abstractEval: ([k0, k1, a]) => {
    checkKeyWords("random_gamma", k0, k1);
    if (!isFloat(a.dtype)) throw new Error(`random_gamma: alpha must be float, got ${a}`);
    return [new ShapedArray(elementwiseShape("random_gamma", [k0, k1, a]), a.dtype)];
  },
  impl: ([k0, k1, a], { logSpace }) => {
    const shape = elementwiseShape("random_gamma", [k0.aval, k1.aval, a.aval]);
    const n = shape.reduce((p, d) => p * d, 1);
    const f32 = a.dtype === "float32";
    const out = allocate(a.dtype, n);
    const f = logSpace ? logGammaOne : gammaOne;
    for (let i = 0; i < n; i++) out[i] = f(at(k0, i), at(k1, i), at(a, i), f32);
    return [new ConcreteArray(out, shape, a.dtype)];
  },
  jvp: ([k0, k1, a], [, , ta], params) => {
    const ans = bind1(randomGammaP, [k0, k1, a], params);
    if (ta instanceof Zero) return [[ans], [new Zero(ans.aval)]];
    let g: Array;
    if (params.logSpace) {
      // d log x / da = (dx/da) / x; x = exp(log x) may underflow to 0: use the tiniest normal.
      const x0 = exp(ans);
      const tiny = full(ans.shape, ans.dtype === "float32" ? 1.1754943508222875e-38 : 2.2250738585072014e-308, ans.dtype);
      const x = select(eq(x0, full(ans.shape, 0, ans.dtype)), tiny, x0);
      g = div(randomGammaGrad(a, x), x);
    } else {
      g = randomGammaGrad(a, ans);
    }
    return [[ans], [mul(ta, g)]];
  },
  batch: elementwiseBatch<GammaParams>((args, p) => bind1(randomGammaP, args, p)),
});

/**
 * `random_poisson(k0, k1, lam)`: one Poisson(lam) draw per element (int32), element `i`
 * using the key `(k0[i], k1[i])` (the kernels' `poissonOne`). Not differentiable.
 */
export const randomPoissonP: Primitive<{ dtype: DType }> = definePrimitive<{ dtype: DType }>({
  name: "random_poisson",
  abstractEval: ([k0, k1, lam], { dtype }) => {
    checkKeyWords("random_poisson", k0, k1);
    if (!isFloat(lam.dtype)) throw new Error(`random_poisson: the rate must be float, got ${lam}`);
    return [new ShapedArray(elementwiseShape("random_poisson", [k0, k1, lam]), dtype)];
  },
  impl: ([k0, k1, lam], { dtype }) => {
    const shape = elementwiseShape("random_poisson", [k0.aval, k1.aval, lam.aval]);
    const n = shape.reduce((p, d) => p * d, 1);
    const out = allocate(dtype, n);
    const isInt = !isFloat(dtype);
    for (let i = 0; i < n; i++) {
      const v = poissonOne(at(k0, i), at(k1, i), at(lam, i));
      // Integer outputs cannot hold NaN/Infinity: -1 marks an invalid rate (JAX returns -1 too).
      out[i] = isInt && !Number.isFinite(v) ? -1 : v;
    }
    return [new ConcreteArray(out, shape, dtype)];
  },
  jvp: (primals, _t, p) => {
    const out = bind1(randomPoissonP, primals, p);
    return [[out], [new Zero(out.aval)]];
  },
  batch: elementwiseBatch<{ dtype: DType }>((args, p) => bind1(randomPoissonP, args, p)),
});

/**
 * `random_binomial(k0, k1, n, p)`: one Binomial(n, p) draw per element (float, as JAX),
 * element `i` using the key `(k0[i], k1[i])` (the kernels' `binomialOne`). Not
 * differentiable.
 */
export const randomBinomialP: Primitive<null> = definePrimitive<null>({
  name: "random_binomial",
  abstractEval: ([k0, k1, n, p]) => {
    checkKeyWords("random_binomial", k0, k1);
    if (!isFloat(n.dtype) || n.dtype !== p.dtype) throw new Error(`random_binomial: n and p must be floats of one dtype, got ${n}, ${p}`);
    return [new ShapedArray(elementwiseShape("random_binomial", [k0, k1, n, p]), p.dtype)];
  },
  impl: ([k0, k1, n, p]) => {
    const shape = elementwiseShape("random_binomial", [k0.aval, k1.aval, n.aval, p.aval]);
    const size = shape.reduce((q, d) => q * d, 1);
    const out = allocate(p.dtype, size);
    for (let i = 0; i < size; i++) out[i] = binomialOne(at(k0, i), at(k1, i), at(n, i), at(p, i));
    return [new ConcreteArray(out, shape, p.dtype)];
  },
  jvp: (primals) => {
    const out = bind1(randomBinomialP, primals, null);
    return [[out], [new Zero(out.aval)]];
  },
  batch: elementwiseBatch<null>((args) => bind1(randomBinomialP, args, null)),
});

// ---------------------------------------------------------------- nextafter

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * The next float64 after `x` towards `y` (C `nextafter`).
 *
 * @example
 * ```ts
 * nextafter64(-1, 0); // -0.9999999999999999
 * ```
 */
export function nextafter64(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  F64[0] = x;
  if (x < y === x > 0) U64[0] += 1n;
  else U64[0] -= 1n;
  return F64[0];
}

/**
 * The next float32 after `x` (a float32 value) towards `y`.
 *
 * @example
 * ```ts
 * nextafter32(-1, 0); // -0.9999999403953552
 * ```
 */
export function nextafter32(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  x = Math.fround(x);
  y = Math.fround(y);
  if (x === y) return y;
  if (x === 0) return y > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  F32[0] = x;
  if (x < y === x > 0) U32[0] += 1;
  else U32[0] -= 1;
  return F32[0];
}

/** `nextafter(x, y)`, elementwise; not differentiable (used on stopped-gradient bounds). */
export const nextafterP: Primitive<null> = definePrimitive<null>({
  name: "random_nextafter",
  abstractEval: ([x, y]) => {
    checkDtypes("random_nextafter", [x, y], isFloat, "float");
    if (x.dtype !== y.dtype) throw new Error(`random_nextafter: operand dtypes differ: ${x}, ${y}`);
    return [new ShapedArray(elementwiseShape("random_nextafter", [x, y]), x.dtype, x.weakType && y.weakType)];
  },
  impl: ([x, y]) => {
    const shape = x.ndim > 0 ? x.shape : y.shape;
    const n = shape.reduce((p, d) => p * d, 1);
    const out = allocate(x.dtype, n);
    const f = x.dtype === "float32" ? nextafter32 : nextafter64;
    for (let i = 0; i < n; i++) out[i] = f(at(x, i), at(y, i));
    return [new ConcreteArray(out, shape, x.dtype, x.weakType && y.weakType)];
  },
  jvp: ([x, y]) => {
    const out = bind1(nextafterP, [x, y], null);
    return [[out], [new Zero(out.aval)]];
  },
  batch: elementwiseBatch<null>(([x, y]) => bind1(nextafterP, [x, y], null)),
});

/**
 * `nextafter(x, y)` elementwise (no gradient).
 *
 * @example
 * ```ts
 * nextafter(np.array([1]), np.array([2])); // [1.0000000000000002]
 * ```
 */
export const nextafter = (x: Array, y: Array): Array => bind1(nextafterP, [x, y], null);
