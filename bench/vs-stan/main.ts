/**
 * Benchmark: Orrery and Stan (rstan) on the same models and data, in one run, with ratios.
 *
 *   pnpm bench:vs-stan
 *   (= node --conditions=source --import tsx bench/vs-stan/main.ts [model ...])
 *
 * Models (bench/vs-stan/models.ts and bench/vs-stan/stan/*.stan): the example's line fit (θ, b⊥),
 * the plain (m, b) line, Hogg et al.'s outlier mixture, and a non-centred hierarchical model with
 * 50 groups. The data are generated once here from fixed keys and written to
 * bench/vs-stan/.work/data.json, which both sides read. Both sides: 4 chains run one after another
 * on one core, 1000 warmup + 1000 draws, target acceptance 0.8, diagonal metric, max tree depth 10.
 *
 * For each model: compile time (Stan's C++ compile, cached with auto_write and reported from the
 * run that made it; Orrery's trace + compile = the time to the first warmup iteration), warmup
 * and sampling times, leapfrog steps per second of sampling, min bulk ESS per second of sampling
 * (@orrery/diagnostics' essBulk on both sides' draws), max R-hat, adapted step size, mean tree
 * depth, posterior means and sds, and the log densities of both at the same unconstrained points.
 * Then the cold-process time of the linear-regression demo to its printed summary.
 * Each side runs VS_STAN_REPEATS times (default 3) with the same seed, so the same draws, and
 * the fastest warmup and sampling times are reported (the machine is shared; runs are short).
 * Writes bench/results/vs-stan.json. Installs nothing: without Rscript or rstan it runs Orrery
 * alone and prints how to install them.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Array as OArray, np, random } from "@orrery/core";
import { essBulk, rhat } from "../../packages/diagnostics/src/index.js";
import { MCMC, NUTS } from "../../packages/infer/src/index.js";
import { fromOrrery } from "../../packages/mcmc/src/index.js";
import { type ModelFn, potentialFromModel } from "../../packages/ppl/src/index.js";
import { groupData, hierarchical, lineData, linregMB, linregTheta, mixture, outlierData } from "./models.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const work = join(here, ".work");
const CHAINS = 4;
const WARMUP = 1000;
const SAMPLES = 1000;
const TARGET_ACCEPT = 0.8;
const SEED = 20240601;
/** Timed runs per side and model (same seed, so the same draws): each phase's fastest is reported. */
const REPEATS = Number(process.env.VS_STAN_REPEATS ?? 3);

type Json = Record<string, unknown>;

interface ModelSpec {
  key: string;
  title: string;
  stan: string;
  model: ModelFn;
  data: Record<string, OArray>;
}

function listOf(a: OArray): number[] {
  return [...(np.ravel(a) as unknown as { tolist(): number[] }).tolist()];
}

// ---------------------------------------------------------------------------------------------
// Data: generated once, written to .work/data.json, read back by both sides.

function writeData(): string {
  const line = lineData(50, 0);
  const outl = outlierData(50, 1);
  const groups = groupData(50, 2);
  const lineJson = { N: 50, x: listOf(line.x), yerr: listOf(line.yerr), y: listOf(line.y) };
  const data = {
    linreg_theta: lineJson,
    linreg_mb: lineJson,
    mixture: { N: 50, x: listOf(outl.x), yerr: listOf(outl.yerr), y: listOf(outl.y) },
    hierarchical: { J: 50, y: listOf(groups.y), sigma: listOf(groups.sigma) },
  };
  mkdirSync(work, { recursive: true });
  const file = join(work, "data.json");
  writeFileSync(file, JSON.stringify(data));
  return file;
}

function readData(file: string): ModelSpec[] {
  const d = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, number | number[]>>;
  const arr = (v: number | number[]) => np.array(v as number[]);
  const line = (k: string) => ({ x: arr(d[k].x), yerr: arr(d[k].yerr), y: arr(d[k].y) });
  return [
    { key: "linreg_theta", title: "linear regression (θ, b⊥), 50 points", stan: "linreg_theta.stan", model: linregTheta as ModelFn, data: line("linreg_theta") },
    { key: "linreg_mb", title: "linear regression (m, b), 50 points", stan: "linreg_mb.stan", model: linregMB as ModelFn, data: line("linreg_mb") },
    { key: "mixture", title: "outlier mixture (Hogg et al.), 50 points", stan: "mixture.stan", model: mixture as ModelFn, data: line("mixture") },
    { key: "hierarchical", title: "hierarchical non-centred, 50 groups", stan: "hierarchical.stan", model: hierarchical as ModelFn, data: { y: arr(d.hierarchical.y), sigma: arr(d.hierarchical.sigma) } },
  ];
}

// ---------------------------------------------------------------------------------------------
// Draws and their statistics, the same code for both sides.

/** name → chains × draws (vector sites split into name[1], name[2], … as Stan names them). */
type Draws = Record<string, number[][]>;

interface Stats {
  minEssBulk: number;
  minEssName: string;
  maxRhat: number;
  maxRhatName: string;
  moments: Record<string, { mean: number; sd: number }>;
}

function stats(draws: Draws): Stats {
  let minEss = Infinity, minName = "", maxR = -Infinity, maxName = "";
  const moments: Stats["moments"] = {};
  for (const [name, chains] of Object.entries(draws)) {
    const e = essBulk(chains);
    const r = rhat(chains);
    if (e < minEss) [minEss, minName] = [e, name];
    if (r > maxR) [maxR, maxName] = [r, name];
    const all = chains.flat();
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1));
    moments[name] = { mean, sd };
  }
  return { minEssBulk: minEss, minEssName: minName, maxRhat: maxR, maxRhatName: maxName, moments };
}

// ---------------------------------------------------------------------------------------------
// Orrery

interface SideResult {
  compileS: number;
  warmupS: number;
  sampleS: number;
  leapfrogSample: number;
  stepSize: number[];
  meanTreeDepth: number;
  divergences: number;
  stats: Stats;
}

async function runOrrery(spec: ModelSpec, seed: number): Promise<SideResult & { lastPositions: Float64Array[]; gradUs: number; dim: number }> {
  let tFirst = 0;
  const mcmc = new MCMC(new NUTS(spec.model, { targetAcceptProb: TARGET_ACCEPT, maxTreeDepth: 10 }), {
    numWarmup: WARMUP,
    numSamples: SAMPLES,
    numChains: CHAINS,
    progressBar: false,
    onProgress: (e) => {
      if (tFirst === 0 && e.phase === "warmup") tFirst = performance.now();
    },
  });
  const t0 = performance.now();
  await mcmc.warmup(random.key(seed), spec.data);
  const t1 = performance.now();
  await mcmc.run(random.key(seed + 1), spec.data);
  const t2 = performance.now();
  const extra = mcmc.getExtraFields();
  const numSteps = extra.numSteps.data as Int32Array;
  const depth = extra.treeDepth.data as Int32Array;
  const samples = mcmc.getSamples({ groupByChain: true });
  const draws: Draws = {};
  for (const [name, v] of Object.entries(samples)) {
    const [c, n, ...rest] = v.shape;
    const data = v.data as Float64Array;
    const size = rest.reduce((a, b) => a * b, 1);
    for (let j = 0; j < size; j++) {
      const key = rest.length === 0 ? name : `${name}[${j + 1}]`;
      draws[key] = Array.from({ length: c }, (_, ci) => Array.from({ length: n }, (_, i) => data[(ci * n + i) * size + j]));
    }
  }
  // The gradient alone: time the compiled valueAndGrad at the last position (for the profile).
  const pot = potentialFromModel(spec.model, [spec.data]);
  const pos = mcmc.lastState[0].state.position;
  const ld = fromOrrery(pot.logp, pos);
  const g = new Float64Array(pot.dim);
  for (let i = 0; i < 2000; i++) ld.valueAndGrad(pos, g);
  const reps = 50_000;
  const tg = performance.now();
  for (let i = 0; i < reps; i++) ld.valueAndGrad(pos, g);
  const gradUs = ((performance.now() - tg) * 1000) / reps;
  return {
    compileS: (tFirst - t0) / 1000,
    warmupS: (t1 - tFirst) / 1000,
    sampleS: (t2 - t1) / 1000,
    leapfrogSample: numSteps.reduce((s, v) => s + v, 0),
    stepSize: mcmc.postWarmupState.map((s) => s.stepSize),
    meanTreeDepth: depth.reduce((s, v) => s + v, 0) / depth.length,
    divergences: mcmc.numDivergences,
    stats: stats(draws),
    lastPositions: mcmc.lastState.map((s) => Float64Array.from(s.state.position)),
    gradUs,
    dim: pot.dim,
  };
}

// ---------------------------------------------------------------------------------------------
// Stan

function stanAvailable(): { ok: boolean; why?: string } {
  const r = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages({library(rstan); library(jsonlite)}); cat('ok')"], { encoding: "utf8" });
  if (r.error) return { ok: false, why: "Rscript not found" };
  if (!r.stdout.includes("ok")) return { ok: false, why: `rstan or jsonlite not loadable: ${r.stderr.trim().split("\n").slice(-2).join(" ")}` };
  return { ok: true };
}

interface StanOut extends SideResult {
  compiledNow: boolean;
  logProb: number[];
  rstan: string;
  posteriorMinEssBulk: number;
}

function runStan(spec: ModelSpec, dataFile: string, points: number[][]): Promise<StanOut> {
  const input = join(work, `${spec.key}.in.json`);
  const output = join(work, `${spec.key}.out.json`);
  writeFileSync(input, JSON.stringify({ data_file: dataFile, model: spec.key, seed: SEED, chains: CHAINS, warmup: WARMUP, samples: SAMPLES, adapt_delta: TARGET_ACCEPT, points }));
  // Boost headers: Debian's r-cran-bh ships none; point rstan at /usr/include/boost through a
  // folder of our own (see /work/shared/PEERS.md). -O3 through R_MAKEVARS_USER, no -march=native.
  const boost = join(work, "boost");
  mkdirSync(boost, { recursive: true });
  spawnSync("ln", ["-sfn", "/usr/include/boost", join(boost, "boost")]);
  const makevars = join(work, "Makevars");
  writeFileSync(makevars, "CXX14FLAGS += -O3\nCXXFLAGS += -O3\n");
  return new Promise((resolve, reject) => {
    const p = spawn("Rscript", [join(here, "run_stan.R"), join(here, "stan", spec.stan), input, output, boost], {
      env: { ...process.env, R_MAKEVARS_USER: makevars },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (d) => (err += d));
    p.stdout.on("data", (d) => (err += d));
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`Rscript failed on ${spec.stan} (exit ${code}):\n${err.slice(-3000)}`));
      const o = JSON.parse(readFileSync(output, "utf8"));
      const draws: Draws = {};
      for (const [name, m] of Object.entries(o.draws as Record<string, number[][]>)) draws[name] = m;
      const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
      resolve({
        compileS: o.compile_s,
        compiledNow: o.compiled_now,
        warmupS: sum(o.warmup_s),
        sampleS: sum(o.sample_s),
        leapfrogSample: o.leapfrog_sample,
        stepSize: o.step_size,
        meanTreeDepth: o.mean_tree_depth,
        divergences: o.divergences,
        stats: stats(draws),
        logProb: [o.log_prob].flat(),
        rstan: o.rstan,
        posteriorMinEssBulk: Math.min(...(Object.values(o.posterior_ess_bulk) as number[])),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The demo, from a cold process to its printed summary.

function timeDemo(): Promise<{ wallToSummaryS: number; selfReportedS: number | null }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ["--conditions=source", "--import", "tsx", "examples/linear-regression/src/main.ts"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let tSummary = 0;
    p.stdout.on("data", (d) => {
      out += d;
      if (tSummary === 0 && out.includes("Number of divergences")) tSummary = performance.now();
    });
    p.stderr.on("data", () => {});
    p.on("close", (code) => {
      if (code !== 0 || tSummary === 0) return reject(new Error(`the demo failed (exit ${code}):\n${out.slice(-2000)}`));
      const m = /printed summary: ([\d.]+) s/.exec(out);
      resolve({ wallToSummaryS: (tSummary - t0) / 1000, selfReportedS: m ? Number(m[1]) : null });
    });
  });
}

// ---------------------------------------------------------------------------------------------

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? (Math.abs(v) >= 1e5 ? v.toExponential(2) : Number(v.toPrecision(d)).toLocaleString("en-US", { maximumSignificantDigits: d })) : String(v));
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

async function main() {
  const only = process.argv.slice(2);
  const dataFile = writeData();
  const specs = readData(dataFile).filter((s) => only.length === 0 || only.includes(s.key));
  const stan = stanAvailable();
  if (!stan.ok) {
    console.log(
      `Stan is not available here (${stan.why}); running Orrery alone. To install it (Debian, ~90 s):\n` +
        "  apt-get update && apt-get install -y r-base-core r-cran-rstan r-cran-posterior\n" +
        "(see /work/shared/PEERS.md; the Boost workaround is applied by this benchmark).\n",
    );
  }
  console.log(`Orrery vs Stan: ${CHAINS} chains × (${WARMUP} warmup + ${SAMPLES} draws), sequential, one core; target accept ${TARGET_ACCEPT}, diagonal metric`);
  console.log(`${REPEATS} timed runs per side and model with the same seed (same draws); the fastest warmup and sampling times are reported (VS_STAN_REPEATS)`);
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}; ${cpus().length} cores (${cpus()[0]?.model ?? "?"})\n`);

  const results: Json[] = [];
  for (const spec of specs) {
    console.log(`== ${spec.title}`);
    // Two Orrery runs in this process, each a new MCMC (so each traces and compiles): the first
    // pays V8's warm-up of the sampler's own code as well; the second is the one reported.
    const cold = await runOrrery(spec, SEED + 7);
    const o = await runOrrery(spec, SEED);
    for (let r = 1; r < REPEATS; r++) {
      const again = await runOrrery(spec, SEED);
      o.warmupS = Math.min(o.warmupS, again.warmupS);
      o.sampleS = Math.min(o.sampleS, again.sampleS);
      o.gradUs = Math.min(o.gradUs, again.gradUs);
    }
    // Log-density check points: two initial-style points (uniform(-2, 2)) and two posterior ones.
    const pot = potentialFromModel(spec.model, [spec.data]);
    const points: number[][] = [];
    for (let k = 0; k < 2; k++) points.push(Array.from(pot.init(random.key(100 + k))));
    points.push(Array.from(o.lastPositions[0]), Array.from(o.lastPositions[1]));
    const orreryLp = points.map((p) => Number((pot.logp(np.array(p)) as unknown as { item(): number }).item()));

    let s: StanOut | null = null;
    if (stan.ok) {
      try {
        s = await runStan(spec, dataFile, points);
        for (let r = 1; r < REPEATS; r++) {
          const again = await runStan(spec, dataFile, points);
          s.warmupS = Math.min(s.warmupS, again.warmupS);
          s.sampleS = Math.min(s.sampleS, again.sampleS);
        }
      } catch (e) {
        console.log(String(e));
      }
    }
    const relErr = s ? Math.max(...orreryLp.map((v, i) => Math.abs(v - s!.logProb[i]) / Math.max(1, Math.abs(s!.logProb[i])))) : NaN;

    const oLps = o.leapfrogSample / o.sampleS;
    const oEss = o.stats.minEssBulk / o.sampleS;
    const row = (name: string, ov: number, sv: number | undefined, d = 3) =>
      `  ${name.padEnd(30)} ${fmt(ov, d).padStart(12)} ${sv === undefined ? "—".padStart(12) : fmt(sv, d).padStart(12)} ${sv === undefined ? "" : fmt(ov / sv, 3).padStart(10)}`;
    console.log(`  ${"".padEnd(30)} ${"Orrery".padStart(12)} ${"Stan".padStart(12)} ${"Orrery/Stan".padStart(10)}`);
    console.log(row("compile / JIT, first (s)", cold.compileS, s?.compileS));
    console.log(row("warmup, 4 chains (s)", o.warmupS, s?.warmupS));
    console.log(row("sampling, 4 chains (s)", o.sampleS, s?.sampleS));
    console.log(row("leapfrog steps (sampling)", o.leapfrogSample, s?.leapfrogSample));
    console.log(row("leapfrog steps / s", oLps, s ? s.leapfrogSample / s.sampleS : undefined));
    console.log(row("min bulk ESS", o.stats.minEssBulk, s?.stats.minEssBulk));
    console.log(row("min bulk ESS / s (sampling)", oEss, s ? s.stats.minEssBulk / s.sampleS : undefined));
    console.log(row("min bulk ESS / s (warmup+samp.)", o.stats.minEssBulk / (o.warmupS + o.sampleS), s ? s.stats.minEssBulk / (s.warmupS + s.sampleS) : undefined));
    console.log(row("max R-hat", o.stats.maxRhat, s?.stats.maxRhat, 4));
    console.log(row("step size (mean of chains)", mean(o.stepSize), s ? mean(s.stepSize) : undefined));
    console.log(row("mean tree depth", o.meanTreeDepth, s?.meanTreeDepth));
    console.log(row("divergences", o.divergences, s?.divergences));
    console.log(`  Orrery's first run in this process (cold V8): compile ${fmt(cold.compileS)} s, warmup ${fmt(cold.warmupS)} s, sampling ${fmt(cold.sampleS)} s, ${fmt(cold.leapfrogSample / cold.sampleS)} leapfrog/s, min ESS/s ${fmt(cold.stats.minEssBulk / cold.sampleS)}`);
    console.log(`  gradient alone: ${o.gradUs.toFixed(2)} µs per valueAndGrad (dim ${o.dim}); ${((o.gradUs * o.leapfrogSample) / 1e6 / o.sampleS * 100).toFixed(0)}% of Orrery's sampling time`);
    if (s) console.log(`  log density at ${points.length} unconstrained points: max relative difference ${relErr.toExponential(2)} (${relErr <= 1e-8 ? "agree" : "DISAGREE"} to 1e-8)`);

    // Posterior means and sds side by side (scalars; vector sites summarised by their worst element).
    const names = Object.keys(o.stats.moments);
    const scalars = names.filter((n) => !n.includes("["));
    console.log(`  ${"posterior".padEnd(14)} ${"Orrery mean".padStart(12)} ${"Stan mean".padStart(12)} ${"Orrery sd".padStart(12)} ${"Stan sd".padStart(12)}`);
    for (const n of scalars) {
      const a = o.stats.moments[n], b = s?.stats.moments[n];
      console.log(`  ${n.padEnd(14)} ${fmt(a.mean, 4).padStart(12)} ${(b ? fmt(b.mean, 4) : "—").padStart(12)} ${fmt(a.sd, 4).padStart(12)} ${(b ? fmt(b.sd, 4) : "—").padStart(12)}`);
    }
    let maxZ = 0, maxZName = "";
    if (s) {
      for (const n of names) {
        const a = o.stats.moments[n], b = s.stats.moments[n];
        if (!b) continue;
        const z = Math.abs(a.mean - b.mean) / Math.max(1e-300, Math.sqrt((a.sd ** 2 + b.sd ** 2) / 2));
        if (z > maxZ) [maxZ, maxZName] = [z, n];
      }
      const vec = names.length - scalars.length;
      console.log(`  largest |mean difference| / sd over all ${names.length} quantities${vec ? ` (incl. ${vec} vector elements)` : ""}: ${maxZ.toFixed(3)} (${maxZName})`);
    }
    console.log("");
    results.push({
      model: spec.key,
      title: spec.title,
      dim: o.dim,
      orrery_first_run: {
        compile_s: cold.compileS,
        warmup_s: cold.warmupS,
        sample_s: cold.sampleS,
        leapfrog_per_s: cold.leapfrogSample / cold.sampleS,
        min_ess_bulk_per_s: cold.stats.minEssBulk / cold.sampleS,
        step_size: cold.stepSize,
        mean_tree_depth: cold.meanTreeDepth,
      },
      orrery: {
        compile_s_first_call: cold.compileS,
        compile_s: o.compileS,
        warmup_s: o.warmupS,
        sample_s: o.sampleS,
        leapfrog_sample: o.leapfrogSample,
        leapfrog_per_s: oLps,
        min_ess_bulk: o.stats.minEssBulk,
        min_ess_bulk_param: o.stats.minEssName,
        min_ess_bulk_per_s: oEss,
        max_rhat: o.stats.maxRhat,
        step_size: o.stepSize,
        mean_tree_depth: o.meanTreeDepth,
        divergences: o.divergences,
        grad_us: o.gradUs,
        moments: o.stats.moments,
      },
      stan: s && {
        rstan: s.rstan,
        compile_s: s.compileS,
        compiled_this_run: s.compiledNow,
        warmup_s: s.warmupS,
        sample_s: s.sampleS,
        leapfrog_sample: s.leapfrogSample,
        leapfrog_per_s: s.leapfrogSample / s.sampleS,
        min_ess_bulk: s.stats.minEssBulk,
        min_ess_bulk_param: s.stats.minEssName,
        min_ess_bulk_posterior_pkg: s.posteriorMinEssBulk,
        min_ess_bulk_per_s: s.stats.minEssBulk / s.sampleS,
        max_rhat: s.stats.maxRhat,
        step_size: s.stepSize,
        mean_tree_depth: s.meanTreeDepth,
        divergences: s.divergences,
        moments: s.stats.moments,
      },
      ratios: s && {
        compile: cold.compileS / s.compileS,
        warmup: o.warmupS / s.warmupS,
        sampling: o.sampleS / s.sampleS,
        leapfrog_per_s: oLps / (s.leapfrogSample / s.sampleS),
        min_ess_per_s: oEss / (s.stats.minEssBulk / s.sampleS),
        step_size: mean(o.stepSize) / mean(s.stepSize),
        mean_tree_depth: o.meanTreeDepth / s.meanTreeDepth,
      },
      log_density_check: s && { points, orrery: orreryLp, stan: s.logProb, max_rel_diff: relErr, agree_1e8: relErr <= 1e-8 },
      max_standardised_mean_diff: s ? { value: maxZ, quantity: maxZName } : null,
    });
  }

  console.log("== linear-regression demo from a cold process (node --conditions=source --import tsx examples/linear-regression/src/main.ts)");
  const demo = await timeDemo();
  console.log(`  wall time to the printed summary: ${demo.wallToSummaryS.toFixed(2)} s (the script's own count from its first line: ${demo.selfReportedS ?? "?"} s)\n`);

  // Targets.
  const targets: Json[] = [];
  const target = (name: string, met: boolean | null, detail: string) => {
    targets.push({ target: name, met, detail });
    console.log(`  ${met === null ? "n/a " : met ? "MET " : "NOT "} ${name}: ${detail}`);
  };
  console.log("== targets");
  const withStan = results.filter((r) => r.ratios);
  const ratio = (r: Json, k: string) => (r.ratios as Record<string, number>)[k];
  const list = (k: string) => withStan.map((r) => `${r.model} ${fmt(ratio(r, k), 3)}×`).join(", ");
  const has = withStan.length > 0;
  target("leapfrog steps/s ≥ 3× Stan's on every model", has ? withStan.every((r) => ratio(r, "leapfrog_per_s") >= 3) : null, list("leapfrog_per_s"));
  target("min bulk ESS/s ≥ Stan's on every model", has ? withStan.every((r) => ratio(r, "min_ess_per_s") >= 1) : null, list("min_ess_per_s"));
  target("NUTS step size within 20% of Stan's", has ? withStan.every((r) => Math.abs(ratio(r, "step_size") - 1) <= 0.2) : null, list("step_size"));
  target("mean tree depth within 20% of Stan's", has ? withStan.every((r) => Math.abs(ratio(r, "mean_tree_depth") - 1) <= 0.2) : null, list("mean_tree_depth"));
  target("log densities agree to 1e-8 relative", has ? withStan.every((r) => (r.log_density_check as Json).agree_1e8 === true) : null, withStan.map((r) => `${r.model} ${((r.log_density_check as Json).max_rel_diff as number).toExponential(1)}`).join(", "));
  target("linear-regression demo, cold process to summary < 2 s", demo.wallToSummaryS < 2, `${demo.wallToSummaryS.toFixed(2)} s`);

  const out = join(root, "bench", "results", "vs-stan.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        benchmark: "vs-stan",
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        loadavg: loadavg(),
        settings: { chains: CHAINS, warmup: WARMUP, samples: SAMPLES, target_accept: TARGET_ACCEPT, metric: "diag", max_tree_depth: 10, chains_run: "sequential, one core", seed: SEED, timed_repeats: REPEATS, reported_times: "fastest of the repeats, per phase" },
        stan_available: stan.ok,
        results,
        demo,
        targets,
      },
      null,
      1,
    ) + "\n",
  );
  console.log(`\nWrote bench/results/vs-stan.json`);
}

await main();
