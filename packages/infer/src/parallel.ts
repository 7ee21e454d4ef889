/**
 * Parallel chains: each chain runs in a worker thread (Node). The worker gets the compiled
 * log density as plain data (core's `describe`/`loadProgram`), the kernel by name with its
 * options, and the chain's keys — the same keys a sequential run uses, so the draws are the
 * same too. The user's model never crosses the thread boundary.
 */
import { type Array, type ProgramDescription, jit, np, valueAndGrad } from "@orrery/core";
import { type ModelKernel } from "./kernel.js";
import { type ProgressEvent } from "./progress.js";
import { type ChainRun } from "./unit-loop.js";

/** The compiled value-and-gradient program of a log density, as data for a worker. */
export function describeDensity(logp: (x: Array) => Array, example: Float64Array): ProgramDescription {
  const desc = jit(valueAndGrad(logp)).lower(np.array(example)).describe();
  if (desc === null) {
    throw new Error(
      'MCMC: chainMethod "parallel" cannot ship this model\'s compiled log density to a worker (it calls functions ' +
        "that cannot be copied, e.g. customVjp rules or control flow); use chainMethod \"sequential\"",
    );
  }
  return desc;
}

/** One unit's job: where it starts (or the state it resumes from) and its keys. */
export interface ParallelUnit {
  init: Float64Array | null;
  resume: unknown;
  warmKey: Array;
  sampleKey: Array;
}

/** A run of units outside the sequential loop (worker threads, vectorized chains): what every such runner needs. */
export interface UnitsJob {
  units: ParallelUnit[];
  numWarmup: number;
  numSamples: number;
  thin: number;
  keep: number;
  warmupOnly: boolean;
  signal?: AbortSignal;
  report: ((e: ProgressEvent, force?: boolean) => void) | null;
}

/** What `runParallel` needs. */
export interface ParallelJob extends UnitsJob {
  program: ProgramDescription;
  dim: number;
}

/** What a worker sends back for its unit. */
export interface UnitResult {
  runs: ChainRun<string>[];
  postWarmup: unknown;
  last: unknown;
  timing: { warmupSeconds: number; samplingSeconds: number };
}

/** The message a worker receives. */
export interface WorkerTask {
  program: ProgramDescription;
  dim: number;
  kernel: { name: string; options: Record<string, unknown> };
  unit: number;
  init: Float64Array | null;
  resume: unknown;
  warmKey: Uint32Array;
  sampleKey: Uint32Array;
  numWarmup: number;
  numSamples: number;
  thin: number;
  keep: number;
  warmupOnly: boolean;
  progress: boolean;
}

// Options a worker can receive: plain data only (functions, e.g. an init strategy, are used
// before the worker starts).
function cloneableOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (typeof v !== "function") out[k] = v;
  return out;
}

function keyData(k: Array): Uint32Array {
  return Uint32Array.from((k as unknown as { data: ArrayLike<number> }).data);
}

/** Run every unit in its own worker thread (at most as many at once as the machine has cores). */
export async function runParallel(kernel: ModelKernel<unknown, string>, job: ParallelJob): Promise<UnitResult[]> {
  if (typeof process === "undefined" || process.versions?.node === undefined) {
    throw new Error('MCMC: chainMethod "parallel" needs Node worker threads; in a browser use "sequential"');
  }
  const { Worker } = await import("node:worker_threads");
  const { availableParallelism, cpus } = await import("node:os");
  const cores = typeof availableParallelism === "function" ? availableParallelism() : cpus().length;
  const fromSource = import.meta.url.endsWith(".ts");
  const workerUrl = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  // From sources (a .ts worker, in development and tests) the worker first registers the
  // TypeScript loader; from dist it is plain JavaScript.
  const spawn = () =>
    fromSource
      ? new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`, {
          eval: true,
          execArgv: ["--conditions=source"],
        })
      : new Worker(workerUrl);
  const options = cloneableOptions((kernel as unknown as { options: Record<string, unknown> }).options ?? {});
  const results: UnitResult[] = new globalThis.Array(job.units.length);
  let next = 0;
  const runOne = (u: number) =>
    new Promise<void>((resolve, reject) => {
      const w = spawn();
      const onAbort = () => w.postMessage({ type: "abort" });
      job.signal?.addEventListener("abort", onAbort);
      w.on("message", (m: { type: string; event?: ProgressEvent; force?: boolean; result?: UnitResult; error?: string }) => {
        if (m.type === "progress") job.report?.(m.event!, m.force);
        else if (m.type === "done") {
          results[u] = m.result!;
          job.signal?.removeEventListener("abort", onAbort);
          void w.terminate();
          resolve();
        } else if (m.type === "error") {
          job.signal?.removeEventListener("abort", onAbort);
          void w.terminate();
          reject(new Error(`MCMC: chain ${u} failed in its worker: ${m.error}`));
        }
      });
      w.on("error", (err) => reject(err));
      const unit = job.units[u];
      const task: WorkerTask = {
        program: job.program,
        dim: job.dim,
        kernel: { name: kernel.name, options },
        unit: u,
        init: unit.init,
        resume: unit.resume,
        warmKey: keyData(unit.warmKey),
        sampleKey: keyData(unit.sampleKey),
        numWarmup: job.numWarmup,
        numSamples: job.numSamples,
        thin: job.thin,
        keep: job.keep,
        warmupOnly: job.warmupOnly,
        progress: job.report !== null,
      };
      w.postMessage({ type: "run", task });
    });
  const lanes = Math.max(1, Math.min(cores, job.units.length));
  await Promise.all(
    globalThis.Array.from({ length: lanes }, async () => {
      for (;;) {
        const u = next++;
        if (u >= job.units.length) return;
        await runOne(u);
      }
    }),
  );
  return results;
}
