/**
 * `initializeModel` (NumPyro's `initialize_model`/`find_valid_initial_params`): find
 * unconstrained initial values with a finite potential and gradient, and build the model's
 * potential and postprocessing functions.
 */
import { type Array, type ConcreteArray, np, random, valueAndGrad } from "@orrery/core";
import { Delta, type Transform } from "@orrery/distributions";
import { type ModelFn } from "./handler-form.js";
import { seed, substitute, trace } from "./handlers.js";
import { DefaultKeyMessenger, type Params, type ParamsLike, constrainFn, getModelTransforms, potentialEnergy, transformFn } from "./infer-util.js";
import { type InitStrategy, initToUniform } from "./initialization.js";
import { type Trace } from "./runtime.js";

/** Options of {@link initializeModel}. */
export interface InitializeOptions {
  /** The initialisation strategy (default `initToUniform()`). */
  initStrategy?: InitStrategy;
  /** The model's arguments. */
  modelArgs?: readonly unknown[];
  /** Also require a finite gradient (default true). */
  validateGrad?: boolean;
  /** How many draws to try (default 100). */
  maxTries?: number;
}

/** The initial point. */
export interface ParamInfo {
  /** Unconstrained values by site name. */
  z: Params;
  /** The potential energy there. */
  potentialEnergy: Array;
  /** Its gradient (null without `validateGrad`). */
  zGrad: Params | null;
}

/** What `initializeModel` returns (NumPyro's `ModelInfo`). */
export interface ModelInfo {
  /** The initial point. */
  paramInfo: ParamInfo;
  /** Potential energy of unconstrained values (differentiable, jit-able). */
  potentialFn: (params: ParamsLike) => Array;
  /** Unconstrained values → constrained values (and deterministic sites). */
  postprocessFn: (params: ParamsLike) => Params;
  /** The trace of the model at the initial draw. */
  modelTrace: Trace;
  /** The transforms from unconstrained space, by site. */
  transforms: Record<string, Transform>;
}

const allFinite = (x: Array): boolean => {
  const d = (x as ConcreteArray).toTypedArray();
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i] as number)) return false;
  return true;
};

const withDefaultKey = (model: ModelFn): ModelFn => (...args: unknown[]) => new DefaultKeyMessenger().run(() => model(...args));

/**
 * Find initial parameters and build the potential of a model, as NumPyro's
 * `initialize_model`: latent sites are drawn with the init strategy, mapped to unconstrained
 * space, and redrawn (up to 100 times) until the potential energy and its gradient are
 * finite. On failure the error names the first site whose value, log density or gradient is
 * not finite.
 *
 * @example
 * ```ts
 * const info = initializeModel(random.key(0), model, { modelArgs: [x, y] });
 * info.paramInfo.z;                     // unconstrained initial values
 * info.potentialFn(info.paramInfo.z);   // their potential energy
 * info.postprocessFn(info.paramInfo.z); // constrained values and deterministic sites
 * ```
 */
export function initializeModel(key: Array | number, model: ModelFn, options: InitializeOptions = {}): ModelInfo {
  const args = options.modelArgs ?? [];
  const strategy = options.initStrategy ?? initToUniform();
  const validateGrad = options.validateGrad ?? true;
  const maxTries = options.maxTries ?? 100;
  const rngKey = typeof key === "number" ? random.key(key) : key;

  const { transforms, replayModel, trace: modelTrace } = getModelTransforms(substitute(seed(model, rngKey), strategy), args);
  for (const [name, site] of Object.entries(modelTrace)) {
    if (site.type === "sample" && site.fn instanceof Delta && !site.isObserved) {
      throw new Error(`Sample site "${name}" has a Delta distribution; use deterministic("${name}", value) to add this value to the trace instead`);
    }
  }
  const paramValues: Params = {};
  const plateValues: Params = {};
  for (const [k, s] of Object.entries(modelTrace)) {
    if (s.type === "param") paramValues[k] = s.value as Array;
    if (s.type === "plate") plateValues[k] = s.value as Array;
  }
  const model2 = withDefaultKey(substitute(model, paramValues));
  const potentialFn = (params: ParamsLike): Array => potentialEnergy(model2, args, params);
  const postprocessFn = (params: ParamsLike): Params =>
    replayModel ? constrainFn(model2, args, params, { returnDeterministic: true }) : transformFn(transforms, params);

  const initModel = substitute(model2, plateValues);
  const latent = (tr: Trace): Params => {
    const out: Params = {};
    for (const [k, v] of Object.entries(tr)) {
      if (v.type === "sample" && !v.isObserved && !v.fn!.support.isDiscrete) out[k] = v.value as Array;
    }
    return out;
  };

  let k = rngKey;
  let last: Params = {};
  for (let i = 0; i < maxTries; i++) {
    const ks = random.split(k);
    k = ks.index(0);
    const sub = ks.index(1);
    const tr = trace(substitute(seed(initModel, sub), strategy)).getTrace(...args);
    const constrained = latent(tr);
    const inv: Record<string, Transform> = {};
    for (const name of Object.keys(constrained)) inv[name] = transforms[name];
    const z = transformFn(inv, constrained, true);
    last = z;
    const pot = (p: Params): Array => potentialEnergy(initModel, args, p);
    let pe: Array;
    let zGrad: Params | null = null;
    if (validateGrad && Object.keys(z).length > 0) {
      [pe, zGrad] = valueAndGrad(pot)(z) as [Array, Params];
    } else {
      pe = pot(z);
      if (validateGrad) zGrad = {};
    }
    const ok = allFinite(pe) && (zGrad === null || Object.values(zGrad).every(allFinite));
    if (ok) return { paramInfo: { z, potentialEnergy: pe, zGrad }, potentialFn, postprocessFn, modelTrace, transforms };
  }
  throw new Error(diagnose(initModel, args, last, transforms, maxTries, strategy.strategyName ?? "the init strategy", validateGrad));
}

const fmtValue = (x: Array): string => {
  const d = (x as ConcreteArray).toTypedArray();
  const vals = globalThis.Array.from(d.slice(0, 6), (v) => String(v));
  return x.size === 1 ? vals[0] : `[${vals.join(", ")}${x.size > 6 ? ", ..." : ""}] (shape [${x.shape.join(", ")}])`;
};

/** Explain why no valid initial point was found: the first site with a non-finite value, log density or gradient. */
function diagnose(model: ModelFn, args: readonly unknown[], z: Params, transforms: Record<string, Transform>, tries: number, strategy: string, validateGrad: boolean): string {
  const head = `initializeModel: cannot find valid initial parameters in ${tries} attempts (${strategy}).`;
  const problems: string[] = [];
  try {
    // Values and log densities at the last attempt, with the log-Jacobians attributed to their sites.
    const pot = (p: Params): Array => potentialEnergy(model, args, p);
    const tr = trace(substitute(model, (site) => (Object.prototype.hasOwnProperty.call(z, site.name) && site.type === "sample" ? transforms[site.name].forward(z[site.name]) : null))).getTrace(...args);
    for (const site of Object.values(tr)) {
      if (site.type === "sample" && !site.isObserved && site.name in z) {
        const v = np.asArray(site.value as Array);
        if (!allFinite(v)) problems.push(`site "${site.name}": its value is not finite (${fmtValue(v)}, from unconstrained ${fmtValue(z[site.name])})`);
      }
    }
    for (const site of Object.values(tr)) {
      if (site.type !== "sample") continue;
      const lp = site.fn!.logProb(site.value as Array);
      if (!allFinite(lp)) {
        const kind = site.isObserved ? "observed site" : "site";
        problems.push(`${kind} "${site.name}": its log density is not finite (${fmtValue(lp)}) at value ${fmtValue(np.asArray(site.value as Array))}`);
      }
    }
    if (problems.length === 0) {
      const pe = pot(z);
      if (!allFinite(pe)) problems.push(`the potential energy is not finite (${fmtValue(pe)})`);
      else if (validateGrad && Object.keys(z).length > 0) {
        const [, g] = valueAndGrad(pot)(z) as [Array, Params];
        for (const [name, gv] of Object.entries(g)) {
          if (!allFinite(gv)) problems.push(`site "${name}": the gradient of the potential energy with respect to it is not finite (${fmtValue(gv)}) at unconstrained value ${fmtValue(z[name])}`);
        }
      }
    }
  } catch (e) {
    problems.push(`(evaluating the model at the last attempt failed: ${(e as Error).message})`);
  }
  if (problems.length === 0) problems.push("no single site is to blame (check the model's factors)");
  return `${head} ${problems[0]}${problems.length > 1 ? `; also ${problems.slice(1, 4).join("; ")}` : ""}`;
}
