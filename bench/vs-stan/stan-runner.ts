/**
 * Running a Stan program with rstan from TypeScript (run_stan.R does the R side); the draws come
 * back named as draws.ts names Orrery's.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Draws } from "./draws.js";
import type { ModelSpec } from "./seed-models.js";

export { type ChainDraws, type Draws, orreryDraws } from "./draws.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Where the data, inputs, outputs and draws of the runs go (git-ignored). */
export const WORK_DIR = join(here, ".work");

/**
 * Whether Rscript with rstan and jsonlite can be run here, and why not.
 *
 * @example
 * ```ts
 * const { ok, why } = stanAvailable();
 * ```
 */
export function stanAvailable(): { ok: boolean; why?: string } {
  const r = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages({library(rstan); library(jsonlite); library(posterior)}); cat('ok')"], { encoding: "utf8" });
  if (r.error) return { ok: false, why: "Rscript not found" };
  if (!r.stdout.includes("ok")) return { ok: false, why: `rstan, jsonlite or posterior not loadable: ${r.stderr.trim().split("\n").slice(-2).join(" ")}` };
  return { ok: true };
}

/** What one rstan run is asked to do. */
export interface StanRunOptions {
  seed: number;
  chains: number;
  warmup: number;
  samples: number;
  adaptDelta: number;
  maxTreeDepth?: number;
  /** Unconstrained points (Stan's layout, which the specs make Orrery's) to evaluate `log_prob` at. */
  points?: number[][];
  /** Bring the draws back (default true). */
  draws?: boolean;
  /** Compute posterior's mean, sd, mcse_mean, mcse_sd, rhat, ess_bulk, ess_tail (default false). */
  summary?: boolean;
  /** A name for the run's files under .work/ (default the spec's key). */
  tag?: string;
}

/** posterior::summarise_draws' numbers for one quantity. */
export interface StanSummaryRow {
  mean: number;
  sd: number;
  mcse_mean: number;
  mcse_sd: number;
  rhat: number;
  ess_bulk: number;
  ess_tail: number;
}

/** What run_stan.R reports: Stan's own timings and sampler numbers, draws, log densities. */
export interface StanRun {
  rstan: string;
  posteriorVersion: string;
  compileS: number;
  compiledNow: boolean;
  /** Per chain, Stan's own `get_elapsed_time`. */
  warmupS: number[];
  sampleS: number[];
  leapfrogWarmup: number;
  leapfrogSample: number;
  stepSize: number[];
  meanTreeDepth: number;
  divergences: number;
  meanAccept: number;
  uparsDim: number;
  logProb: number[];
  draws: Draws | null;
  posteriorEssBulk: Record<string, number>;
  posteriorRhat: Record<string, number>;
  summary: Record<string, StanSummaryRow> | null;
}

/**
 * Run `spec`'s Stan program on `spec.stanData` with rstan (4 chains one after another on one
 * core unless told otherwise), and read back its numbers and draws. The compiled model is
 * cached next to the .stan file; Boost headers and -O3 are set up as /work/shared/PEERS.md says.
 *
 * @example
 * ```ts
 * const s = await runStan(MODELS.gaia_single_star(), { seed: 1, chains: 4, warmup: 1000, samples: 1000, adaptDelta: 0.8 });
 * s.draws!.r; // 4 × 1000
 * ```
 */
export function runStan(spec: ModelSpec, o: StanRunOptions): Promise<StanRun> {
  mkdirSync(WORK_DIR, { recursive: true });
  const tag = o.tag ?? spec.key;
  const dataFile = join(WORK_DIR, `${tag}.data.json`);
  const input = join(WORK_DIR, `${tag}.in.json`);
  const output = join(WORK_DIR, `${tag}.out.json`);
  const drawsFile = join(WORK_DIR, `${tag}.draws.f64`);
  const wantDraws = o.draws ?? true;
  writeFileSync(dataFile, JSON.stringify(spec.stanData));
  writeFileSync(
    input,
    JSON.stringify({
      data_file: dataFile,
      seed: o.seed,
      chains: o.chains,
      warmup: o.warmup,
      samples: o.samples,
      adapt_delta: o.adaptDelta,
      max_treedepth: o.maxTreeDepth ?? 10,
      points: o.points ?? [],
      init: spec.init?.stan ?? null,
      draws_file: wantDraws ? drawsFile : null,
      summary: o.summary ?? false,
    }),
  );
  // Boost headers: Debian's r-cran-bh ships none; point rstan at /usr/include/boost through a
  // folder of our own (see /work/shared/PEERS.md). -O3 through R_MAKEVARS_USER, no -march=native.
  const boost = join(WORK_DIR, "boost");
  mkdirSync(boost, { recursive: true });
  spawnSync("ln", ["-sfn", "/usr/include/boost", join(boost, "boost")]);
  const makevars = join(WORK_DIR, "Makevars");
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
      const r = JSON.parse(readFileSync(output, "utf8"));
      const names = r.draw_names as string[];
      let draws: Draws | null = null;
      if (wantDraws) {
        const buf = readFileSync(drawsFile);
        const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
        const chains = r.chains as number, n = r.draws_per_chain as number;
        if (all.length !== names.length * chains * n) return reject(new Error(`${drawsFile}: ${all.length} values, expected ${names.length} × ${chains} × ${n}`));
        draws = {};
        names.forEach((name, p) => {
          draws![name] = Array.from({ length: chains }, (_, c) => Array.from(all.subarray((p * chains + c) * n, (p * chains + c + 1) * n)));
        });
      }
      resolve({
        rstan: r.rstan,
        posteriorVersion: r.posterior,
        compileS: r.compile_s,
        compiledNow: r.compiled_now,
        warmupS: r.warmup_s,
        sampleS: r.sample_s,
        leapfrogWarmup: r.leapfrog_warmup,
        leapfrogSample: r.leapfrog_sample,
        stepSize: r.step_size,
        meanTreeDepth: r.mean_tree_depth,
        divergences: r.divergences,
        meanAccept: r.mean_accept,
        uparsDim: r.upars_dim,
        logProb: (r.log_prob as string[]).map(Number),
        draws,
        posteriorEssBulk: r.posterior_ess_bulk,
        posteriorRhat: r.posterior_rhat,
        summary: r.summary ?? null,
      });
    });
  });
}

/**
 * The largest relative difference of two lists of log densities, |a − b| / max(1, |b|).
 *
 * @example
 * ```ts
 * maxRelDiff([-10.5], [-10.5000000001]); // ~1e-11
 * ```
 */
export function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`maxRelDiff: ${a.length} values against ${b.length}`);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i]))));
}
