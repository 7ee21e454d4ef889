/**
 * The messages between `MCMC` and a chain worker, and the worker's message handler. The handler
 * knows nothing of the platform: the worker entry (`worker.ts`) feeds it the messages of a Node
 * `worker_threads` port or of a browser Web Worker's global scope, and gives it that
 * environment's `postMessage`.
 *
 * A worker runs one chain per `run` message (a lane of the pool sends it several, one after
 * another): it rebuilds the log density from the compiled program (core's `loadProgram`), starts
 * the kernel by name with its plain-data options, runs warmup and sampling from the chain's keys,
 * and sends back the draws. An `abort` message stops the chain; draws made so far are sent back.
 */
import { type ProgramDescription, loadProgram, np } from "@orrery/core";
import { type LogDensity, rngFromKey } from "@orrery/mcmc";
import { type ModelKernel } from "./kernel.js";
import { BarkerMH } from "./barker.js";
import { HMC, NUTS } from "./hmc.js";
import { SA } from "./sa.js";
import { type ProgressEvent } from "./progress.js";
import { type ChainRun, allocRuns, sampleUnit, warmupUnit } from "./unit-loop.js";

/** What a worker sends back for its unit. */
export interface UnitResult {
  runs: ChainRun<string>[];
  postWarmup: unknown;
  last: unknown;
  timing: { warmupSeconds: number; samplingSeconds: number };
}

/** One chain's job, as a worker receives it (plain data: structured-cloneable). */
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

/** A message to a worker. */
export type WorkerRequest = { type: "run"; task: WorkerTask } | { type: "abort" };

/** A message from a worker. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "progress"; event: ProgressEvent; force: boolean }
  | { type: "done"; unit: number; result: UnitResult }
  | { type: "error"; unit: number; message: string; stack: string; aborted: boolean };

/** How the handler answers: the environment's `postMessage`, with buffers to transfer. */
export type PostReply = (reply: WorkerReply, transfer: ArrayBuffer[]) => void;

// The kernels a worker can run, rebuilt from their names and plain-data options (the model is
// not needed: the worker gets the compiled log density).
const KERNELS: Record<string, (options: Record<string, unknown>) => ModelKernel<unknown, string>> = {
  NUTS: (o) => new NUTS(() => {}, o) as unknown as ModelKernel<unknown, string>,
  HMC: (o) => new HMC(() => {}, o) as unknown as ModelKernel<unknown, string>,
  SA: (o) => new SA(() => {}, o) as unknown as ModelKernel<unknown, string>,
  BarkerMH: (o) => new BarkerMH(() => {}, o) as unknown as ModelKernel<unknown, string>,
};

// How often a worker posts progress (the last iteration of each phase is always posted).
const PROGRESS_MS = 50;

// The same log density `fromOrrery` builds on the main thread, from the shipped program.
function densityOf(task: WorkerTask): LogDensity {
  const prog = loadProgram(task.program);
  const value = new Float64Array(1);
  const ins: Float64Array[] = [new Float64Array(task.dim)];
  const outs: Float64Array[] = [value, new Float64Array(task.dim)];
  const scratch = new Float64Array(task.dim);
  return {
    dim: task.dim,
    valueAndGrad(position: Float64Array, gradOut: Float64Array): number {
      ins[0] = position;
      outs[1] = gradOut;
      prog.runInto(ins, outs);
      return value[0];
    },
    value(position: Float64Array): number {
      ins[0] = position;
      outs[1] = scratch;
      prog.runInto(ins, outs);
      return value[0];
    },
  };
}

// The buffers of a unit's draws and fields: moved to the main thread rather than copied.
function transferables(runs: ChainRun<string>[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of runs) {
    out.push(r.draws.buffer as ArrayBuffer);
    for (const f of Object.values(r.fields)) out.push(f.buffer as ArrayBuffer);
  }
  return out;
}

async function runTask(task: WorkerTask, post: PostReply, stopped: () => boolean): Promise<UnitResult> {
  const make = Object.hasOwn(KERNELS, task.kernel.name) ? KERNELS[task.kernel.name] : undefined;
  if (make === undefined) throw new Error(`the ${task.kernel.name} kernel cannot run in a worker`);
  const kernel = make(task.kernel.options);
  const ld = densityOf(task);
  let lastPost = 0;
  const report = task.progress
    ? (event: ProgressEvent, force = false) => {
        const now = Date.now();
        if (force || now - lastPost >= PROGRESS_MS) {
          lastPost = now;
          post({ type: "progress", event, force }, []);
        }
      }
    : null;
  const loop = {
    unit: task.unit,
    dim: task.dim,
    numWarmup: task.numWarmup,
    numSamples: task.numSamples,
    thin: task.thin,
    stopped,
    report,
    // A macrotask, so that an `abort` message is seen between time slices.
    pause: () => new Promise<void>((r) => setTimeout(r, 0)),
  };
  const resuming = task.resume !== undefined && task.resume !== null;
  const runner = resuming ? kernel.start(ld, [], task.resume) : kernel.start(ld, [task.init!]);
  const timing = { warmupSeconds: 0, samplingSeconds: 0 };
  const t0 = performance.now();
  if (!resuming) await warmupUnit(runner, rngFromKey(np.array(task.warmKey)), loop);
  timing.warmupSeconds = (performance.now() - t0) / 1000;
  const postWarmup = runner.snapshot();
  if (task.warmupOnly) return { runs: [], postWarmup, last: postWarmup, timing };
  const runs = allocRuns(runner.width, task.keep, task.dim, kernel.fields);
  const t1 = performance.now();
  await sampleUnit(runner, rngFromKey(np.array(task.sampleKey)), loop, runs);
  timing.samplingSeconds = (performance.now() - t1) / 1000;
  return { runs, postWarmup, last: runner.snapshot(), timing };
}

/**
 * The message handler of a chain worker, the same in Node and in a browser: give it every
 * message the worker receives; it answers through `post`. It posts `ready` at once.
 *
 * @example
 * ```ts
 * // A browser worker's entry (what @orrery/infer/worker does):
 * const handle = chainWorkerHandler((reply, transfer) => self.postMessage(reply, transfer));
 * self.addEventListener("message", (e) => handle(e.data));
 * ```
 */
export function chainWorkerHandler(post: PostReply): (message: WorkerRequest) => void {
  let aborted = false;
  const stopped = () => aborted;
  post({ type: "ready" }, []);
  return (m) => {
    if (m.type === "abort") {
      aborted = true;
      return;
    }
    const task = m.task;
    const fail = (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      post({ type: "error", unit: task.unit, message: e.message, stack: e.stack ?? "", aborted }, []);
    };
    runTask(task, post, stopped).then((result) => {
      try {
        post({ type: "done", unit: task.unit, result }, transferables(result.runs));
      } catch (err) {
        // e.g. a kernel state that cannot be cloned
        fail(err);
      }
    }, fail);
  };
}
