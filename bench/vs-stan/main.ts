/**
 * Benchmark: Orrery and Stan (rstan) on the same models and data, in one run, with ratios.
 *
 *   pnpm bench:vs-stan [key ...]
 *   (= node --conditions=source --import tsx bench/vs-stan/main.ts [key ...])
 *
 * Models (seed-models.ts, each with its Stan program in stan/<key>.stan): the bench's own
 * `linreg_mb` (plain (m, b) line), `mixture` (Hogg et al.'s outlier mixture) and `hierarchical`
 * (non-centred, 50 groups), and the examples' seed models, imported from examples/*\/src:
 * `linreg_theta` (the line fit, θ and b⊥), `hr_diagram` (4 clusters × 25 stars, Poisson photon
 * counts), `gaia_single_star` (the EDSD prior as a TransformedDistribution) and `m67` (4,298
 * stars, 4,304 parameters). `linreg_xerr` and `outliers` (the examples whose Stan references
 * the stats tests use) run when named; `all` runs every key. Without arguments the default set
 * runs, then the linear-regression demo's cold start is timed.
 *
 * The data are made once per model from fixed keys; Stan reads them from the JSON the same
 * arrays are written to (float64 round-trips exactly). Both sides: chains one after another on
 * one core, 1000 warmup + 1000 draws × 4 chains, target acceptance 0.8, diagonal metric, max
 * tree depth 10. M67 runs shorter (2 chains × (300 + 300) by default; VS_STAN_M67_CHAINS,
 * VS_STAN_M67_WARMUP, VS_STAN_M67_SAMPLES), from the example's starting point on both sides.
 *
 * For each model: compile time (Stan's C++ compile, cached with auto_write and reported from the
 * run that made it; Orrery's trace + compile = the time to the first warmup iteration), warmup
 * and sampling times, leapfrog steps per second of sampling, min bulk ESS per second of sampling
 * (@orrery/diagnostics' essBulk on both sides' draws), max R-hat, adapted step size, mean tree
 * depth, the log densities of both at the same unconstrained points, and the posterior means
 * and sds of every quantity side by side, each difference in units of its combined Monte Carlo
 * standard error (mcseMean, mcseSd of both sides' draws).
 * Each side runs VS_STAN_REPEATS times (default 3; M67 once) with the same seed, so the same
 * draws, and the fastest warmup and sampling times are reported (the machine is shared).
 * Writes bench/results/vs-stan.json. Installs nothing: without Rscript or rstan it runs Orrery
 * alone and prints how to install them.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { np, random } from "@orrery/core";
import { essBulk, mcseMean, mcseSd, rhat } from "../../packages/diagnostics/src/index.js";
import { MCMC, NUTS } from "../../packages/infer/src/index.js";
import { fromOrrery } from "../../packages/mcmc/src/index.js";
import { potentialFromModel } from "../../packages/ppl/src/index.js";
import { DEFAULT_KEYS, MODELS, type ModelSpec, REPO_ROOT, type RunSettings, initStrategyOf } from "./seed-models.js";
import { type ChainDraws, type Draws, type StanRun, maxRelDiff, orreryDraws, runStan, stanAvailable } from "./stan-runner.js";

const root = REPO_ROOT;
const DEFAULTS: RunSettings = { chains: 4, warmup: 1000, samples: 1000, repeats: Number(process.env.VS_STAN_REPEATS ?? 3), coldRun: true };
const TARGET_ACCEPT = 0.8;
const MAX_TREE_DEPTH = 10;
const SEED = 20240601;
/** Log densities must agree to this (relative) at every check point. */
const LOGP_TOL = 1e-10;

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Draws and their statistics, the same code for both sides.

interface Moment {
  mean: number;
  sd: number;
  mcseMean: number;
  mcseSd: number;
}

interface Stats {
  minEssBulk: number;
  minEssName: string;
  maxRhat: number;
  maxRhatName: string;
  moments: Record<string, Moment>;
}

function stats(draws: Draws): Stats {
  let minEss = Infinity, minName = "", maxR = -Infinity, maxName = "";
  const moments: Stats["moments"] = {};
  for (const [name, chains] of Object.entries(draws)) {
    const all = chains.flat();
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1));
    // A constant quantity (e.g. a generated quantity that does not vary) has no ESS or R-hat.
    if (!(sd > 0)) {
      moments[name] = { mean, sd, mcseMean: 0, mcseSd: 0 };
      continue;
    }
    const e = essBulk(chains);
    const r = rhat(chains);
    if (e < minEss) [minEss, minName] = [e, name];
    if (r > maxR) [maxR, maxName] = [r, name];
    moments[name] = { mean, sd, mcseMean: mcseMean(chains), mcseSd: mcseSd(chains) };
  }
  return { minEssBulk: minEss, minEssName: minName, maxRhat: maxR, maxRhatName: maxName, moments };
}

/** Every quantity both sides have: the mean and sd differences in units of their combined MCSE. */
function compareMoments(a: Stats, b: Stats, only?: readonly string[]): { rows: Record<string, { zMean: number; zSd: number }>; maxZMean: number; maxZMeanName: string; maxZSd: number; maxZSdName: string; over4: number; n: number } {
  const rows: Record<string, { zMean: number; zSd: number }> = {};
  let maxZMean = 0, maxZMeanName = "", maxZSd = 0, maxZSdName = "", over4 = 0, n = 0;
  for (const [name, x] of Object.entries(a.moments)) {
    const y = b.moments[name];
    if (!y || !(x.sd > 0) || (only && !only.includes(name))) continue;
    const zMean = Math.abs(x.mean - y.mean) / Math.hypot(x.mcseMean, y.mcseMean);
    const zSd = Math.abs(x.sd - y.sd) / Math.hypot(x.mcseSd, y.mcseSd);
    rows[name] = { zMean, zSd };
    n++;
    if (zMean > 4 || zSd > 4) over4++;
    if (zMean > maxZMean) [maxZMean, maxZMeanName] = [zMean, name];
    if (zSd > maxZSd) [maxZSd, maxZSdName] = [zSd, name];
  }
  return { rows, maxZMean, maxZMeanName, maxZSd, maxZSdName, over4, n };
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

type OrreryResult = SideResult & { lastPositions: Float64Array[]; gradUs: number; dim: number };

async function runOrrery(spec: ModelSpec, set: RunSettings, seed: number): Promise<OrreryResult> {
  let tFirst = 0;
  const initStrategy = initStrategyOf(spec);
  const kernel = new NUTS(spec.model, { targetAcceptProb: TARGET_ACCEPT, maxTreeDepth: MAX_TREE_DEPTH, ...(initStrategy ? { initStrategy } : {}) });
  const mcmc = new MCMC(kernel, {
    numWarmup: set.warmup,
    numSamples: set.samples,
    numChains: set.chains,
    progressBar: false,
    onProgress: (e) => {
      if (tFirst === 0 && e.phase === "warmup") tFirst = performance.now();
    },
  });
  const t0 = performance.now();
  await mcmc.warmup(random.key(seed), spec.args);
  const t1 = performance.now();
  await mcmc.run(random.key(seed + 1), spec.args);
  const t2 = performance.now();
  const extra = mcmc.getExtraFields();
  const numSteps = extra.numSteps.data as Int32Array;
  const depth = extra.treeDepth.data as Int32Array;
  const draws = orreryDraws(mcmc.getSamples({ groupByChain: true }) as unknown as Record<string, ChainDraws>);
  // The gradient alone: the compiled valueAndGrad at the last position, the fastest of 5
  // batches of ~0.1 s each (one long batch can catch a burst of the machine's other work).
  const pot = potentialFromModel(spec.model, [spec.args]);
  const pos = mcmc.lastState[0].state.position;
  const ld = fromOrrery(pot.logp, pos);
  const g = new Float64Array(pot.dim);
  let tg = performance.now();
  let warm = 0;
  while (performance.now() - tg < 100 || warm < 20) {
    ld.valueAndGrad(pos, g);
    warm++;
  }
  const reps = Math.max(10, Math.min(20_000, Math.round((100 * warm) / (performance.now() - tg))));
  let gradUs = Infinity;
  for (let b = 0; b < 5; b++) {
    tg = performance.now();
    for (let i = 0; i < reps; i++) ld.valueAndGrad(pos, g);
    gradUs = Math.min(gradUs, ((performance.now() - tg) * 1000) / reps);
  }
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

interface StanOut extends SideResult {
  compiledNow: boolean;
  logProb: number[];
  rstan: string;
  posteriorMinEssBulk: number;
}

async function stanSide(spec: ModelSpec, set: RunSettings, points: number[][]): Promise<StanOut> {
  const r: StanRun = await runStan(spec, { seed: SEED, chains: set.chains, warmup: set.warmup, samples: set.samples, adaptDelta: TARGET_ACCEPT, maxTreeDepth: MAX_TREE_DEPTH, points });
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  return {
    compileS: r.compileS,
    compiledNow: r.compiledNow,
    warmupS: sum(r.warmupS),
    sampleS: sum(r.sampleS),
    leapfrogSample: r.leapfrogSample,
    stepSize: r.stepSize,
    meanTreeDepth: r.meanTreeDepth,
    divergences: r.divergences,
    stats: stats(r.draws!),
    logProb: r.logProb,
    rstan: r.rstan,
    posteriorMinEssBulk: Math.min(...Object.values(r.posteriorEssBulk).filter((v) => Number.isFinite(v))),
  };
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
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");

function selectedKeys(args: string[]): string[] {
  if (args.length === 0) return DEFAULT_KEYS;
  if (args.includes("all")) return Object.keys(MODELS);
  const unknown = args.filter((k) => !(k in MODELS));
  if (unknown.length > 0) throw new Error(`unknown model key(s) ${unknown.join(", ")}; the keys are: ${Object.keys(MODELS).join(", ")} (or all)`);
  return args;
}

async function main() {
  const args = process.argv.slice(2);
  const keys = selectedKeys(args);
  const stan = stanAvailable();
  if (!stan.ok) {
    console.log(
      `Stan is not available here (${stan.why}); running Orrery alone. To install it (Debian, ~90 s):\n` +
        "  apt-get update && apt-get install -y r-base-core r-cran-rstan r-cran-posterior\n" +
        "(see /work/shared/PEERS.md; the Boost workaround is applied by this benchmark).\n",
    );
  }
  const tBench = performance.now();
  const loadStart = loadavg();
  console.log(`Orrery vs Stan: ${DEFAULTS.chains} chains × (${DEFAULTS.warmup} warmup + ${DEFAULTS.samples} draws) unless a model says otherwise, sequential, one core; target accept ${TARGET_ACCEPT}, diagonal metric`);
  console.log(`${DEFAULTS.repeats} timed runs per side and model with the same seed (same draws); the fastest warmup and sampling times are reported (VS_STAN_REPEATS)`);
  console.log(`load average ${load()}; ${cpus().length} cores (${cpus()[0]?.model ?? "?"})\n`);

  const results: Json[] = [];
  for (const key of keys) {
    const spec = MODELS[key]();
    const set: RunSettings = { ...DEFAULTS, ...spec.settings };
    console.log(`== ${spec.title} [${key}]`);
    if (spec.settingsNote) console.log(`  ${spec.settingsNote}`);
    // With coldRun, two Orrery runs in this process, each a new MCMC (so each traces and
    // compiles): the first pays V8's warm-up of the sampler's own code as well; the second is
    // the one reported.
    const cold = set.coldRun ? await runOrrery(spec, set, SEED + 7) : null;
    const o = await runOrrery(spec, set, SEED);
    for (let r = 1; r < set.repeats; r++) {
      const again = await runOrrery(spec, set, SEED);
      o.warmupS = Math.min(o.warmupS, again.warmupS);
      o.sampleS = Math.min(o.sampleS, again.sampleS);
      o.gradUs = Math.min(o.gradUs, again.gradUs);
    }
    const first = cold ?? o;
    // Log-density check points: two initial-style points (uniform(-2, 2)), the common starting
    // point if the model has one, and the last positions of (up to) two chains.
    const pot = potentialFromModel(spec.model, [spec.args]);
    const points: number[][] = [];
    for (let k = 0; k < 2; k++) points.push(Array.from(pot.init(random.key(100 + k))));
    if (spec.init) points.push(Array.from(pot.init(random.key(0), initStrategyOf(spec))));
    for (const p of o.lastPositions.slice(0, 2)) points.push(Array.from(p));
    const orreryLp = points.map((p) => Number((pot.logp(np.array(p)) as unknown as { item(): number }).item()));

    let s: StanOut | null = null;
    if (stan.ok) {
      try {
        s = await stanSide(spec, set, points);
        for (let r = 1; r < set.repeats; r++) {
          const again = await stanSide(spec, set, points);
          s.warmupS = Math.min(s.warmupS, again.warmupS);
          s.sampleS = Math.min(s.sampleS, again.sampleS);
        }
      } catch (e) {
        console.log(String(e));
      }
    }
    const relErr = s ? maxRelDiff(orreryLp, s.logProb) : NaN;
    const absErr = s ? Math.max(...orreryLp.map((v, i) => Math.abs(v - s!.logProb[i]))) : NaN;

    const oLps = o.leapfrogSample / o.sampleS;
    const oEss = o.stats.minEssBulk / o.sampleS;
    const row = (name: string, ov: number, sv: number | undefined, d = 3) =>
      `  ${name.padEnd(30)} ${fmt(ov, d).padStart(12)} ${sv === undefined ? "—".padStart(12) : fmt(sv, d).padStart(12)} ${sv === undefined ? "" : fmt(ov / sv, 3).padStart(10)}`;
    const c = set.chains;
    console.log(`  ${"".padEnd(30)} ${"Orrery".padStart(12)} ${"Stan".padStart(12)} ${"Orrery/Stan".padStart(10)}`);
    console.log(row("compile / JIT, first (s)", first.compileS, s?.compileS));
    console.log(row(`warmup, ${c} chain${c > 1 ? "s" : ""} (s)`, o.warmupS, s?.warmupS));
    console.log(row(`sampling, ${c} chain${c > 1 ? "s" : ""} (s)`, o.sampleS, s?.sampleS));
    console.log(row("leapfrog steps (sampling)", o.leapfrogSample, s?.leapfrogSample));
    console.log(row("leapfrog steps / s", oLps, s ? s.leapfrogSample / s.sampleS : undefined));
    console.log(row("min bulk ESS", o.stats.minEssBulk, s?.stats.minEssBulk));
    console.log(row("min bulk ESS / s (sampling)", oEss, s ? s.stats.minEssBulk / s.sampleS : undefined));
    console.log(row("min bulk ESS / s (warmup+samp.)", o.stats.minEssBulk / (o.warmupS + o.sampleS), s ? s.stats.minEssBulk / (s.warmupS + s.sampleS) : undefined));
    console.log(row("max R-hat", o.stats.maxRhat, s?.stats.maxRhat, 4));
    console.log(row("step size (mean of chains)", mean(o.stepSize), s ? mean(s.stepSize) : undefined));
    console.log(row("mean tree depth", o.meanTreeDepth, s?.meanTreeDepth));
    console.log(row("divergences", o.divergences, s?.divergences));
    if (cold) console.log(`  Orrery's first run in this process (cold V8): compile ${fmt(cold.compileS)} s, warmup ${fmt(cold.warmupS)} s, sampling ${fmt(cold.sampleS)} s, ${fmt(cold.leapfrogSample / cold.sampleS)} leapfrog/s, min ESS/s ${fmt(cold.stats.minEssBulk / cold.sampleS)}`);
    console.log(`  gradient alone: ${o.gradUs.toFixed(2)} µs per valueAndGrad (dim ${o.dim}); ${((o.gradUs * o.leapfrogSample) / 1e6 / o.sampleS * 100).toFixed(0)}% of Orrery's sampling time`);
    if (s) console.log(`  log density at ${points.length} unconstrained points: max relative difference ${relErr.toExponential(2)}, max absolute ${absErr.toExponential(2)} (${relErr <= LOGP_TOL ? "agree" : "DISAGREE"} to ${LOGP_TOL})`);

    // Posterior means and sds side by side, each difference in combined MCSEs.
    const names = Object.keys(o.stats.moments);
    const shown = spec.show ?? names.filter((n) => !n.includes("["));
    const cmp = s ? compareMoments(o.stats, s.stats) : null;
    const judged = s && spec.agreeOn ? compareMoments(o.stats, s.stats, spec.agreeOn) : cmp;
    console.log(`  ${"posterior".padEnd(14)} ${"Orrery mean".padStart(12)} ${"Stan mean".padStart(12)} ${"Δ/MCSE".padStart(7)} ${"Orrery sd".padStart(12)} ${"Stan sd".padStart(12)} ${"Δ/MCSE".padStart(7)}`);
    for (const n of shown) {
      const a = o.stats.moments[n], b = s?.stats.moments[n], z = cmp?.rows[n];
      if (!a) continue;
      console.log(
        `  ${n.padEnd(14)} ${fmt(a.mean, 5).padStart(12)} ${(b ? fmt(b.mean, 5) : "—").padStart(12)} ${(z ? z.zMean.toFixed(2) : "—").padStart(7)} ` +
          `${fmt(a.sd, 4).padStart(12)} ${(b ? fmt(b.sd, 4) : "—").padStart(12)} ${(z ? z.zSd.toFixed(2) : "—").padStart(7)}`,
      );
    }
    if (cmp) {
      console.log(
        `  over all ${cmp.n} quantities: largest |Δmean| ${cmp.maxZMean.toFixed(2)} MCSE (${cmp.maxZMeanName}), largest |Δsd| ${cmp.maxZSd.toFixed(2)} MCSE (${cmp.maxZSdName}); ` +
          `${cmp.over4} beyond 4 MCSE (${((2 * cmp.n * 6.3e-5)).toFixed(2)} expected by chance if the MCSEs are right)`,
      );
      if (judged && judged !== cmp) console.log(`  over the ${judged.n} judged (${spec.agreeOn!.join(", ")}): largest |Δmean| ${judged.maxZMean.toFixed(2)} MCSE (${judged.maxZMeanName}), largest |Δsd| ${judged.maxZSd.toFixed(2)} MCSE (${judged.maxZSdName})`);
    }
    console.log(`  load average now ${load()}\n`);
    results.push({
      model: key,
      title: spec.title,
      dim: o.dim,
      data: spec.dataSource,
      settings: { chains: set.chains, warmup: set.warmup, samples: set.samples, timed_repeats: set.repeats, cold_run: set.coldRun, common_init: spec.init !== undefined, note: spec.settingsNote ?? null },
      orrery_first_run: cold && {
        compile_s: cold.compileS,
        warmup_s: cold.warmupS,
        sample_s: cold.sampleS,
        leapfrog_per_s: cold.leapfrogSample / cold.sampleS,
        min_ess_bulk_per_s: cold.stats.minEssBulk / cold.sampleS,
        step_size: cold.stepSize,
        mean_tree_depth: cold.meanTreeDepth,
      },
      orrery: {
        compile_s_first_call: first.compileS,
        compile_s: o.compileS,
        warmup_s: o.warmupS,
        sample_s: o.sampleS,
        leapfrog_sample: o.leapfrogSample,
        leapfrog_per_s: oLps,
        min_ess_bulk: o.stats.minEssBulk,
        min_ess_bulk_param: o.stats.minEssName,
        min_ess_bulk_per_s: oEss,
        max_rhat: o.stats.maxRhat,
        max_rhat_param: o.stats.maxRhatName,
        step_size: o.stepSize,
        mean_tree_depth: o.meanTreeDepth,
        divergences: o.divergences,
        grad_us: o.gradUs,
        moments: Object.fromEntries(shown.filter((n) => o.stats.moments[n]).map((n) => [n, o.stats.moments[n]])),
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
        max_rhat_param: s.stats.maxRhatName,
        step_size: s.stepSize,
        mean_tree_depth: s.meanTreeDepth,
        divergences: s.divergences,
        moments: Object.fromEntries(shown.filter((n) => s!.stats.moments[n]).map((n) => [n, s!.stats.moments[n]])),
      },
      ratios: s && {
        compile: first.compileS / s.compileS,
        warmup: o.warmupS / s.warmupS,
        sampling: o.sampleS / s.sampleS,
        leapfrog_per_s: oLps / (s.leapfrogSample / s.sampleS),
        min_ess_per_s: oEss / (s.stats.minEssBulk / s.sampleS),
        step_size: mean(o.stepSize) / mean(s.stepSize),
        mean_tree_depth: o.meanTreeDepth / s.meanTreeDepth,
      },
      log_density_check: s && { points: o.dim <= 200 ? points : `${points.length} points of dim ${o.dim} (not written)`, orrery: orreryLp, stan: s.logProb, max_rel_diff: relErr, max_abs_diff: absErr, tolerance: LOGP_TOL, agree: relErr <= LOGP_TOL },
      posterior_agreement: cmp && judged && {
        judged_on: spec.agreeOn ?? "all quantities",
        judged_max_mean_diff_mcse: { value: judged.maxZMean, quantity: judged.maxZMeanName },
        judged_max_sd_diff_mcse: { value: judged.maxZSd, quantity: judged.maxZSdName },
        quantities: cmp.n,
        max_mean_diff_mcse: { value: cmp.maxZMean, quantity: cmp.maxZMeanName },
        max_sd_diff_mcse: { value: cmp.maxZSd, quantity: cmp.maxZSdName },
        beyond_4_mcse: cmp.over4,
        shown: Object.fromEntries(shown.filter((n) => cmp.rows[n]).map((n) => [n, cmp.rows[n]])),
      },
      loadavg_after: loadavg(),
    });
  }

  let demo: { wallToSummaryS: number; selfReportedS: number | null } | null = null;
  if (args.length === 0 || args.includes("all")) {
    console.log("== linear-regression demo from a cold process (node --conditions=source --import tsx examples/linear-regression/src/main.ts)");
    demo = await timeDemo();
    console.log(`  wall time to the printed summary: ${demo.wallToSummaryS.toFixed(2)} s (the script's own count from its first line: ${demo.selfReportedS ?? "?"} s)\n`);
  }

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
  target(`log densities agree to ${LOGP_TOL} relative`, has ? withStan.every((r) => (r.log_density_check as Json).agree === true) : null, withStan.map((r) => `${r.model} ${((r.log_density_check as Json).max_rel_diff as number).toExponential(1)}`).join(", "));
  const agreement = (r: Json) => r.posterior_agreement as { judged_max_mean_diff_mcse: { value: number }; judged_max_sd_diff_mcse: { value: number } };
  target(
    "posterior means and sds within 4 combined MCSE (every quantity; M67: the cluster parameters)",
    has ? withStan.every((r) => agreement(r).judged_max_mean_diff_mcse.value <= 4 && agreement(r).judged_max_sd_diff_mcse.value <= 4) : null,
    withStan.map((r) => `${r.model} ${agreement(r).judged_max_mean_diff_mcse.value.toFixed(1)}/${agreement(r).judged_max_sd_diff_mcse.value.toFixed(1)}`).join(", "),
  );
  if (demo) target("linear-regression demo, cold process to summary < 2 s", demo.wallToSummaryS < 2, `${demo.wallToSummaryS.toFixed(2)} s`);
  const totalS = (performance.now() - tBench) / 1000;
  console.log(`\nwhole run ${fmt(totalS)} s; load average at the start ${loadStart.map((v) => v.toFixed(2)).join(" ")}, at the end ${load()}`);

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
        loadavg_start: loadStart,
        loadavg_end: loadavg(),
        wall_s: totalS,
        models_run: keys,
        settings: { ...DEFAULTS, target_accept: TARGET_ACCEPT, metric: "diag", max_tree_depth: MAX_TREE_DEPTH, chains_run: "sequential, one core", seed: SEED, reported_times: "fastest of the repeats, per phase", per_model: "see each result's settings" },
        stan_available: stan.ok,
        results,
        demo,
        targets,
      },
      null,
      1,
    ) + "\n",
  );
  console.log(`Wrote bench/results/vs-stan.json`);
}

await main();
