import { readFileSync } from "node:fs";
import { type Array, np } from "@orrery/core";
import * as D from "../src/index.js";

export interface Case {
  name: string;
  args: unknown[];
  kind: "continuous" | "discrete";
  x: (number | string)[];
  logProb: (number | string)[];
  mean?: number | string;
  variance?: number | string;
  quantiles?: (number | string)[];
  pGrid?: number[];
  pmfSupport?: number[];
  pmf?: number[];
  grad: boolean;
  /** SciPy's CDF at `x`, where the distribution has one computed by this package. */
  cdf?: (number | string)[];
  /** VonMises: the circular mean and variance (NumPyro's `mean`/`variance`). */
  circularMean?: number;
  circularVariance?: number;
}

export const fixtures = JSON.parse(readFileSync(new URL("./fixtures/distributions.json", import.meta.url), "utf8")) as {
  cases: Case[];
  multivariate: Record<string, any>[];
  matrix: Record<string, any>[];
};

/** JSON's "Infinity"/"-Infinity"/"NaN" strings back to numbers, recursively. */
export function num(v: unknown): any {
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  if (v === "NaN") return NaN;
  if (globalThis.Array.isArray(v)) return v.map(num);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, num(x)]));
  return v;
}

const CTORS: Record<string, new (...args: any[]) => D.Distribution> = {
  Normal: D.Normal,
  HalfNormal: D.HalfNormal,
  LogNormal: D.LogNormal,
  Uniform: D.Uniform,
  Exponential: D.Exponential,
  Gamma: D.Gamma,
  Chi2: D.Chi2,
  InverseGamma: D.InverseGamma,
  Beta: D.Beta,
  StudentT: D.StudentT,
  Cauchy: D.Cauchy,
  HalfCauchy: D.HalfCauchy,
  Laplace: D.Laplace,
  Logistic: D.Logistic,
  Gumbel: D.Gumbel,
  Weibull: D.Weibull,
  Pareto: D.Pareto,
  TruncatedNormal: D.TruncatedNormal,
  DoublyTruncatedPowerLaw: D.DoublyTruncatedPowerLaw,
  Bernoulli: D.Bernoulli as any,
  BernoulliLogits: D.Bernoulli as any,
  Binomial: D.Binomial as any,
  BinomialLogits: D.Binomial as any,
  Poisson: D.Poisson,
  PoissonLogRate: D.PoissonLogRate,
  Categorical: D.Categorical as any,
  BetaBinomial: D.BetaBinomial,
  NegativeBinomial: D.NegativeBinomial as any,
  NegativeBinomial2: D.NegativeBinomial2,
  GammaPoisson: D.GammaPoisson,
  Geometric: D.Geometric as any,
  DiscreteUniform: D.DiscreteUniform,
  ZeroInflatedPoisson: D.ZeroInflatedPoisson,
  VonMises: D.VonMises,
  AsymmetricLaplace: D.AsymmetricLaplace,
  SkewNormal: D.SkewNormal,
};

/** Argument positions that are integers (not differentiated). */
export const INTEGER_ARGS: Record<string, number[]> = { Binomial: [0], BinomialLogits: [0], BetaBinomial: [2], DiscreteUniform: [0, 1] };

/** Build the distribution of a case from (possibly replaced) arguments. */
export function build(name: string, args: unknown[]): D.Distribution {
  const C = CTORS[name];
  if (!C) throw new Error(`no constructor for ${name}`);
  const a = args.map((x) => (globalThis.Array.isArray(x) ? np.array(x as number[]) : x));
  return new C(...a);
}

/** Paths to the scalar numeric arguments (index, optional key) that may be differentiated. */
export function numericPaths(c: Case): [number, string | null][] {
  const out: [number, string | null][] = [];
  const ints = INTEGER_ARGS[c.name] ?? [];
  num(c.args).forEach((a: unknown, i: number) => {
    if (ints.includes(i)) return;
    if (typeof a === "number" && Number.isFinite(a)) out.push([i, null]);
    else if (a !== null && typeof a === "object" && !globalThis.Array.isArray(a)) {
      for (const [k, v] of Object.entries(a as object)) if (typeof v === "number" && Number.isFinite(v)) out.push([i, k]);
    }
  });
  return out;
}

/** Replace the argument at a path. */
export function withArg(args: unknown[], [i, k]: [number, string | null], v: unknown): unknown[] {
  const out = [...args];
  out[i] = k === null ? v : { ...(args[i] as object), [k]: v };
  return out;
}

export const toList = (a: Array): number[] => {
  const v = a.tolist();
  return (globalThis.Array.isArray(v) ? (v as unknown[]).flat(Infinity) : [v]) as number[];
};

/** Reference CDF from a quantile table, by linear interpolation. */
export function cdfFromQuantiles(q: number[], p: number[], x: number): number {
  if (x <= q[0]) return p[0] / 2;
  if (x >= q[q.length - 1]) return (1 + p[p.length - 1]) / 2;
  let lo = 0;
  let hi = q.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (q[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = q[hi] === q[lo] ? 0 : (x - q[lo]) / (q[hi] - q[lo]);
  return p[lo] + t * (p[hi] - p[lo]);
}

/** The Kolmogorov–Smirnov statistic of draws against a reference CDF. */
export function ksStatistic(xs: number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(s[i]);
    d = Math.max(d, Math.abs(F - i / n), Math.abs((i + 1) / n - F));
  }
  return d;
}

/** Largest deviation of empirical frequencies from a pmf, in units of their standard errors. */
export function maxFreqZ(xs: number[], support: number[], pmf: number[]): number {
  const n = xs.length;
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let worst = 0;
  support.forEach((k, i) => {
    const f = (counts.get(k) ?? 0) / n;
    const se = Math.sqrt(Math.max(pmf[i] * (1 - pmf[i]), 1e-12) / n) + 1 / n;
    worst = Math.max(worst, Math.abs(f - pmf[i]) / se);
  });
  return worst;
}

export const caseLabel = (c: Case): string => `${c.name}(${JSON.stringify(c.args)})`;
