/**
 * Initialisation strategies, as `numpyro.infer.initialization`: functions of a site that give
 * its initial (constrained) value, or null to leave it alone.
 */
import { type Array, np, random } from "@orrery/core";
import { siteTransform } from "./infer-util.js";
import { type Message } from "./runtime.js";

type ArrayLike = np.ArrayLike;

/** An initialisation strategy: a function of a site (used with `substitute`). */
export type InitStrategy = ((site: Message) => Array | null) & {
  /** The strategy's name, for error messages. */
  readonly strategyName: string;
};

const isLatent = (site: Message): boolean => site.type === "sample" && !site.isObserved && !site.fn!.support.isDiscrete;

function named(name: string, f: (site: Message) => Array | null): InitStrategy {
  Object.defineProperty(f, "strategyName", { value: name });
  return f as InitStrategy;
}

function keyOf(site: Message, where: string): Array {
  const k = site.kwargs.rngKey;
  if (!k) throw new Error(`${where}: site "${site.name}" has no PRNG key; run the model under seed`);
  return k;
}

/** Draw uniformly in (−radius, radius) in unconstrained space and map to the support. */
function uniformInit(site: Message, radius: number): Array {
  const fn = site.fn!;
  const t = siteTransform(site);
  const sampleShape = site.kwargs.sampleShape ?? [];
  const ushape = [...sampleShape, ...t.inverseShape(fn.shape())];
  const u = radius === 0 ? np.zeros(ushape) : random.uniform(keyOf(site, "initToUniform"), ushape, { minval: -radius, maxval: radius });
  return t.forward(u);
}

/**
 * Initialise each latent site uniformly in (−radius, radius) in unconstrained space (the
 * default of NumPyro and Stan, radius 2).
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { modelArgs: [x, y], initStrategy: initToUniform({ radius: 1 }) });
 * ```
 */
export function initToUniform(options: { radius?: number } = {}): InitStrategy {
  const radius = options.radius ?? 2;
  if (!(radius >= 0)) throw new Error(`initToUniform: radius must be nonnegative, got ${radius}`);
  return named(`initToUniform(radius ${radius})`, (site) => {
    if (!isLatent(site)) return null;
    if (site.value !== null && site.value !== undefined) return site.value as Array;
    return uniformInit(site, radius);
  });
}

/**
 * Initialise at the point that maps to 0 in unconstrained space (NumPyro's `init_to_feasible`).
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { initStrategy: initToFeasible() });
 * ```
 */
export function initToFeasible(): InitStrategy {
  const s = initToUniform({ radius: 0 });
  return named("initToFeasible", (site) => s(site));
}

function medianAxis0(x: Array): Array {
  const n = x.shape[0];
  const sorted = np.sort(x, { axis: 0 });
  if (n % 2 === 1) return sorted.index(Math.floor(n / 2));
  return sorted.index(n / 2 - 1).add(sorted.index(n / 2)).mul(0.5);
}

/**
 * Initialise at the median of `numSamples` draws (taken in unconstrained space), falling back
 * to `initToUniform` for distributions that cannot be sampled.
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { initStrategy: initToMedian({ numSamples: 15 }) });
 * ```
 */
export function initToMedian(options: { numSamples?: number } = {}): InitStrategy {
  const numSamples = options.numSamples ?? 15;
  return named(`initToMedian(numSamples ${numSamples})`, (site) => medianInit(site, numSamples));
}

function medianInit(site: Message, numSamples: number): Array | null {
  if (!isLatent(site)) return null;
  if (site.value !== null && site.value !== undefined) return site.value as Array;
  const fn = site.fn!;
  let samples: Array;
  try {
    samples = fn.sample(keyOf(site, "initToMedian"), [numSamples, ...(site.kwargs.sampleShape ?? [])]);
  } catch {
    return uniformInit(site, 2);
  }
  const t = siteTransform(site);
  return t.forward(medianAxis0(t.inverse(samples)));
}

/**
 * Initialise at the distribution's mean, falling back to the median where there is none.
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { initStrategy: initToMean() });
 * ```
 */
export function initToMean(): InitStrategy {
  return named("initToMean", (site) => {
    if (!isLatent(site)) return null;
    if (site.value !== null && site.value !== undefined) return site.value as Array;
    let value: Array;
    try {
      value = site.fn!.mean.mul(1.0);
    } catch {
      return medianInit(site, 15);
    }
    const sampleShape = site.kwargs.sampleShape ?? [];
    return sampleShape.length ? np.broadcastTo(value, [...sampleShape, ...value.shape]) : value;
  });
}

/**
 * Initialise at one draw from the prior (NumPyro's `init_to_sample`).
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { initStrategy: initToSample() });
 * ```
 */
export function initToSample(): InitStrategy {
  return named("initToSample", (site) => medianInit(site, 1));
}

/**
 * Initialise the named sites at the given (constrained) values and the rest uniformly.
 *
 * @example
 * ```ts
 * initializeModel(random.key(0), model, { initStrategy: initToValue({ values: { m: 1, b: 0 } }) });
 * ```
 */
export function initToValue(options: { values: Record<string, ArrayLike>; radius?: number }): InitStrategy {
  const values = options.values;
  const radius = options.radius ?? 2;
  return named("initToValue", (site) => {
    if (site.type !== "sample" || site.isObserved) return null;
    if (Object.prototype.hasOwnProperty.call(values, site.name)) return np.asArray(values[site.name]);
    if (!isLatent(site)) return null;
    if (site.value !== null && site.value !== undefined) return site.value as Array;
    return uniformInit(site, radius);
  });
}
