/**
 * Log densities of models, as `numpyro.infer.util`: `logDensity`, `potentialEnergy` over
 * unconstrained parameters, `constrainFn`/`unconstrainFn`, `getTransforms`, `transformFn`.
 */
import { type Array, np, vmap } from "@orrery/core";
import { IndependentConstraint, type Transform, bijectTo, broadcastShapes, real, sumRightmost, withoutValidation } from "@orrery/distributions";
import { type ModelFn } from "./handler-form.js";
import { substitute, trace } from "./handlers.js";
import { factor } from "./primitives.js";
import { type Message, Messenger, type Site, type Trace } from "./runtime.js";

type ArrayLike = np.ArrayLike;

/** Parameter values by site name. */
export type Params = Record<string, Array>;

/** Values by site name, as users pass them (arrays or numbers). */
export type ParamsLike = Record<string, ArrayLike>;

const asParams = (p: ParamsLike): Params => {
  const out: Params = {};
  for (const k of Object.keys(p)) out[k] = np.asArray(p[k]);
  return out;
};

/**
 * The site's transform from unconstrained space, with an error that names the site.
 *
 * @example
 * ```ts
 * siteTransform(trace(seed(model, 0)).getTrace().sigma); // ExpTransform
 * ```
 */
export function siteTransform(site: Site): Transform {
  const support = site.type === "param" ? (site.kwargs.constraint ?? real) : site.fn!.support;
  try {
    return bijectTo(support);
  } catch (e) {
    if (support.isDiscrete) throw new Error(`Continuous inference cannot handle discrete sample site "${site.name}" (support ${support.name}); enumeration is not supported yet`);
    throw new Error(`site "${site.name}": ${(e as Error).message}`);
  }
}

/**
 * The log density of each sample site (summed, or pointwise) with the model's trace; values
 * come from `params` (substituted) or the model itself.
 *
 * @example
 * ```ts
 * const [logJoint, tr] = computeLogProbs(model, [x, y], { m: 1, b: 0 });
 * logJoint.y; // the log likelihood
 * ```
 */
export function computeLogProbs(model: ModelFn, args: readonly unknown[], params: ParamsLike, sumLogProb = true): [Record<string, Array>, Trace] {
  const tr = trace(substitute(model, asParams(params))).getTrace(...args);
  const out: Record<string, Array> = {};
  for (const site of Object.values(tr)) {
    if (site.type !== "sample") continue;
    const value = np.asArray(site.value as ArrayLike);
    const fn = site.fn!;
    try {
      broadcastShapes([value.shape, fn.shape()]);
    } catch {
      throw new Error(`the value of site "${site.name}" has shape [${value.shape.join(", ")}], which does not broadcast with the distribution's shape [${fn.shape().join(", ")}]`);
    }
    let lp = fn.logProb(value);
    if (site.scale !== null && site.scale !== 1) lp = np.multiply(site.scale, lp);
    out[site.name] = sumLogProb ? np.sum(lp) : lp;
  }
  return [out, tr];
}

/**
 * The joint log density of a model at `params` (constrained values by site name) and the
 * trace, as NumPyro's `log_density`: the sum over sample sites of `scale · logProb(value)`.
 *
 * @example
 * ```ts
 * const [lp, tr] = logDensity(model, [x, y], { m: 1.2, b: 0.3 });
 * lp.item();
 * ```
 */
export function logDensity(model: ModelFn, args: readonly unknown[], params: ParamsLike): [Array, Trace] {
  const [terms, tr] = computeLogProbs(model, args, params);
  let total: Array = np.array(0.0);
  for (const v of Object.values(terms)) total = total.add(v);
  return [total, tr];
}

/** Substitute function of `potentialEnergy`: map unconstrained values and add the log-Jacobians. */
function unconstrainReparam(params: Params, site: Message): Array | null {
  if (!Object.prototype.hasOwnProperty.call(params, site.name)) return null;
  const p = params[site.name];
  if (site.type !== "sample") return p;
  const fn = site.fn!;
  const support = fn.support;
  const t = siteTransform(site);
  if (support === real || (support instanceof IndependentConstraint && support.base === real)) return p;
  const value = t.forward(p);
  let logDet = t.logAbsDetJacobian(p, value);
  logDet = sumRightmost(logDet, logDet.ndim - value.ndim + fn.eventShape.length);
  factor(`_${site.name}_log_det`, logDet);
  return value;
}

/**
 * The potential energy (negative joint log density) at unconstrained values, as NumPyro's
 * `potential_energy`: each latent site's value is `bijectTo(support)(params[name])` and its
 * log-Jacobian is added (as a factor site `_${name}_log_det`). Differentiable; jit-able.
 * Distribution parameters are not validated here (initializeModel validates eagerly).
 *
 * @example
 * ```ts
 * const pe = potentialEnergy(model, [x, y], { m: np.array(1), sigma: np.array(0) }); // sigma = e^0
 * const g = grad((p) => potentialEnergy(model, [x, y], p))({ m: np.array(1), sigma: np.array(0) });
 * ```
 */
export function potentialEnergy(model: ModelFn, args: readonly unknown[], params: ParamsLike): Array {
  const p = asParams(params);
  // As in NumPyro (validation off by default), the potential does not validate distribution
  // parameters: it runs inside jit/grad, and initializeModel validates the model eagerly.
  const [lp] = withoutValidation(() => logDensity(substitute(model, (site) => unconstrainReparam(p, site)), args, {}));
  return lp.neg();
}

/**
 * Apply transforms to values by name (`invert`: their inverses); names without a transform
 * pass through (NumPyro's `transform_fn`).
 *
 * @example
 * ```ts
 * transformFn({ s: new ExpTransform() }, { s: np.array(0) }); // { s: 1 }
 * ```
 */
export function transformFn(transforms: Record<string, Transform>, params: ParamsLike, invert = false): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) {
    const t = transforms[k];
    out[k] = t === undefined ? np.asArray(v) : invert ? t.inverse(v) : t.forward(v);
  }
  return out;
}

/**
 * The transforms of a model's sites, whether it must be replayed to get deterministic sites, and its trace.
 *
 * @example
 * ```ts
 * const { transforms, replayModel } = getModelTransforms(seed(model, 0), [x, y]);
 * ```
 */
export function getModelTransforms(model: ModelFn, args: readonly unknown[]): { transforms: Record<string, Transform>; replayModel: boolean; trace: Trace } {
  const tr = trace(model).getTrace(...args);
  const transforms: Record<string, Transform> = {};
  let replayModel = false;
  for (const [k, v] of Object.entries(tr)) {
    if (v.type === "sample" && !v.isObserved) {
      transforms[k] = siteTransform(v);
      const s = v.fn!.support as unknown as { lowerBound?: unknown; upperBound?: unknown };
      for (const b of [s.lowerBound, s.upperBound]) if (b !== undefined && typeof b !== "number" && (b as Array).ndim !== 0) replayModel = true;
    } else if (v.type === "param") {
      transforms[k] = siteTransform(v);
    } else if (v.type === "deterministic") {
      replayModel = true;
    }
  }
  return { transforms, replayModel, trace: tr };
}

/**
 * The transforms from unconstrained space of the model's latent and param sites, as
 * NumPyro's `get_transforms` (`params` fills in any values the model needs).
 *
 * @example
 * ```ts
 * getTransforms(model, [x, y], {}).sigma; // an ExpTransform for a positive site
 * ```
 */
export function getTransforms(model: ModelFn, args: readonly unknown[], params: ParamsLike = {}): Record<string, Transform> {
  return getModelTransforms(substitute(model, asParams(params)), args).transforms;
}

/** Options of {@link constrainFn}. */
export interface ConstrainOptions {
  /** Also return the deterministic sites. */
  returnDeterministic?: boolean;
  /** Leading batch axes of the values (vectorised with `vmap`). */
  batchNdims?: number;
}

/**
 * Map unconstrained values to the model's constrained space by running the model (so
 * dependent supports are right), as NumPyro's `constrain_fn`.
 *
 * @example
 * ```ts
 * constrainFn(model, [x, y], { sigma: np.array(0) }); // { sigma: 1 }
 * constrainFn(model, [x, y], draws, { returnDeterministic: true, batchNdims: 1 });
 * ```
 */
export function constrainFn(model: ModelFn, args: readonly unknown[], params: ParamsLike, options: ConstrainOptions = {}): Params {
  const batchNdims = options.batchNdims ?? 0;
  if (!Number.isInteger(batchNdims) || batchNdims < 0) throw new Error(`constrainFn: batchNdims must be a nonnegative integer, got ${batchNdims}`);
  const single = (position: Params): Params => {
    const sub = (site: Message): Array | null => {
      if (!Object.prototype.hasOwnProperty.call(position, site.name)) return null;
      if (site.type === "sample" || site.type === "param") return siteTransform(site).forward(position[site.name]);
      return position[site.name];
    };
    const tr = trace(substitute(model, sub)).getTrace(...args);
    const out: Params = {};
    for (const [k, v] of Object.entries(tr)) {
      if (k in position || (options.returnDeterministic && v.type === "deterministic")) out[k] = v.value as Array;
    }
    return out;
  };
  let fn: (p: Params) => Params = single;
  for (let i = 0; i < batchNdims; i++) fn = vmapDict(fn);
  return fn(asParams(params));
}

function vmapDict(f: (p: Params) => Params): (p: Params) => Params {
  return vmap(f) as (p: Params) => Params;
}

/**
 * Map constrained values to unconstrained space (NumPyro's `unconstrain_fn`).
 *
 * @example
 * ```ts
 * unconstrainFn(model, [x, y], { sigma: np.array(1) }); // { sigma: 0 }
 * ```
 */
export function unconstrainFn(model: ModelFn, args: readonly unknown[], params: ParamsLike): Params {
  const transforms = getTransforms(model, args, params);
  return transformFn(transforms, params, true);
}

/**
 * A handler that gives `prngKey()` a fixed key (for potentials of models that ask for one).
 *
 * @example
 * ```ts
 * new DefaultKeyMessenger().run(() => prngKey()); // a fixed key
 * ```
 */
export class DefaultKeyMessenger extends Messenger {
  override processMessage(msg: Message): void {
    if (msg.type === "prng_key" && (msg.value === null || msg.value === undefined)) msg.value = np.array([0, 0], "uint32");
  }
}
