import { toDrawsArray, type DrawsArray, type DrawsRecord, type NestedNumbers } from "../draws.js";
import type { DrawsGroup } from "./cmdstan-csv.js";

/**
 * A JSON layout that ArviZ's `az.from_dict` accepts as keyword arguments:
 *
 * ```json
 * { "posterior": { "mu": [[...draws of chain 0...], [...chain 1...]], "theta": [[[..], ..], ..] },
 *   "sample_stats": { "lp": [[..]], "diverging": [[false, true, ..]] } }
 * ```
 *
 * ```python
 * import json, arviz as az
 * idata = az.from_dict(**json.load(open("draws.json")))
 * ```
 *
 * Every array is nested chain × draw × event. Non-finite numbers are written as the tokens
 * `NaN`, `Infinity`, `-Infinity`, which Python's `json` reads (and {@link readArviZJson} too).
 */

/** Groups that hold chain × draw arrays, by their TypeScript (camelCase) and ArviZ names. */
const DRAW_GROUPS = {
  posterior: "posterior",
  sampleStats: "sample_stats",
  warmupPosterior: "warmup_posterior",
  warmupSampleStats: "warmup_sample_stats",
  posteriorPredictive: "posterior_predictive",
  logLikelihood: "log_likelihood",
  prior: "prior",
  sampleStatsPrior: "sample_stats_prior",
  priorPredictive: "prior_predictive",
} as const;

type DrawGroupKey = keyof typeof DRAW_GROUPS;

/** Groups to write; only `posterior` is required. */
export type ArviZGroups = { posterior: DrawsRecord } & Partial<Record<Exclude<DrawGroupKey, "posterior">, DrawsRecord>> & {
  /** arrays without chain and draw dimensions (`observed_data`), written as given */
  observedData?: Readonly<Record<string, NestedNumbers>>;
  /** `constant_data`, written as given */
  constantData?: Readonly<Record<string, NestedNumbers>>;
  /** ArviZ `coords` and `dims`, passed through */
  coords?: Readonly<Record<string, readonly (string | number)[]>>;
  dims?: Readonly<Record<string, readonly string[]>>;
};

/** What {@link readArviZJson} returns: each draw group as {@link DrawsArray}s. */
export type ArviZData = { posterior: DrawsGroup } & Partial<Record<Exclude<DrawGroupKey, "posterior">, DrawsGroup>> & {
  observedData?: Record<string, unknown>;
  constantData?: Record<string, unknown>;
  coords?: Record<string, unknown>;
  dims?: Record<string, unknown>;
};

type Nested = number | boolean | Nested[];

function nest(arr: DrawsArray, asBool: boolean): Nested {
  const { data, shape } = arr;
  let k = 0;
  const build = (d: number): Nested => {
    const out: Nested[] = new Array(shape[d]);
    for (let i = 0; i < shape[d]; i++) {
      if (d === shape.length - 1) {
        const v = Number(data[k++]);
        out[i] = asBool && (v === 0 || v === 1) ? v === 1 : v;
      } else out[i] = build(d + 1);
    }
    return out;
  };
  return build(0);
}

/**
 * The nested-array object for `az.from_dict(**obj)` (group names in ArviZ's snake_case).
 * `diverging` sample stats become booleans, as ArviZ stores them.
 *
 * @example
 * ```ts
 * const obj = toArviZDict({ posterior: { mu: { data, shape: [4, 1000] } } });
 * obj.posterior.mu.length; // 4 chains
 * ```
 */
export function toArviZDict(groups: ArviZGroups): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, name] of Object.entries(DRAW_GROUPS) as [DrawGroupKey, string][]) {
    const group = groups[key];
    if (group === undefined) continue;
    const g: Record<string, unknown> = {};
    for (const [v, value] of Object.entries(group)) {
      const arr = toDrawsArray(value, v);
      g[v] = nest(arr, v === "diverging" && (key === "sampleStats" || key === "warmupSampleStats"));
    }
    out[name] = g;
  }
  if (groups.observedData) out.observed_data = { ...groups.observedData };
  if (groups.constantData) out.constant_data = { ...groups.constantData };
  if (groups.coords) out.coords = { ...groups.coords };
  if (groups.dims) out.dims = { ...groups.dims };
  return out;
}

/**
 * Serialise draws as JSON for `az.from_dict(**json.load(f))` (see the module notes).
 *
 * @param options.space - indentation passed to `JSON.stringify` (default: compact)
 * @example
 * ```ts
 * writeFileSync("draws.json", toArviZJson({ posterior: fit.posterior, sampleStats: fit.sampleStats }));
 * // python: idata = az.from_dict(**json.load(open("draws.json")))
 * ```
 */
export function toArviZJson(groups: ArviZGroups, options: { space?: number } = {}): string {
  return JSON.stringify(
    toArviZDict(groups),
    (_k, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "\u0000NaN" : v > 0 ? "\u0000Infinity" : "\u0000-Infinity";
      return v;
    },
    options.space,
  ).replace(/"\\u0000(NaN|Infinity|-Infinity)"/g, "$1");
}

/** JSON.parse that also accepts Python's NaN / Infinity / -Infinity tokens. */
function parseLenientJson(text: string): unknown {
  const fixed = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => {
    if (m.startsWith('"')) return m;
    if (m === "NaN") return "null";
    return m.startsWith("-") ? "-1e999" : "1e999";
  });
  return JSON.parse(fixed);
}

/** Nested JSON values (numbers, booleans, null) → numbers (null → NaN). */
function toNumbers(x: unknown, path: string): NestedNumbers {
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x === null) return NaN;
  if (Array.isArray(x)) return x.map((e, i) => toNumbers(e, `${path}[${i}]`));
  throw new SyntaxError(`ArviZ JSON: ${path} is not a number or an array of numbers`);
}

/**
 * Read the JSON layout of {@link toArviZJson} (also what `json.dump` of a dict of NumPy
 * `.tolist()` arrays gives): draw groups become {@link DrawsArray}s `[chains, draws, ...event]`;
 * `null` reads as NaN and booleans as 0/1. Accepts the text or an already parsed object.
 *
 * @example
 * ```ts
 * const { posterior, sampleStats } = readArviZJson(readFileSync("draws.json", "utf8"));
 * summary(posterior);
 * ```
 */
export function readArviZJson(json: string | object): ArviZData {
  const obj = (typeof json === "string" ? parseLenientJson(json) : json) as Record<string, unknown>;
  if (typeof obj !== "object" || obj === null || typeof obj.posterior !== "object" || obj.posterior === null) {
    throw new SyntaxError('ArviZ JSON: expected an object with a "posterior" group');
  }
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(DRAW_GROUPS)) {
    const group = obj[name] ?? obj[key];
    if (group === undefined) continue;
    if (typeof group !== "object" || group === null) throw new SyntaxError(`ArviZ JSON: group "${name}" is not an object`);
    const g: DrawsGroup = {};
    for (const [v, value] of Object.entries(group)) {
      const arr = toDrawsArray(toNumbers(value, `${name}.${v}`), v);
      if (arr.shape.length < 2) throw new SyntaxError(`ArviZ JSON: ${name}.${v} must be nested chain × draw`);
      g[v] = arr;
    }
    out[key] = g;
  }
  for (const [key, name] of [["observedData", "observed_data"], ["constantData", "constant_data"], ["coords", "coords"], ["dims", "dims"]]) {
    if (obj[name] !== undefined) out[key] = obj[name];
  }
  return out as ArviZData;
}
