/**
 * A flat-vector view of a model's unconstrained parameters, for samplers that work on one
 * `Float64Array` (the kernels of @orrery/mcmc) and for `jit(valueAndGrad(logp))`.
 */
import { type Array, type ConcreteArray, np, random } from "@orrery/core";
import { type ModelFn } from "./handler-form.js";
import { seed, substitute, trace } from "./handlers.js";
import { DefaultKeyMessenger, type Params, type ParamsLike, constrainFn, potentialEnergy, siteTransform } from "./infer-util.js";
import { type InitStrategy, initToUniform } from "./initialization.js";
import { initializeModel } from "./initialize.js";

/** The layout of parameters in a flat vector. */
export interface FlatSpec {
  /** Site names, in order. */
  readonly names: readonly string[];
  /** Each site's shape. */
  readonly shapes: readonly (readonly number[])[];
  /** Each site's offset into the vector. */
  readonly offsets: readonly number[];
  /** The vector's length. */
  readonly dim: number;
}

const sizeOf = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * The layout of `params` (names in the given order, default: the object's).
 *
 * @example
 * ```ts
 * flatSpec({ m: np.array(1), b: np.zeros([2]) }).dim; // 3
 * ```
 */
export function flatSpec(params: ParamsLike, names?: readonly string[]): FlatSpec {
  const ns = names ?? Object.keys(params);
  const shapes = ns.map((n) => {
    if (!(n in params)) throw new Error(`flatSpec: no value for "${n}"`);
    return np.asArray(params[n]).shape;
  });
  const offsets: number[] = [];
  let off = 0;
  for (const s of shapes) {
    offsets.push(off);
    off += sizeOf(s);
  }
  return { names: [...ns], shapes, offsets, dim: off };
}

/**
 * Concatenate parameters into one `Float64Array` (row-major), with the layout to undo it.
 *
 * @example
 * ```ts
 * const { flat, spec } = flattenParams({ m: np.array(1), b: np.array([2, 3]) });
 * flat;                         // Float64Array [1, 2, 3]
 * unflattenParams(flat, spec);  // { m: 1, b: [2, 3] }
 * ```
 */
export function flattenParams(params: ParamsLike, names?: readonly string[]): { flat: Float64Array; spec: FlatSpec } {
  const spec = flatSpec(params, names);
  const flat = new Float64Array(spec.dim);
  spec.names.forEach((n, i) => {
    const a = np.asArray(params[n]) as ConcreteArray;
    if (typeof a.toTypedArray !== "function") throw new Error(`flattenParams: "${n}" is a traced value; use ravel from potentialFromModel inside transformations`);
    flat.set(globalThis.Array.from(a.toTypedArray() as ArrayLike<number>, Number), spec.offsets[i]);
  });
  return { flat, spec };
}

/**
 * Split a flat vector (a `Float64Array`, or an `Array` of shape [dim], which may be traced)
 * into parameters by the layout `spec`.
 *
 * @example
 * ```ts
 * unflattenParams(new Float64Array([1, 2, 3]), spec); // { m: 1, b: [2, 3] }
 * ```
 */
export function unflattenParams(flat: Float64Array | Array, spec: FlatSpec): Params {
  const out: Params = {};
  if (flat instanceof Float64Array) {
    if (flat.length !== spec.dim) throw new Error(`unflattenParams: expected ${spec.dim} values, got ${flat.length}`);
    spec.names.forEach((n, i) => {
      const sz = sizeOf(spec.shapes[i]);
      out[n] = np.array(globalThis.Array.from(flat.subarray(spec.offsets[i], spec.offsets[i] + sz))).reshape([...spec.shapes[i]]);
    });
    return out;
  }
  if (flat.ndim !== 1 || flat.shape[0] !== spec.dim) throw new Error(`unflattenParams: expected shape [${spec.dim}], got [${flat.shape.join(", ")}]`);
  spec.names.forEach((n, i) => {
    const sz = sizeOf(spec.shapes[i]);
    out[n] = flat.index(np.s(spec.offsets[i], spec.offsets[i] + sz)).reshape([...spec.shapes[i]]);
  });
  return out;
}

/** Concatenate parameters into one array of shape [dim] (traceable). */
function ravelParams(params: ParamsLike, spec: FlatSpec): Array {
  if (spec.dim === 0) return np.zeros([0]);
  const parts = spec.names.map((n) => {
    if (!(n in params)) throw new Error(`ravel: no value for site "${n}"`);
    return np.asArray(params[n]).reshape([-1]);
  });
  return parts.length === 1 ? parts[0] : np.concatenate(parts);
}

/** A model's log density on a flat unconstrained vector; see {@link potentialFromModel}. */
export interface FlatPotential {
  /** The number of unconstrained dimensions. */
  readonly dim: number;
  /** The latent sites, in order. */
  readonly names: readonly string[];
  /** Each site's unconstrained shape. */
  readonly shapes: readonly (readonly number[])[];
  /** The layout. */
  readonly spec: FlatSpec;
  /** Vector → unconstrained values by site (traceable). */
  unravel(theta: Array | Float64Array): Params;
  /** Unconstrained values by site → vector (traceable). */
  ravel(params: ParamsLike): Array;
  /** The log density (−potential energy) at `theta`, a scalar array: `jit(valueAndGrad(logp))` it. */
  logp(theta: Array): Array;
  /** Vector → constrained values of the latent sites and the deterministic sites. */
  constrain(theta: Array | Float64Array): Params;
  /** A valid initial vector, as `initializeModel` finds it. */
  init(key: Array | number, initStrategy?: InitStrategy): Float64Array;
}

/** Options of {@link potentialFromModel}. */
export interface PotentialOptions {
  /** The key of the prototype trace that fixes the sites and shapes (default 0). */
  key?: Array | number;
}

/**
 * A model as a log density of one flat vector of unconstrained parameters, for samplers:
 * `logp(theta)` is −potential energy (log-Jacobians included); `unravel`/`ravel` convert
 * between the vector and values by site; `constrain` gives constrained values and
 * deterministic sites; `init(key)` a valid starting point. `kwargs`, if given, is passed as
 * one more (trailing) argument to the model.
 *
 * @example
 * ```ts
 * const pot = potentialFromModel(model, [x, y]);
 * const vg = jit(valueAndGrad(pot.logp));
 * const theta = np.array(pot.init(0));
 * const [lp, g] = vg(theta);
 * // for @orrery/mcmc: { dim: pot.dim, valueAndGrad(pos, gradOut) { ... } }
 * ```
 */
export function potentialFromModel(model: ModelFn, args: readonly unknown[] = [], kwargs?: Record<string, unknown>, options: PotentialOptions = {}): FlatPotential {
  const fullArgs = kwargs === undefined ? [...args] : [...args, kwargs];
  const key = typeof options.key === "number" || options.key === undefined ? random.key(options.key ?? 0) : options.key;
  const proto = trace(substitute(seed(model, key), initToUniform())).getTrace(...fullArgs);
  const paramValues: Params = {};
  const unconstrained: Params = {};
  for (const [name, site] of Object.entries(proto)) {
    if (site.type === "param") paramValues[name] = site.value as Array;
    if (site.type !== "sample" || site.isObserved) continue;
    if (site.fn!.support.isDiscrete) {
      throw new Error(`potentialFromModel: the latent site "${name}" is discrete (support ${site.fn!.support.name}); continuous samplers cannot handle it (enumeration is not supported yet)`);
    }
    unconstrained[name] = siteTransform(site).inverse(site.value as Array);
  }
  const base = substitute(model, paramValues);
  const m: ModelFn = (...a: unknown[]) => new DefaultKeyMessenger().run(() => base(...a));
  const spec = flatSpec(unconstrained);
  const unravel = (theta: Array | Float64Array): Params => unflattenParams(theta, spec);
  return {
    dim: spec.dim,
    names: spec.names,
    shapes: spec.shapes,
    spec,
    unravel,
    ravel: (params) => ravelParams(params, spec),
    logp: (theta) => potentialEnergy(m, fullArgs, unravel(theta)).neg(),
    constrain: (theta) => constrainFn(m, fullArgs, unravel(theta), { returnDeterministic: true }),
    init: (k, initStrategy) => {
      const info = initializeModel(k, model, { modelArgs: fullArgs, initStrategy });
      return flattenParams(info.paramInfo.z, spec.names).flat;
    },
  };
}
