/**
 * Parallel chains: each chain runs in a worker, a Node worker thread or a browser Web Worker
 * (`worker-host.ts` picks). The worker gets the compiled log density as plain data (core's
 * `describe`/`loadProgram`), the kernel by name with its options, and the chain's keys — the
 * same keys a sequential run uses, so the draws are the same too. The user's model never
 * crosses the thread boundary. A pool of at most one worker per core runs the chains, each
 * worker one chain after another.
 */
import { type Array, type ProgramDescription, jit, np, valueAndGrad } from "@orrery/core";
import { type ModelKernel } from "./kernel.js";
import { type ProgressEvent } from "./progress.js";
import { type HostWorker, type WorkerSource, workerPlatform } from "./worker-host.js";
import { type UnitResult, type WorkerReply, type WorkerTask } from "./worker-protocol.js";

export { type UnitResult } from "./worker-protocol.js";

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

/** A worker of the pool, running one chain at a time. */
class PoolWorker {
  private ready = false;
  private pending: { unit: number; resolve: (r: UnitResult) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly worker: HostWorker,
    script: string,
    private readonly onProgress: ((e: ProgressEvent, force?: boolean) => void) | null,
    private readonly aborted: () => boolean,
  ) {
    worker.listen(
      (reply) => this.reply(reply),
      (detail) => this.fail(this.ready ? `uncaught in its worker: ${detail}` : `its worker (${script}) could not start: ${detail}${START_HINT}`),
    );
  }

  private reply(m: WorkerReply): void {
    if (m.type === "ready") this.ready = true;
    else if (m.type === "progress") this.onProgress?.(m.event, m.force);
    else if (m.type === "done") {
      const p = this.pending;
      this.pending = null;
      p?.resolve(m.result);
    } else if (m.type === "error") {
      const p = this.pending;
      this.pending = null;
      if (p === null) return;
      // An abort during warmup fails the run as a sequential run does, with the same message.
      if (m.aborted && this.aborted()) p.reject(new Error(m.message));
      else {
        const cause = new Error(m.message);
        cause.stack = m.stack;
        p.reject(new Error(`MCMC: chain ${m.unit} failed in its worker: ${m.message}`, { cause }));
      }
    }
  }

  private fail(detail: string): void {
    const p = this.pending;
    this.pending = null;
    this.failure ??= new Error(`MCMC: a chain worker failed: ${detail}`);
    p?.reject(new Error(`MCMC: chain ${p.unit} failed: ${detail}`));
  }

  run(task: WorkerTask): Promise<UnitResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { unit: task.unit, resolve, reject };
      this.worker.post({ type: "run", task });
    });
  }

  abort(): void {
    this.worker.post({ type: "abort" });
  }

  /** Stop the worker; a chain it was running fails with `reason`. */
  terminate(reason?: Error): void {
    this.worker.terminate();
    const p = this.pending;
    this.pending = null;
    if (p !== null) p.reject(reason ?? new Error(`MCMC: chain ${p.unit}: its worker was stopped`));
  }
}

const START_HINT =
  ". In a browser, the worker script (@orrery/infer/worker) must be built as a module worker next to your bundle, " +
  "or its URL given as MCMC's workerUrl (or a createWorker function): see the README of @orrery/infer";

/**
 * Run every unit in a worker (Node worker threads, or Web Workers in a browser): a pool of at
 * most as many workers as the machine has cores, each running units one after another. After an
 * abort, running units stop and keep their draws, and units not started are left out.
 *
 * @example
 * ```ts
 * // What MCMC does for chainMethod "parallel":
 * const results = await runParallel(kernel, { ...job, program: describeDensity(pot.logp, init), dim: pot.dim }, {});
 * ```
 */
export async function runParallel(kernel: ModelKernel<unknown, string>, job: ParallelJob, source: WorkerSource): Promise<UnitResult[]> {
  const platform = await workerPlatform(source);
  const options = cloneableOptions((kernel as unknown as { options: Record<string, unknown> }).options ?? {});
  const n = job.units.length;
  const results: (UnitResult | undefined)[] = new globalThis.Array(n);
  const aborted = () => job.signal?.aborted === true;
  const live = new Set<PoolWorker>();
  const onAbort = () => {
    for (const w of live) w.abort();
  };
  job.signal?.addEventListener("abort", onAbort);
  let next = 0;
  let failed = false;
  const lane = async () => {
    let worker: PoolWorker | null = null;
    try {
      for (;;) {
        if (failed || aborted()) return;
        const u = next++;
        if (u >= n) return;
        if (worker === null) {
          worker = new PoolWorker(platform.spawn(), platform.script, job.report, aborted);
          live.add(worker);
        }
        const unit = job.units[u];
        results[u] = await worker.run({
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
        });
      }
    } catch (err) {
      // One failure stops every chain: the first error is the run's.
      if (!failed) {
        failed = true;
        for (const w of live) if (w !== worker) w.terminate(err as Error);
      }
      throw err;
    } finally {
      if (worker !== null) {
        live.delete(worker);
        worker.terminate();
      }
    }
  };
  try {
    await Promise.all(globalThis.Array.from({ length: Math.max(1, Math.min(platform.cores, n)) }, lane));
  } finally {
    job.signal?.removeEventListener("abort", onAbort);
  }
  return results.filter((r): r is UnitResult => r !== undefined);
}
