/**
 * `Predictive` and `logLikelihood`, as NumPyro's: prior and posterior predictive draws and
 * pointwise log likelihoods, vectorised with `vmap` in bounded chunks.
 */
import { type Array, np, random, vmap } from "@orrery/core";
import { type ModelFn } from "./handler-form.js";
import { seed, substitute, trace } from "./handlers.js";
import { type Params } from "./infer-util.js";
import { type Message } from "./runtime.js";

type ArrayLike = np.ArrayLike;

/** Options of {@link Predictive}. */
export interface PredictiveOptions {
  /** Posterior draws by site, each with `batchNdims` leading batch axes. */
  posteriorSamples?: Record<string, ArrayLike>;
  /** The number of draws (prior predictive), or a check on the posterior's batch size. */
  numSamples?: number;
  /** The sites to return (default: sample sites not in `posteriorSamples`, and deterministic sites). */
  returnSites?: readonly string[];
  /** Leading batch axes of `posteriorSamples` (default 1; e.g. 2 for [chains, draws]). */
  batchNdims?: number;
  /** Recompute deterministic sites rather than take them from the samples (default true). */
  excludeDeterministic?: boolean;
  /** Draws per vectorised chunk (default 256): bounds the memory of one `vmap` call. */
  chunkSize?: number;
}

/** A predictive: call it with a key and the model's arguments. */
export interface PredictiveFunction {
  /** Draw: values by site, each of shape `[...batchShape, ...siteShape]`. */
  (key: Array | number, ...args: unknown[]): Record<string, Array>;
  /** The number of draws. */
  readonly numSamples: number;
  /** The leading shape of every returned site. */
  readonly batchShape: readonly number[];
}

function batchShapeOf(samples: Record<string, Array>, batchNdims: number, where: string): number[] | null {
  let shape: number[] | null = null;
  let proto = "";
  for (const [name, s] of Object.entries(samples)) {
    if (s.ndim < batchNdims) throw new Error(`${where}: site "${name}" has ${s.ndim} axes, fewer than batchNdims = ${batchNdims}`);
    const b = s.shape.slice(0, batchNdims);
    if (shape !== null && b.join(",") !== shape.join(",")) {
      throw new Error(`${where}: batch shapes at sites "${name}" and "${proto}" should be the same, got [${b.join(", ")}] and [${shape.join(", ")}]`);
    }
    shape = b;
    proto = name;
  }
  return shape;
}

/** Run `single` on `n` draws in chunks of `chunk` with vmap and stack the results along axis 0. */
function chunkedVmap(single: (key: Array, s: Params) => Record<string, Array>, keys: Array, samples: Params, n: number, chunk: number): Record<string, Array> {
  const parts: Record<string, Array>[] = [];
  const vf = vmap(single);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const sl = np.s(start, end);
    const sub: Params = {};
    for (const [k, v] of Object.entries(samples)) sub[k] = v.index(sl);
    parts.push(vf(keys.index(sl), sub) as Record<string, Array>);
  }
  if (parts.length === 1) return parts[0];
  const out: Record<string, Array> = {};
  for (const k of Object.keys(parts[0])) out[k] = np.concatenate(parts.map((p) => p[k]), 0);
  return out;
}

function flattenBatch(samples: Record<string, Array>, batchNdims: number, n: number): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(samples)) out[k] = v.reshape([n, ...v.shape.slice(batchNdims)]);
  return out;
}

function unflattenBatch(values: Record<string, Array>, batchShape: readonly number[]): Record<string, Array> {
  const out: Record<string, Array> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v.reshape([...batchShape, ...v.shape.slice(1)]);
  return out;
}

/**
 * Prior or posterior predictive draws (NumPyro's `Predictive`): for each draw, the model runs
 * with the posterior values substituted and a fresh key; the returned sites are stacked.
 * Runs vectorised (`vmap`) in chunks of `chunkSize`. Usable with or without `new`.
 *
 * @example
 * ```ts
 * const prior = Predictive(model, { numSamples: 1000 });
 * prior(random.key(0), x).y;             // [1000, n] prior predictive draws of y
 * const post = Predictive(model, { posteriorSamples: { m, b } });
 * post(random.key(1), x).y;              // one draw of y per posterior draw
 * ```
 */
export function Predictive(model: ModelFn, options: PredictiveOptions = {}): PredictiveFunction {
  const batchNdims = options.batchNdims ?? 1;
  if (!Number.isInteger(batchNdims) || batchNdims < 1) throw new Error(`Predictive: batchNdims must be a positive integer, got ${batchNdims}`);
  const posterior: Record<string, Array> = {};
  for (const [k, v] of Object.entries(options.posteriorSamples ?? {})) posterior[k] = np.asArray(v);
  let batchShape = batchShapeOf(posterior, batchNdims, "Predictive");
  let numSamples = options.numSamples;
  if (batchShape !== null) {
    const size = batchShape.reduce((a, b) => a * b, 1);
    if (numSamples !== undefined && numSamples !== size) {
      console.warn(`Predictive: the samples' batch size ${size} differs from numSamples ${numSamples}; using ${size}`);
    }
    numSamples = size;
  }
  if (numSamples === undefined) throw new Error("Predictive: give posteriorSamples or numSamples");
  if (!Number.isInteger(numSamples) || numSamples < 1) throw new Error(`Predictive: numSamples must be a positive integer, got ${numSamples}`);
  if (batchShape === null) batchShape = [...new globalThis.Array(batchNdims - 1).fill(1), numSamples];
  const n = numSamples;
  const chunk = Math.max(1, Math.floor(options.chunkSize ?? 256));
  const excludeDet = options.excludeDeterministic ?? true;
  const returnSites = options.returnSites;
  const flat = flattenBatch(posterior, batchNdims, n);
  const bshape = batchShape;

  const fn = (key: Array | number, ...args: unknown[]): Record<string, Array> => {
    const k = typeof key === "number" ? random.key(key) : key;
    const keys = random.split(k, n);
    const single = (rk: Array, samples: Params): Record<string, Array> => {
      const subFn = (msg: Message): Array | null =>
        excludeDet && msg.type === "deterministic" ? null : Object.prototype.hasOwnProperty.call(samples, msg.name) ? samples[msg.name] : null;
      const tr = trace(seed(substitute(model, subFn), rk)).getTrace(...args);
      const out: Record<string, Array> = {};
      for (const [name, site] of Object.entries(tr)) {
        const wanted = returnSites ? returnSites.includes(name) : (site.type === "sample" && !(name in samples)) || site.type === "deterministic";
        if (wanted) out[name] = np.asArray(site.value as ArrayLike);
      }
      return out;
    };
    return unflattenBatch(chunkedVmap(single, keys, flat, n, chunk), bshape);
  };
  Object.defineProperty(fn, "numSamples", { value: n });
  Object.defineProperty(fn, "batchShape", { value: bshape });
  return fn as PredictiveFunction;
}

/** Options of {@link logLikelihood}. */
export interface LogLikelihoodOptions {
  /** Leading batch axes of the samples (default 1). */
  batchNdims?: number;
  /** Draws per vectorised chunk (default 256). */
  chunkSize?: number;
}

/**
 * Pointwise log likelihoods of the observed sites at each posterior draw (NumPyro's
 * `log_likelihood`): `{ site: [...batchShape, ...siteBatchShape] }` (unscaled, unsummed).
 *
 * @example
 * ```ts
 * const ll = logLikelihood(model, { m, b }, [x, y]);
 * ll.y.shape; // [numDraws, n]
 * ```
 */
export function logLikelihood(model: ModelFn, posteriorSamples: Record<string, ArrayLike>, args: readonly unknown[] = [], options: LogLikelihoodOptions = {}): Record<string, Array> {
  const batchNdims = options.batchNdims ?? 1;
  const posterior: Record<string, Array> = {};
  for (const [k, v] of Object.entries(posteriorSamples)) posterior[k] = np.asArray(v);
  const batchShape = batchShapeOf(posterior, batchNdims, "logLikelihood") ?? new globalThis.Array(batchNdims).fill(1);
  const n = batchShape.reduce((a, b) => a * b, 1);
  const flat = flattenBatch(posterior, batchNdims, n);
  const single = (_k: Array, samples: Params): Record<string, Array> => {
    const tr = trace(substitute(model, samples)).getTrace(...args);
    const out: Record<string, Array> = {};
    for (const [name, site] of Object.entries(tr)) {
      if (site.type === "sample" && site.isObserved) out[name] = site.fn!.logProb(site.value as Array);
    }
    return out;
  };
  const keys = np.zeros([n, 2], "uint32");
  return unflattenBatch(chunkedVmap(single, keys, flat, n, Math.max(1, Math.floor(options.chunkSize ?? 256))), batchShape);
}
