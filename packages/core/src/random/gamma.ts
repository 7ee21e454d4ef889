/**
 * Gamma-family samplers, as jax.random: `gamma`, `loggamma`, `beta`, `dirichlet`,
 * `chisquare`, `t`. Gamma draws come from the per-element `random_gamma` primitive (one key
 * per element, the rows of `split(key, size)`), differentiable in the shape parameter by
 * implicit reparameterisation; beta, Dirichlet and t inherit that gradient.
 *
 * @module
 */
import { type Array } from "../core/array.js";
import { type DType } from "../core/dtype.js";
import { bind1 } from "../core/trace.js";
import { div, mul, sub, max } from "../primitives/binary.js";
import { exp, sqrt } from "../primitives/unary.js";
import { stopGradient } from "../primitives/stop-gradient.js";
import { randomGammaP } from "../primitives/random-ops.js";
import { type ArrayLike } from "../np/core.js";
import * as npe from "../np/elementwise.js";
import { max as npMax, sum as npSum } from "../np/reductions.js";
import { type KeyLike, type ShapeLike, asKey, asShape, elementKeys, splitN } from "./keys.js";
import { type DtypeOptions, broadcastParam, checkShape, constant, floatDtype, param, paramShape } from "./common.js";
import { normalImpl } from "./continuous.js";

/**
 * Gamma(a) draws (or their logs) of shape `a.shape` from key `k`.
 * @internal
 * @example
 * ```ts
 * gammaImpl(asKey("gamma", random.key(0)), np.array([0.5, 2]), false);
 * ```
 */
export function gammaImpl(k: Array, a: Array, logSpace: boolean): Array {
  const [k0, k1] = elementKeys(k, a.shape);
  return bind1(randomGammaP, [k0, k1, a], { logSpace });
}

function prepare(fn: string, key: KeyLike, a: ArrayLike, shape: ShapeLike | undefined, options: DtypeOptions): [Array, Array] {
  const k = asKey(fn, key);
  const dtype = floatDtype(fn, options.dtype, [a]);
  const av = param(a, dtype);
  const s = shape === undefined ? [...av.shape] : asShape(fn, shape);
  checkShape(fn, s, av.shape);
  return [k, broadcastParam(av, s)];
}

/**
 * Gamma(`a`, 1) draws, as `jax.random.gamma` (Marsaglia-Tsang; shapes below 1 boosted).
 * The gradient with respect to `a` is JAX's implicit reparameterisation gradient
 * `-(∂P/∂a)/(∂P/∂x)` (`P` the regularised incomplete gamma function), so
 * `grad(a => random.gamma(key, a).sum())` works. Divide by a rate for other scales.
 *
 * Each element uses its own key, the matching row of `split(key, size)`; the numbers are
 * deterministic in the key but not JAX's (which draw through lax loops).
 *
 * @param key - a PRNG key
 * @param a - shape parameter(s), > 0
 * @param shape - the result shape (default: the shape of `a`)
 * @param options - `dtype`
 * @returns positive floats
 * @example
 * ```ts
 * const x = random.gamma(random.key(0), 2.5, [1000]);
 * const dx = grad((a) => np.sum(random.gamma(random.key(0), a, [10])))(2.5);
 * ```
 */
export function gamma(key: KeyLike, a: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const [k, av] = prepare("gamma", key, a, shape, options);
  return gammaImpl(k, av, false);
}

/**
 * Logs of Gamma(`a`, 1) draws, as `jax.random.loggamma`: computed in log space, so tiny
 * shapes (whose draws underflow) keep full resolution. Differentiable in `a`.
 *
 * @param key - a PRNG key
 * @param a - shape parameter(s), > 0
 * @param shape - the result shape (default: the shape of `a`)
 * @param options - `dtype`
 * @returns floats, `log X` with `X ~ Gamma(a)`
 * @example
 * ```ts
 * random.loggamma(random.key(0), 1e-3, [4]); // logs of draws far below 1e-300
 * ```
 */
export function loggamma(key: KeyLike, a: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const [k, av] = prepare("loggamma", key, a, shape, options);
  return gammaImpl(k, av, true);
}

/**
 * Beta(`a`, `b`) draws, as `jax.random.beta`: `Ga / (Ga + Gb)` from two log-gamma draws
 * (keys `split(key)`), computed without underflow. Differentiable in `a` and `b`.
 *
 * @param key - a PRNG key
 * @param a - first shape parameter(s), > 0
 * @param b - second shape parameter(s), > 0
 * @param shape - the result shape (default: the broadcast shape of `a` and `b`)
 * @param options - `dtype`
 * @returns floats in [0, 1]
 * @example
 * ```ts
 * random.beta(random.key(0), 2, 5, [100]);
 * ```
 */
export function beta(key: KeyLike, a: ArrayLike, b: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const k = asKey("beta", key);
  const dtype = floatDtype("beta", options.dtype, [a, b]);
  const av = param(a, dtype);
  const bv = param(b, dtype);
  const s = shape === undefined ? paramShape("beta", av.shape, bv.shape) : asShape("beta", shape);
  checkShape("beta", s, av.shape, bv.shape);
  const [ka, kb] = splitN(k, 2);
  const lga = gammaImpl(ka, broadcastParam(av, s), true);
  const lgb = gammaImpl(kb, broadcastParam(bv, s), true);
  const logMax = max(lga, lgb);
  const ga = exp(sub(lga, logMax));
  const gb = exp(sub(lgb, logMax));
  return div(ga, npe.add(ga, gb));
}

/**
 * Dirichlet(`alpha`) draws, as `jax.random.dirichlet`: normalised log-gamma draws
 * (a softmax of `loggamma(key, alpha)`). Differentiable in `alpha`.
 *
 * @param key - a PRNG key
 * @param alpha - concentrations `[..., K]`, > 0
 * @param shape - the batch shape (default: `alpha.shape[:-1]`); the result is
 *   `[...shape, K]`
 * @param options - `dtype`
 * @returns points of the simplex
 * @example
 * ```ts
 * random.dirichlet(random.key(0), [1, 2, 3], [5]).shape; // [5, 3]
 * ```
 */
export function dirichlet(key: KeyLike, alpha: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const k = asKey("dirichlet", key);
  const dtype = floatDtype("dirichlet", options.dtype, [alpha]);
  const al = param(alpha, dtype);
  if (al.ndim < 1) throw new Error(`random.dirichlet: alpha must have rank >= 1 (the last axis holds the categories); got a scalar`);
  const batch = al.shape.slice(0, -1);
  const s = shape === undefined ? [...batch] : asShape("dirichlet", shape);
  checkShape("dirichlet", s, batch);
  const full = [...s, al.shape[al.ndim - 1]];
  const lg = gammaImpl(k, broadcastParam(al, full), true);
  // softmax over the last axis
  const m = stopGradient(npMax(lg, { axis: -1, keepdims: true }));
  const e = npe.exp(npe.subtract(lg, m));
  return npe.divide(e, npSum(e, { axis: -1, keepdims: true }));
}

/**
 * Chi-square(`df`) draws, as `jax.random.chisquare`: `2 exp(loggamma(df / 2))`.
 * Differentiable in `df`.
 *
 * @param key - a PRNG key
 * @param df - degrees of freedom, > 0
 * @param shape - the result shape (default: the shape of `df`)
 * @param options - `dtype`
 * @returns positive floats
 * @example
 * ```ts
 * random.chisquare(random.key(0), 3, [10]);
 * ```
 */
export function chisquare(key: KeyLike, df: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const [k, dfv] = prepare("chisquare", key, df, shape, options);
  const two = constant(2, dfv.dtype);
  return mul(exp(gammaImpl(k, div(dfv, two), true)), two);
}

/**
 * Student's t(`df`) draws, as `jax.random.t`: `z sqrt((df/2) / g)` with `z` normal and
 * `g ~ Gamma(df/2)` (keys `split(key)`). Differentiable in `df`.
 *
 * @param key - a PRNG key
 * @param df - degrees of freedom, > 0
 * @param shape - the result shape (default: the shape of `df`)
 * @param options - `dtype`
 * @returns floats
 * @example
 * ```ts
 * random.t(random.key(0), 4, [10]);
 * ```
 */
export function t(key: KeyLike, df: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const [k, dfv] = prepare("t", key, df, shape, options);
  const dtype: DType = dfv.dtype;
  const [kn, kg] = splitN(k, 2);
  const n = normalImpl(kn, dfv.shape, dtype);
  const halfDf = div(dfv, constant(2, dtype));
  const g = gammaImpl(kg, halfDf, false);
  return mul(n, sqrt(div(halfDf, g)));
}
