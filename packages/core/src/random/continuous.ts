/**
 * Continuous samplers built from uniform floats, as jax.random: `uniform`, `normal`,
 * `truncatedNormal`, `exponential`, `cauchy`, `laplace`, `logistic`, `gumbel`,
 * `multivariateNormal`.
 *
 * @module
 */
import { type Array } from "../core/array.js";
import { type DType } from "../core/dtype.js";
import { mul, sub } from "../primitives/binary.js";
import { abs, log, log1p, neg, sign, tan } from "../primitives/unary.js";
import { stopGradient } from "../primitives/stop-gradient.js";
import { erf, erfInv } from "../primitives/special.js";
import { nextafter, nextafter32, nextafter64 } from "../primitives/random-ops.js";
import { type ArrayLike } from "../np/core.js";
import * as npe from "../np/elementwise.js";
import { matmul, cholesky } from "../np/linalg.js";
import { reshape as npReshape, squeeze } from "../np/shape.js";
import { type KeyLike, type ShapeLike, asKey, asShape, unitFloats } from "./keys.js";
import { type DtypeOptions, broadcastParam, checkShape, constant, finfo, floatDtype, param, paramShape } from "./common.js";

/** Options of {@link uniform}. */
export interface UniformOptions extends DtypeOptions {
  /** Inclusive lower bound, broadcastable to the shape (default 0). */
  minval?: ArrayLike;
  /** Exclusive upper bound, broadcastable to the shape (default 1). */
  maxval?: ArrayLike;
}

/**
 * `jax.random._uniform` on a checked key.
 * @internal
 * @example
 * ```ts
 * uniformImpl(asKey("uniform", random.key(0)), [3], "float64", constant(0, "float64"), constant(1, "float64"));
 * ```
 */
export function uniformImpl(k: Array, shape: readonly number[], dtype: DType, minval: Array, maxval: Array, fn = "uniform"): Array {
  checkShape(fn, shape, minval.shape, maxval.shape);
  const floats = unitFloats(k, shape, dtype);
  const scaled = npe.add(npe.multiply(floats, npe.subtract(maxval, minval)), minval);
  return npe.maximum(minval, scaled);
}

/**
 * Uniform floats on `[minval, maxval)`, as `jax.random.uniform`, bit for bit: float32 uses
 * 32 random bits per value and float64 64 bits (JAX with x64), the top mantissa-many bits
 * placed under the exponent of 1.0, then `max(minval, u * (maxval - minval) + minval)`.
 * Differentiable in `minval` and `maxval`.
 *
 * @param key - a PRNG key (`random.key(seed)`)
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`, `minval`, `maxval`
 * @returns floats of `shape`
 * @example
 * ```ts
 * random.uniform(random.key(0), [3], { dtype: "float32" }).tolist();
 * // [0.947667, 0.9785799, 0.33229148]  (= jax.random.uniform(key(0), (3,)))
 * random.uniform(random.key(1), [2, 2], { minval: -2, maxval: 2 });
 * ```
 */
export function uniform(key: KeyLike, shape: ShapeLike = [], options: UniformOptions = {}): Array {
  const k = asKey("uniform", key);
  const s = asShape("uniform", shape);
  const dtype = floatDtype("uniform", options.dtype, [options.minval ?? 0, options.maxval ?? 1]);
  return uniformImpl(k, s, dtype, param(options.minval ?? 0, dtype), param(options.maxval ?? 1, dtype));
}

/**
 * `jax.random._normal_real` on a checked key.
 * @internal
 * @example
 * ```ts
 * normalImpl(asKey("normal", random.key(0)), [3], "float64");
 * ```
 */
export function normalImpl(k: Array, shape: readonly number[], dtype: DType): Array {
  const lo = dtype === "float32" ? nextafter32(-1, 0) : nextafter64(-1, 0);
  const u = uniformImpl(k, shape, dtype, constant(lo, dtype), constant(1, dtype), "normal");
  return mul(constant(Math.SQRT2, dtype), erfInv(u));
}

/**
 * Standard normal draws, as `jax.random.normal`: `sqrt(2) · erfinv(u)` with `u` uniform on
 * `(-1, 1)` from the same bits as {@link uniform}. (`erfinv` is computed in float64 and
 * rounded, so float64 draws agree with JAX to about 1e-15 and float32 ones to an ulp.)
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns floats of `shape`
 * @example
 * ```ts
 * const z = random.normal(random.key(0), [1000]);
 * np.mean(z).item(); // ≈ 0
 * ```
 */
export function normal(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("normal", key);
  return normalImpl(k, asShape("normal", shape), floatDtype("normal", options.dtype));
}

/**
 * Standard normal draws truncated to `(lower, upper)`, as `jax.random.truncated_normal`:
 * `sqrt(2) erfinv(u)` with `u` uniform on `(erf(lower/√2), erf(upper/√2))`, clipped to the
 * open interval. Differentiable in `lower` and `upper`.
 *
 * @param key - a PRNG key
 * @param lower - lower bound(s)
 * @param upper - upper bound(s)
 * @param shape - the result shape (default: the broadcast shape of the bounds)
 * @param options - `dtype`
 * @returns floats in `(lower, upper)`
 * @example
 * ```ts
 * random.truncatedNormal(random.key(0), -1, 2, [5]);
 * ```
 */
export function truncatedNormal(
  key: KeyLike,
  lower: ArrayLike,
  upper: ArrayLike,
  shape?: ShapeLike,
  options: DtypeOptions = {},
): Array {
  const k = asKey("truncatedNormal", key);
  const dtype = floatDtype("truncatedNormal", options.dtype, [lower, upper]);
  const lo = param(lower, dtype);
  const hi = param(upper, dtype);
  const s = shape === undefined ? paramShape("truncatedNormal", lo.shape, hi.shape) : asShape("truncatedNormal", shape);
  checkShape("truncatedNormal", s, lo.shape, hi.shape);
  const sqrt2 = constant(Math.SQRT2, dtype);
  const a = erf(npe.divide(lo, sqrt2));
  const b = erf(npe.divide(hi, sqrt2));
  const u = uniformImpl(k, s, dtype, a, b, "truncatedNormal");
  const out = mul(sqrt2, erfInv(u));
  const inf = constant(Infinity, dtype);
  const loOpen = nextafter(stopGradient(lo), broadcastTo(inf, lo.shape));
  const hiOpen = nextafter(stopGradient(hi), broadcastTo(constant(-Infinity, dtype), hi.shape));
  return npe.clip(out, loOpen, hiOpen);
}

function broadcastTo(x: Array, shape: readonly number[]): Array {
  return shape.length === 0 ? x : broadcastParam(x, shape);
}

/**
 * Exponential(1) draws, as `jax.random.exponential`: `-log1p(-u)`.
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns positive floats
 * @example
 * ```ts
 * const waits = random.exponential(random.key(3), [10]).mul(2.5); // mean 2.5
 * ```
 */
export function exponential(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("exponential", key);
  const dtype = floatDtype("exponential", options.dtype);
  const u = uniformImpl(k, asShape("exponential", shape), dtype, constant(0, dtype), constant(1, dtype), "exponential");
  return neg(log1p(neg(u)));
}

/**
 * Standard Cauchy draws, as `jax.random.cauchy`: `tan(pi (u - 1/2))` with `u` on `[eps, 1)`.
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns floats
 * @example
 * ```ts
 * random.cauchy(random.key(0), [3]);
 * ```
 */
export function cauchy(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("cauchy", key);
  const dtype = floatDtype("cauchy", options.dtype);
  const u = uniformImpl(k, asShape("cauchy", shape), dtype, constant(finfo(dtype).eps, dtype), constant(1, dtype), "cauchy");
  return tan(mul(constant(Math.PI, dtype), sub(u, constant(0.5, dtype))));
}

/**
 * Standard Laplace draws, as `jax.random.laplace`: `sign(u) log1p(-|u|)` with `u` on
 * `(-1, 1)`.
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns floats
 * @example
 * ```ts
 * random.laplace(random.key(0), [3]);
 * ```
 */
export function laplace(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("laplace", key);
  const dtype = floatDtype("laplace", options.dtype);
  const u = uniformImpl(k, asShape("laplace", shape), dtype, constant(-1 + finfo(dtype).epsneg, dtype), constant(1, dtype), "laplace");
  return mul(sign(u), log1p(neg(abs(u))));
}

/**
 * Standard logistic draws, as `jax.random.logistic`: `log(u) - log1p(-u)`.
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns floats
 * @example
 * ```ts
 * random.logistic(random.key(0), [3]);
 * ```
 */
export function logistic(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("logistic", key);
  const dtype = floatDtype("logistic", options.dtype);
  const x = uniformImpl(k, asShape("logistic", shape), dtype, constant(finfo(dtype).tiny, dtype), constant(1, dtype), "logistic");
  return sub(log(x), log1p(neg(x)));
}

/**
 * `jax.random._gumbel` (mode "low") on a checked key.
 * @internal
 * @example
 * ```ts
 * gumbelImpl(asKey("gumbel", random.key(0)), [3], "float64");
 * ```
 */
export function gumbelImpl(k: Array, shape: readonly number[], dtype: DType): Array {
  const u = uniformImpl(k, shape, dtype, constant(finfo(dtype).tiny, dtype), constant(1, dtype), "gumbel");
  return neg(log(neg(log(u))));
}

/**
 * Standard Gumbel draws, as `jax.random.gumbel` (mode "low"): `-log(-log(u))`.
 *
 * @param key - a PRNG key
 * @param shape - the result shape (default `[]`)
 * @param options - `dtype`
 * @returns floats
 * @example
 * ```ts
 * random.gumbel(random.key(0), [3]);
 * ```
 */
export function gumbel(key: KeyLike, shape: ShapeLike = [], options: DtypeOptions = {}): Array {
  const k = asKey("gumbel", key);
  return gumbelImpl(k, asShape("gumbel", shape), floatDtype("gumbel", options.dtype));
}

/**
 * Multivariate normal draws, as `jax.random.multivariate_normal` (method "cholesky"):
 * `mean + L z` with `L = cholesky(cov)` and `z` standard normal of shape
 * `[...shape, n]`. Differentiable in `mean` and `cov`.
 *
 * @param key - a PRNG key
 * @param mean - mean vector(s) `[..., n]`
 * @param cov - positive definite covariance matrix (or matrices) `[..., n, n]`
 * @param shape - the batch shape of the result (default: the broadcast batch shape of
 *   `mean` and `cov`); the result has shape `[...shape, n]`
 * @param options - `dtype`
 * @returns floats `[...shape, n]`
 * @example
 * ```ts
 * const x = random.multivariateNormal(random.key(0), [0, 0], [[1, 0.5], [0.5, 2]], [1000]);
 * x.shape; // [1000, 2]
 * ```
 */
export function multivariateNormal(
  key: KeyLike,
  mean: ArrayLike,
  cov: ArrayLike,
  shape?: ShapeLike,
  options: DtypeOptions = {},
): Array {
  const k = asKey("multivariateNormal", key);
  const dtype = floatDtype("multivariateNormal", options.dtype, [mean, cov]);
  const m = param(mean, dtype);
  const c = param(cov, dtype);
  if (m.ndim < 1) throw new Error(`random.multivariateNormal: mean must have rank >= 1; got shape [${m.shape.join(", ")}]`);
  if (c.ndim < 2) throw new Error(`random.multivariateNormal: cov must have rank >= 2; got shape [${c.shape.join(", ")}]`);
  const n = m.shape[m.ndim - 1];
  if (c.shape[c.ndim - 1] !== n || c.shape[c.ndim - 2] !== n) {
    throw new Error(`random.multivariateNormal: cov must have shape [..., ${n}, ${n}] for a mean of shape [${m.shape.join(", ")}]; got [${c.shape.join(", ")}]`);
  }
  const mb = m.shape.slice(0, -1);
  const cb = c.shape.slice(0, -2);
  const s = shape === undefined ? paramShape("multivariateNormal", mb, cb) : asShape("multivariateNormal", shape);
  checkShape("multivariateNormal", s, mb, cb);
  const factor = cholesky(c);
  const z = normalImpl(k, [...s, n], dtype);
  // einsum('...ij,...j->...i', factor, z)
  const lz = squeeze(matmul(factor, npReshape(z, [...z.shape, 1])), -1);
  return npe.add(m, lz);
}
