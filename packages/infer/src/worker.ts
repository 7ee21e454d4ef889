/**
 * The worker thread of a parallel MCMC run: rebuild the log density from its compiled
 * program, start the kernel, run the unit's warmup and sampling, send the draws back.
 */
import { parentPort } from "node:worker_threads";
import { loadProgram, np } from "@orrery/core";
import { type LogDensity, rngFromKey } from "@orrery/mcmc";
import { type ModelKernel } from "./kernel.js";
import { BarkerMH } from "./barker.js";
import { HMC, NUTS } from "./hmc.js";
import { SA } from "./sa.js";
import { type WorkerTask } from "./parallel.js";
import { type ProgressEvent } from "./progress.js";
import { allocRuns, sampleUnit, warmupUnit } from "./unit-loop.js";

const KERNELS: Record<string, (options: Record<string, unknown>) => ModelKernel<unknown, string>> = {
  NUTS: (o) => new NUTS(() => {}, o) as unknown as ModelKernel<unknown, string>,
  HMC: (o) => new HMC(() => {}, o) as unknown as ModelKernel<unknown, string>,
  SA: (o) => new SA(() => {}, o) as unknown as ModelKernel<unknown, string>,
  BarkerMH: (o) => new BarkerMH(() => {}, o) as unknown as ModelKernel<unknown, string>,
};

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

let aborted = false;
const port = parentPort!;

port.on("message", async (m: { type: string; task?: WorkerTask }) => {
  if (m.type === "abort") {
    aborted = true;
    return;
  }
  const task = m.task!;
  try {
    const make = KERNELS[task.kernel.name];
    if (make === undefined) throw new Error(`the ${task.kernel.name} kernel cannot run in a worker`);
    const kernel = make(task.kernel.options);
    const ld = densityOf(task);
    let lastPost = 0;
    const report = task.progress
      ? (e: ProgressEvent, force?: boolean) => {
          const now = Date.now();
          if (force || now - lastPost > 100) {
            lastPost = now;
            port.postMessage({ type: "progress", event: e, force });
          }
        }
      : null;
    const loop = {
      unit: task.unit,
      dim: task.dim,
      numWarmup: task.numWarmup,
      numSamples: task.numSamples,
      thin: task.thin,
      stopped: () => aborted,
      report,
      pause: () => new Promise<void>((r) => setTimeout(r, 0)),
    };
    const runner = task.resume !== undefined && task.resume !== null ? kernel.start(ld, [], task.resume) : kernel.start(ld, [task.init!]);
    const timing = { warmupSeconds: 0, samplingSeconds: 0 };
    const t0 = performance.now();
    if (task.resume === undefined || task.resume === null) await warmupUnit(runner, rngFromKey(np.array(task.warmKey)), loop);
    timing.warmupSeconds = (performance.now() - t0) / 1000;
    const postWarmup = runner.snapshot();
    if (task.warmupOnly) {
      port.postMessage({ type: "done", result: { runs: [], postWarmup, last: postWarmup, timing } });
      return;
    }
    const runs = allocRuns(runner.width, task.keep, task.dim, kernel.fields);
    const t1 = performance.now();
    await sampleUnit(runner, rngFromKey(np.array(task.sampleKey)), loop, runs);
    timing.samplingSeconds = (performance.now() - t1) / 1000;
    port.postMessage({ type: "done", result: { runs, postWarmup, last: runner.snapshot(), timing } });
  } catch (err) {
    port.postMessage({ type: "error", error: (err as Error).message });
  }
});
