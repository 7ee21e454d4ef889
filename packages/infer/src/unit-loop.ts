/**
 * The warmup and sampling loop of one unit (a chain, or an ensemble of walkers), shared by
 * sequential runs and by worker threads.
 */
import { type Rng } from "@orrery/mcmc";
import { type FieldDtype, type KernelRunner } from "./kernel.js";
import { type ProgressEvent } from "./progress.js";

/** A field's storage. */
export type FieldArray = Float64Array | Int32Array | Uint8Array;

/** The draws and extra fields of one chain. */
export interface ChainRun<F extends string> {
  /** Unconstrained draws, row-major [count, dim]. */
  draws: Float64Array;
  count: number;
  fields: Record<F, FieldArray>;
}

/** What the loop needs to know and to report. */
export interface UnitLoop {
  unit: number;
  dim: number;
  numWarmup: number;
  numSamples: number;
  thin: number;
  /** Stop early (draws so far are kept). */
  stopped: () => boolean;
  /** Progress, when someone listens (the event is built only then). */
  report: ((e: ProgressEvent, force?: boolean) => void) | null;
  /** Give other work a turn (between time slices of warmup and sampling). */
  pause: () => Promise<void>;
}

/** Storage for `n` draws of each field. */
export function allocFields<F extends string>(fields: Readonly<Record<F, FieldDtype>>, n: number): Record<F, FieldArray> {
  const out = {} as Record<F, FieldArray>;
  for (const [name, dtype] of Object.entries(fields) as [F, FieldDtype][]) {
    out[name] = dtype === "float64" ? new Float64Array(n) : dtype === "int32" ? new Int32Array(n) : new Uint8Array(n);
  }
  return out;
}

/** Empty chain records for a runner (one per chain of the unit). */
export function allocRuns<F extends string>(width: number, keep: number, dim: number, fields: Readonly<Record<F, FieldDtype>>): ChainRun<F>[] {
  const out: ChainRun<F>[] = [];
  for (let w = 0; w < width; w++) out.push({ draws: new Float64Array(keep * dim), count: 0, fields: allocFields(fields, keep) });
  return out;
}

/**
 * The warmup transitions, adapting the kernel, one at a time: like sampling, it gives other work
 * a turn (`loop.pause()`) after every ~50 ms slice, so a page stays responsive and a progress bar
 * moves during warmup too.
 */
export async function warmupUnit<S, F extends string>(runner: KernelRunner<S, F>, rng: Rng, loop: UnitLoop): Promise<void> {
  let accSum = 0;
  let divergences = 0;
  const report = loop.report;
  const total = loop.numWarmup;
  const warmup = runner.startWarmup(rng, total);
  let sliceStart = Date.now();
  for (let i = 0; !warmup.done; i++) {
    const r = warmup.step();
    accSum += r.acceptProb;
    divergences += r.divergences;
    if (loop.stopped()) throw new Error("MCMC: aborted during warmup");
    report?.({ chain: loop.unit, phase: "warmup", iteration: i + 1, total, stepSize: r.stepSize, meanAcceptProb: accSum / (i + 1), divergences }, i + 1 === total);
    if (Date.now() - sliceStart > 50) {
      await loop.pause();
      sliceStart = Date.now();
    }
  }
}

/** The sampling transitions, storing every `thin`-th draw into `runs` as it is made. */
export async function sampleUnit<S, F extends string>(runner: KernelRunner<S, F>, rng: Rng, loop: UnitLoop, runs: ChainRun<F>[]): Promise<void> {
  const { dim, numSamples, thin } = loop;
  const report = loop.report;
  let accSum = 0;
  let divergences = 0;
  let sliceStart = Date.now();
  for (let i = 0; i < numSamples; i++) {
    if (loop.stopped()) break;
    const r = runner.step(rng);
    accSum += r.acceptProb;
    divergences += r.divergences;
    if (i % thin === 0) {
      for (let w = 0; w < runs.length; w++) {
        const run = runs[w];
        const k = run.count++;
        run.draws.set(runner.position(w), k * dim);
        runner.writeFields(w, run.fields, k);
      }
    }
    report?.({ chain: loop.unit, phase: "sample", iteration: i + 1, total: numSamples, stepSize: r.stepSize, meanAcceptProb: accSum / (i + 1), divergences }, i + 1 === numSamples);
    if (Date.now() - sliceStart > 50) {
      await loop.pause();
      sliceStart = Date.now();
    }
  }
}
