/**
 * The models bench/vs-stan runs on both sides, keyed as `pnpm bench:vs-stan [key ...]` selects
 * them, with their data and the Stan program (./stan/<key>.stan) that writes the same density.
 *
 * The bench's own small models (models.ts) sit beside the examples' seed models, which are
 * imported from examples/<name>/src (model and data generator), never rewritten here. Each Stan
 * program declares its parameters in the order of the Orrery model's latent sites, with the
 * same shapes laid out row-major, so that a flat unconstrained vector means the same point on
 * both sides (the log-density check relies on it).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Array as OArray } from "@orrery/core";
import type { ModelFn } from "../../packages/ppl/src/index.js";
import { initToValue } from "../../packages/ppl/src/index.js";
import { gaiaModel, L as GAIA_L, makeStar } from "../../examples/gaia-single-star/src/model.js";
import { hrModel, makeData as makeHrData, ZP } from "../../examples/hr-diagram/src/model.js";
import { linearModel, makeData as makeLineData } from "../../examples/linear-regression/src/model.js";
import { makeXErrorsData, xErrorsModel } from "../../examples/linear-regression/src/x-errors.js";
import { loadGaiaCsv } from "../../examples/m67-cluster/src/catalogue.js";
import { clusterModel, initialValues, toModelData } from "../../examples/m67-cluster/src/model.js";
import { makeData as makeOutlierData, outlierModel } from "../../examples/outliers/src/model.js";
import { groupData, hierarchical, lineData, linregMB, mixture, outlierData } from "./models.js";

/** The repository root (two folders above this file). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Sampler settings of one side; every field is optional in a spec (the bench's defaults fill in). */
export interface RunSettings {
  chains: number;
  warmup: number;
  samples: number;
  /** Timed runs per side (same seed, same draws); the fastest warmup and sampling are reported. */
  repeats: number;
  /** Whether Orrery makes an extra first run in the process (V8 cold) before the timed ones. */
  coldRun: boolean;
}

/** One model as both sides run it. */
export interface ModelSpec {
  key: string;
  title: string;
  /** The Stan program, a file name in bench/vs-stan/stan/. */
  stan: string;
  model: ModelFn;
  /** The model's argument (Orrery side). */
  args: unknown;
  /** The same data as the Stan program's `data` block reads them (plain JSON). */
  stanData: Record<string, unknown>;
  /** How the data are made (for the record): generator and its arguments, seeds included. */
  dataSource: { generator: string; args: unknown[] };
  /** The example whose model this is (examples/<name>), if any. */
  example?: string;
  /** A common starting point for every chain on both sides (constrained values, by site). */
  init?: { orrery: Record<string, OArray>; stan: Record<string, number | number[]> };
  /** Settings that differ from the bench's defaults (M67 runs shorter), and why. */
  settings?: Partial<RunSettings>;
  settingsNote?: string;
  /** Quantities printed side by side (default: every scalar one). */
  show?: string[];
  /**
   * The quantities the bench's posterior-agreement target judges (default: all). The agreement
   * over every quantity is reported regardless.
   */
  agreeOn?: string[];
}

const listOf = (a: OArray): unknown => (a as unknown as { tolist(): unknown }).tolist();

/** Positive integer from an environment variable, or the default. */
function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

/**
 * Every model by key, each made on demand (M67 reads and fits its catalogue's field model).
 * The bench's default run is `DEFAULT_KEYS`; the others run when named.
 */
export const MODELS: Record<string, () => ModelSpec> = {
  linreg_theta: () => {
    const line = makeLineData(50, 0);
    return {
      key: "linreg_theta",
      title: "linear regression (θ, b⊥), 50 points",
      stan: "linreg_theta.stan",
      example: "linear-regression",
      model: linearModel as ModelFn,
      args: line,
      stanData: { N: 50, x: listOf(line.x), yerr: listOf(line.yerr), y: listOf(line.y) },
      dataSource: { generator: "examples/linear-regression/src/model.ts makeData", args: [50, 0] },
    };
  },
  linreg_mb: () => {
    const line = lineData(50, 0);
    return {
      key: "linreg_mb",
      title: "linear regression (m, b), 50 points",
      stan: "linreg_mb.stan",
      model: linregMB as ModelFn,
      args: line,
      stanData: { N: 50, x: listOf(line.x), yerr: listOf(line.yerr), y: listOf(line.y) },
      dataSource: { generator: "bench/vs-stan/models.ts lineData", args: [50, 0] },
    };
  },
  mixture: () => {
    const d = outlierData(50, 1);
    return {
      key: "mixture",
      title: "outlier mixture (Hogg et al.), 50 points",
      stan: "mixture.stan",
      model: mixture as ModelFn,
      args: d,
      stanData: { N: 50, x: listOf(d.x), yerr: listOf(d.yerr), y: listOf(d.y) },
      dataSource: { generator: "bench/vs-stan/models.ts outlierData", args: [50, 1] },
    };
  },
  hierarchical: () => {
    const g = groupData(50, 2);
    return {
      key: "hierarchical",
      title: "hierarchical non-centred, 50 groups",
      stan: "hierarchical.stan",
      model: hierarchical as ModelFn,
      args: g,
      stanData: { J: 50, y: listOf(g.y), sigma: listOf(g.sigma) },
      dataSource: { generator: "bench/vs-stan/models.ts groupData", args: [50, 2] },
    };
  },
  hr_diagram: () => {
    const d = makeHrData(4, 25, 0);
    return {
      key: "hr_diagram",
      title: "HR diagram, 4 clusters × 25 stars, Poisson counts",
      stan: "hr_diagram.stan",
      example: "hr-diagram",
      model: hrModel as ModelFn,
      args: { colour: d.colour, counts: d.counts },
      stanData: { C: 4, S: 25, ZP, colour: listOf(d.colour), counts: listOf(d.counts) },
      dataSource: { generator: "examples/hr-diagram/src/model.ts makeData", args: [4, 25, 0] },
      show: ["mu0", "sigma0", "sigma_ms", "mu[1]", "mu[2]", "mu[3]", "mu[4]"],
    };
  },
  gaia_single_star: () => {
    const star = makeStar(0);
    return {
      key: "gaia_single_star",
      title: "Gaia single star, EDSD prior (TransformedDistribution)",
      stan: "gaia_single_star.stan",
      example: "gaia-single-star",
      model: gaiaModel as ModelFn,
      args: star,
      stanData: { parallax: star.parallax, parallax_err: star.parallaxErr, L: GAIA_L },
      dataSource: { generator: "examples/gaia-single-star/src/model.ts makeStar", args: [0] },
    };
  },
  m67: () => {
    const csv = join(REPO_ROOT, "examples", "m67-cluster", "data", "catalogue.csv");
    const cat = loadGaiaCsv(csv);
    const data = toModelData(cat);
    const init = initialValues(cat, data);
    const chains = envInt("VS_STAN_M67_CHAINS", 2);
    const warmup = envInt("VS_STAN_M67_WARMUP", 300);
    const samples = envInt("VS_STAN_M67_SAMPLES", 300);
    return {
      key: "m67",
      title: `M67 membership, ${cat.n} stars (${cat.n + 6} parameters)`,
      stan: "m67.stan",
      example: "m67-cluster",
      model: clusterModel as ModelFn,
      args: data,
      stanData: {
        N: cat.n,
        parallax: listOf(data.parallax),
        parallax_error: listOf(data.parallaxError),
        pmra: listOf(data.pmra),
        pmra_error: listOf(data.pmraError),
        pmdec: listOf(data.pmdec),
        pmdec_error: listOf(data.pmdecError),
        log_pm_field: listOf(data.logPmField),
        L: data.fieldLength,
      },
      dataSource: { generator: "examples/m67-cluster/data/catalogue.csv (makeCatalogue(4298, 67)) → toModelData", args: [] },
      init: {
        orrery: init,
        stan: Object.fromEntries(Object.entries(init).map(([k, v]) => [k, listOf(v) as number | number[]])),
      },
      settings: { chains, warmup, samples, repeats: 1, coldRun: false },
      settingsNote:
        `reduced run: ${chains} chain(s) × (${warmup} warmup + ${samples} draws), one timed run per side, every chain started at the example's ` +
        "initToValue point on both sides (VS_STAN_M67_CHAINS / _WARMUP / _SAMPLES); per-leapfrog speed and the cluster parameters are what compare",
      show: ["d_c", "sigma_c", "mu_c[1]", "mu_c[2]", "sigma_mu", "f"],
      // The short run leaves the per-star distances with bulk ESS of tens (R-hat up to ~1.1 with
      // the slow σ_c funnel), where MCSE estimates themselves are rough: the target is judged
      // on the cluster parameters; the 4,298 r_i are reported.
      agreeOn: ["d_c", "sigma_c", "mu_c[1]", "mu_c[2]", "sigma_mu", "f"],
    };
  },
  linreg_xerr: () => {
    const d = makeXErrorsData(50, 0);
    return {
      key: "linreg_xerr",
      title: "linear regression with x errors (θ, b⊥, 50 latent x)",
      stan: "linreg_xerr.stan",
      example: "linear-regression",
      model: xErrorsModel as ModelFn,
      args: { xObs: d.xObs, xerr: d.xerr, yerr: d.yerr, y: d.y },
      stanData: { N: 50, x_obs: listOf(d.xObs), xerr: listOf(d.xerr), yerr: listOf(d.yerr), y: listOf(d.y) },
      dataSource: { generator: "examples/linear-regression/src/x-errors.ts makeXErrorsData", args: [50, 0] },
      show: ["theta", "b_perp", "m", "b"],
    };
  },
  outliers: () => {
    const d = makeOutlierData(50, 0);
    return {
      key: "outliers",
      title: "outliers example (Hogg et al., its priors), 50 points",
      stan: "outliers.stan",
      example: "outliers",
      model: outlierModel as ModelFn,
      args: { x: d.x, yerr: d.yerr, y: d.y },
      stanData: { N: 50, x: listOf(d.x), yerr: listOf(d.yerr), y: listOf(d.y) },
      dataSource: { generator: "examples/outliers/src/model.ts makeData", args: [50, 0] },
    };
  },
};

/** What `pnpm bench:vs-stan` runs without arguments (`all` runs every key). */
export const DEFAULT_KEYS = ["linreg_theta", "linreg_mb", "mixture", "hierarchical", "hr_diagram", "gaia_single_star", "m67"];

/**
 * The seed models whose Stan reference the examples' stats tests check against:
 * key → the fixture file it is written to (examples/<name>/test/fixtures/stan-<key>.json).
 */
export const REFERENCE_KEYS = ["linreg_theta", "linreg_xerr", "outliers", "gaia_single_star", "hr_diagram"];

/** The fixture file of a reference key (absolute path). */
export function referencePath(key: string): string {
  const spec = MODELS[key]();
  if (!spec.example) throw new Error(`referencePath: "${key}" is not an example's model`);
  return join(REPO_ROOT, "examples", spec.example, "test", "fixtures", `stan-${key}.json`);
}

/** The init strategy of a spec with a common starting point (undefined: NumPyro's default). */
export function initStrategyOf(spec: ModelSpec): ReturnType<typeof initToValue> | undefined {
  return spec.init ? initToValue({ values: spec.init.orrery }) : undefined;
}
