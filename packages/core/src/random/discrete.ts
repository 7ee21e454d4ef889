/**
 * Discrete samplers and shuffles, as jax.random: `bernoulli`, `randint`, `categorical`,
 * `choice`, `permutation`, `poisson`, `binomial`.
 *
 * @module
 */
import { Array, ConcreteArray } from "../core/array.js";
import { type DType, checkDtype, defaultFloatDtype, isFloat } from "../core/dtype.js";
import { normalizeAxis, shapeSize } from "../core/shape.js";
import { bind1 } from "../core/trace.js";
import { add, convertElementType, eq, gt, le, mul, rem, select } from "../primitives/binary.js";
import { full, scalar } from "../primitives/constants.js";
import { broadcastInDim, reshape } from "../primitives/shape-ops.js";
import { slice } from "../primitives/slicing.js";
import { neg, log } from "../primitives/unary.js";
import { sort } from "../primitives/sort.js";
import { randomBinomialP, randomPoissonP } from "../primitives/random-ops.js";
import { type ArrayLike, asArray } from "../np/core.js";
import * as npe from "../np/elementwise.js";
import { argmax, cumsum } from "../np/reductions.js";
import { moveaxis } from "../np/shape.js";
import { take } from "../np/indexing.js";
import { argsort, searchsorted } from "../np/sorting.js";
import { type KeyLike, type ShapeLike, asKey, asShape, bits32, elementKeys, splitN } from "./keys.js";
import { type DtypeOptions, broadcastParam, checkShape, constant, floatDtype, param, paramShape } from "./common.js";
import { gumbelImpl, uniformImpl } from "./continuous.js";

/**
 * Bernoulli(`p`) draws, as `jax.random.bernoulli`: `uniform(key, shape, dtype(p)) < p`.
 *
 * @param key - a PRNG key
 * @param p - probabilities of `true` (default 0.5)
 * @param shape - the result shape (default: the shape of `p`)
 * @returns a bool array
 * @example
 * ```ts
 * random.bernoulli(random.key(0), 0.3, [10]).dtype; // "bool"
 * ```
 */
export function bernoulli(key: KeyLike, p: ArrayLike = 0.5, shape?: ShapeLike): Array {
  const k = asKey("bernoulli", key);
  const pa = asArray(p);
  const dtype = isFloat(pa.dtype) ? pa.dtype : defaultFloatDtype();
  const pv = convertElementType(pa, dtype);
  const s = shape === undefined ? [...pv.shape] : asShape("bernoulli", shape);
  checkShape("bernoulli", s, pv.shape);
  const u = uniformImpl(k, s, dtype, constant(0, dtype), constant(1, dtype), "bernoulli");
  return npe.less(u, pv);
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function intBound(fn: string, x: ArrayLike, what: string): [Array, boolean] {
  if (typeof x === "number") {
    if (Number.isNaN(x)) throw new TypeError(`random.${fn}: ${what} must be an integer; got NaN`);
    const v = Math.trunc(x);
    return [scalar(Math.min(INT32_MAX, Math.max(INT32_MIN, v)), "int32"), v > INT32_MAX];
  }
  const a = asArray(x);
  return [convertElementType(a, "int32"), false];
}

/** Unsigned remainder with XLA's semantics for a zero divisor (returns the dividend). */
function urem(x: Array, span: Array): Array {
  const zero = full(span.shape, 0, "uint32");
  return select(eq(span, zero), x, rem(x, span));
}

/** Options of {@link randint}. */
export interface RandintOptions {
  /** The integer dtype of the result (default int32). */
  dtype?: DType;
}

/**
 * Uniform integers on `[minval, maxval)`, as `jax.random.randint` with a 32-bit dtype,
 * bit for bit: two 32-bit words per value (keys `split(key)`) reduced modulo the span.
 *
 * @param key - a PRNG key
 * @param shape - the result shape
 * @param minval - inclusive lower bound(s)
 * @param maxval - exclusive upper bound(s)
 * @param options - `dtype` (int32 or uint32)
 * @returns integers of `shape`
 * @example
 * ```ts
 * random.randint(random.key(0), [5], 0, 10); // int32 values in 0..9
 * ```
 */
export function randint(key: KeyLike, shape: ShapeLike, minval: ArrayLike, maxval: ArrayLike, options: RandintOptions = {}): Array {
  const k = asKey("randint", key);
  const s = asShape("randint", shape);
  const dtype = checkDtype(options.dtype ?? "int32", "random.randint");
  if (dtype !== "int32" && dtype !== "uint32") throw new TypeError(`random.randint: dtype must be int32 or uint32; got ${dtype}`);
  const [lo0] = intBound("randint", minval, "minval");
  const [hi0, hiOut] = intBound("randint", maxval, "maxval");
  checkShape("randint", s, lo0.shape, hi0.shape);
  const lo = broadcastParam(lo0, s);
  const hi = broadcastParam(hi0, s);
  const [k1, k2] = splitN(k, 2);
  const higher = bits32(k1, s);
  const lower = bits32(k2, s);
  let span = convertElementType(npe.subtract(hi, lo), "uint32");
  span = select(le(hi, lo), full(s, 1, "uint32"), span);
  if (hiOut) span = select(gt(hi, lo), add(span, full(s, 1, "uint32")), span);
  let multiplier = urem(full(s, 2 ** 16, "uint32"), span);
  multiplier = urem(mul(multiplier, multiplier), span);
  let offset = add(mul(urem(higher, span), multiplier), urem(lower, span));
  offset = urem(offset, span);
  const out = add(lo, convertElementType(offset, "int32"));
  return dtype === "int32" ? out : convertElementType(out, "uint32");
}

/** Options of {@link categorical}. */
export interface CategoricalOptions {
  /** The axis of `logits` that indexes the categories (default -1). */
  axis?: number;
  /** The result shape (default: the batch shape of `logits`, i.e. without `axis`). */
  shape?: ShapeLike;
}

/**
 * Categorical draws from unnormalised log-probabilities, as `jax.random.categorical`
 * (Gumbel-max: `argmax(logits + gumbel)` along `axis`).
 *
 * @param key - a PRNG key
 * @param logits - log-probabilities (up to a constant) along `axis`
 * @param options - `axis`, `shape`
 * @returns int32 category indices
 * @example
 * ```ts
 * random.categorical(random.key(0), np.log(np.array([0.2, 0.3, 0.5])), { shape: [100] });
 * ```
 */
export function categorical(key: KeyLike, logits: ArrayLike, options: CategoricalOptions = {}): Array {
  const k = asKey("categorical", key);
  let L = asArray(logits);
  if (!isFloat(L.dtype)) L = convertElementType(L, defaultFloatDtype());
  if (L.ndim === 0) throw new Error("random.categorical: logits must have rank >= 1");
  const axis = normalizeAxis(options.axis ?? -1, L.ndim, "random.categorical");
  const batchShape = L.shape.filter((_, i) => i !== axis);
  const s = options.shape === undefined ? batchShape : asShape("categorical", options.shape);
  checkShape("categorical", s, batchShape);
  const prefix = s.slice(0, s.length - batchShape.length);
  const negAxis = axis - L.ndim;
  const logitsShape = s.slice(prefix.length);
  logitsShape.splice(((negAxis % L.ndim) + L.ndim) % L.ndim, 0, L.shape[axis]);
  const g = gumbelImpl(k, [...prefix, ...logitsShape], L.dtype);
  const expanded = reshape(L, [...prefix.map(() => 1), ...L.shape]);
  return argmax(npe.add(g, expanded), { axis: negAxis });
}

/**
 * `x` permuted along `axis` by the stable order of `keys` (keys broadcast along `x`), as
 * JAX's `lax.sort_key_val(keys, x)[1]`: the shared multi-operand `sort` with one key.
 */
function sortAlong(keys: Array, x: Array, axis: number): Array {
  const last = x.ndim - 1;
  const xm = moveaxis(x, axis, last);
  const km = keys.ndim === 1 && x.ndim > 1 ? broadcastInDim(keys, xm.shape, [last]) : moveaxis(keys, axis, last);
  return moveaxis(sort([km, xm], 1)[1], last, axis);
}

/** JAX's `_shuffle`: rounds of stable sorts by fresh 32-bit keys. */
function shuffle(k: Array, x: Array, axis: number, keyLength?: number): Array {
  const size = keyLength ?? x.size;
  const rounds = Math.ceil((3 * Math.log(Math.max(1, size))) / Math.log(4294967295));
  for (let r = 0; r < rounds; r++) {
    const [next, sub] = splitN(k, 2);
    k = next;
    const sortKeys = keyLength === undefined ? bits32(sub, x.shape) : bits32(sub, [keyLength]);
    x = sortAlong(sortKeys, x, axis);
  }
  return x;
}

function concreteInt(fn: string, x: ArrayLike, what: string): number {
  const v = typeof x === "number" ? x : x instanceof ConcreteArray && x.ndim === 0 ? x.item() : NaN;
  if (!Number.isInteger(v) || v < 0) {
    throw new TypeError(`random.${fn}: ${what} must be a concrete non-negative integer or an array of rank >= 1; got ${x instanceof Array ? x.aval.toString() : String(x)}`);
  }
  return v;
}

function arangeInt(n: number): Array {
  const d = new Int32Array(n);
  for (let i = 0; i < n; i++) d[i] = i;
  return new ConcreteArray(d, [n], "int32");
}

/** Options of {@link permutation}. */
export interface PermutationOptions {
  /** The axis to shuffle along (default 0). */
  axis?: number;
  /** Shuffle each slice along `axis` independently (default false). */
  independent?: boolean;
}

/**
 * A random permutation of `arange(n)`, or of an array along `axis`, as
 * `jax.random.permutation` (rounds of stable sorts by random 32-bit keys, as JAX, so the
 * result matches JAX's for the same key). Differentiable in the array.
 *
 * @param key - a PRNG key
 * @param x - an integer `n`, or an array of rank >= 1
 * @param options - `axis`, `independent`
 * @returns the permuted array (int32 for an integer `n`)
 * @example
 * ```ts
 * random.permutation(random.key(0), 5);                 // a permutation of 0..4
 * random.permutation(random.key(0), np.eye(3));         // rows shuffled
 * ```
 */
export function permutation(key: KeyLike, x: ArrayLike, options: PermutationOptions = {}): Array {
  const k = asKey("permutation", key);
  if (typeof x === "number" || (x instanceof Array && x.ndim === 0)) {
    const n = concreteInt("permutation", x, "x");
    return shuffle(k, arangeInt(n), 0);
  }
  const arr = asArray(x);
  const axis = normalizeAxis(options.axis ?? 0, arr.ndim, "random.permutation");
  if (options.independent || arr.ndim === 1) return shuffle(k, arr, axis);
  return shuffle(k, arr, axis, arr.shape[axis]);
}

/** Options of {@link choice}. */
export interface ChoiceOptions {
  /** Sample with replacement (default true). */
  replace?: boolean;
  /** Probabilities of the entries (default uniform); a vector of length `a.shape[axis]`. */
  p?: ArrayLike;
  /** The axis of `a` to choose along (default 0). */
  axis?: number;
}

/**
 * Random entries of `a` (or of `arange(a)` for an integer), as `jax.random.choice`: with
 * replacement by `randint` or, with `p`, by inverting the cumulative sum; without
 * replacement by a permutation or, with `p`, by the Gumbel top-k trick.
 *
 * @param key - a PRNG key
 * @param a - an integer `n` or an array of rank >= 1
 * @param shape - the number of draws, as a shape (default `[]`)
 * @param options - `replace`, `p`, `axis`
 * @returns the chosen entries, of shape `a.shape[:axis] + shape + a.shape[axis+1:]`
 * @example
 * ```ts
 * random.choice(random.key(0), 10, [3], { replace: false }); // 3 distinct ints in 0..9
 * random.choice(random.key(1), np.array([1.5, 2.5]), [4], { p: [0.9, 0.1] });
 * ```
 */
export function choice(key: KeyLike, a: ArrayLike, shape: ShapeLike = [], options: ChoiceOptions = {}): Array {
  const k = asKey("choice", key);
  const s = asShape("choice", shape);
  const replace = options.replace ?? true;
  const scalarA = typeof a === "number" || (a instanceof Array && a.ndim === 0);
  const arr = scalarA ? null : asArray(a);
  const axis = arr === null ? 0 : normalizeAxis(options.axis ?? 0, arr.ndim, "random.choice");
  const nInputs = arr === null ? concreteInt("choice", a, "a") : arr.shape[axis];
  const nDraws = shapeSize(s);
  const outShape = arr === null ? s : [...arr.shape.slice(0, axis), ...s, ...arr.shape.slice(axis + 1)];
  if (nDraws === 0) return full(outShape, 0, arr === null ? "int32" : arr.dtype);
  if (nInputs <= 0) throw new Error("random.choice: a must be greater than 0 unless no samples are taken");
  if (!replace && nDraws > nInputs) {
    throw new Error(`random.choice: cannot take a larger sample (size ${nDraws}) than the population (size ${nInputs}) when replace is false`);
  }
  let result: Array;
  if (options.p === undefined) {
    if (replace) {
      const ind = randint(k, s, 0, nInputs);
      result = arr === null ? ind : take(arr, ind, { axis });
    } else {
      const perm = permutation(k, arr === null ? nInputs : arr, { axis });
      const start = perm.shape.map(() => 0);
      const limit = [...perm.shape];
      limit[axis] = nDraws;
      result = slice(perm, start, limit);
    }
  } else {
    let p = asArray(options.p);
    if (!isFloat(p.dtype)) p = convertElementType(p, defaultFloatDtype());
    if (p.ndim !== 1 || p.shape[0] !== nInputs) {
      throw new Error(`random.choice: p must be a vector of length a.shape[axis] = ${nInputs}; got shape [${p.shape.join(", ")}]`);
    }
    let ind: Array;
    if (replace) {
      const pCuml = cumsum(p);
      const total = reshape(slice(pCuml, [nInputs - 1], [nInputs]), []);
      const u = uniformImpl(k, s, p.dtype, constant(0, p.dtype), constant(1, p.dtype), "choice");
      const r = npe.multiply(total, npe.subtract(constant(1, p.dtype), u));
      ind = searchsorted(pCuml, r, { side: "left" });
    } else {
      const g = npe.add(gumbelImpl(k, [nInputs], p.dtype), log(p));
      const order = argsort(neg(g));
      ind = slice(order, [0], [nDraws]);
    }
    result = arr === null ? ind : take(arr, ind, { axis });
  }
  return reshape(result, outShape);
}

/** Options of {@link poisson}. */
export interface PoissonOptions {
  /** The integer dtype of the result (default int32). */
  dtype?: DType;
}

/**
 * Poisson(`lam`) draws, as `jax.random.poisson` (Knuth below 10, Hörmann's PTRS above),
 * one key per element (the rows of `split(key, size)`); not JAX's numbers.
 *
 * @param key - a PRNG key
 * @param lam - rate(s), >= 0
 * @param shape - the result shape (default: the shape of `lam`)
 * @param options - `dtype` (int32, or a float dtype)
 * @returns counts (-1 where the rate is invalid, as JAX)
 * @example
 * ```ts
 * random.poisson(random.key(0), 3.5, [10]);
 * ```
 */
export function poisson(key: KeyLike, lam: ArrayLike, shape?: ShapeLike, options: PoissonOptions = {}): Array {
  const k = asKey("poisson", key);
  const dtype = checkDtype(options.dtype ?? "int32", "random.poisson");
  let l = asArray(lam);
  if (!isFloat(l.dtype)) l = convertElementType(l, defaultFloatDtype());
  const s = shape === undefined ? [...l.shape] : asShape("poisson", shape);
  checkShape("poisson", s, l.shape);
  const lb = broadcastParam(convertElementType(l, l.dtype, false), s);
  const [k0, k1] = elementKeys(k, s);
  return bind1(randomPoissonP, [k0, k1, lb], { dtype });
}

/**
 * Binomial(`n`, `p`) draws, as `jax.random.binomial` (inversion for small `n·min(p,1-p)`,
 * BTRS above), one key per element; floats, as JAX; not JAX's numbers.
 *
 * @param key - a PRNG key
 * @param n - number(s) of trials
 * @param p - success probability(ies)
 * @param shape - the result shape (default: the broadcast shape of `n` and `p`)
 * @param options - `dtype`
 * @returns counts as floats
 * @example
 * ```ts
 * random.binomial(random.key(0), 10, 0.3, [5]);
 * ```
 */
export function binomial(key: KeyLike, n: ArrayLike, p: ArrayLike, shape?: ShapeLike, options: DtypeOptions = {}): Array {
  const k = asKey("binomial", key);
  const dtype = floatDtype("binomial", options.dtype, [n, p]);
  const nv = param(n, dtype);
  const pv = param(p, dtype);
  const s = shape === undefined ? paramShape("binomial", nv.shape, pv.shape) : asShape("binomial", shape);
  checkShape("binomial", s, nv.shape, pv.shape);
  const [k0, k1] = elementKeys(k, s);
  return bind1(randomBinomialP, [k0, k1, broadcastParam(nv, s), broadcastParam(pv, s)], null);
}
