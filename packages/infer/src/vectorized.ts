/**
 * Vectorized chains (`chainMethod: "vectorized"`, NumPyro's vmapped chains): every chain's NUTS or
 * HMC transition is driven one gradient at a time (`createNutsStepper`/`createHmcStepper`), and
 * all chains that need a gradient get it from one batched call of the compiled
 * `vmap(valueAndGrad(potential))` (`batchedLogDensity`, on cpu or a tfjs device). Chains do not
 * wait for each other between transitions: a chain that finishes a short trajectory starts its
 * next one while the others go on, so a batch call serves every chain until the last one is done. With the same keys a vectorized run makes
 * exactly the draws of a sequential one.
 */
import { type Array } from "@orrery/core";
import {
  type HMCState,
  type HMCStepper,
  type LogDensity,
  type NUTSStepper,
  type Rng,
  type WindowAdaptationRun,
  copyGradientState,
  createHmcStepper,
  createNutsStepper,
  emptyGradientState,
  initGradientState,
  rngFromKey,
  windowAdaptation,
} from "@orrery/mcmc";
import { type BatchedLogDensity } from "./device-density.js";
import { BarkerMH } from "./barker.js";
import { type ChainState, HMC, type HMCField, NUTS, writeTransitionFields } from "./hmc.js";
import { SA } from "./sa.js";
import { type UnitResult, type UnitsJob } from "./parallel.js";
import { type ChainRun, allocRuns } from "./unit-loop.js";

/** What `runVectorized` needs (the units are chains; the same keys as a sequential run). */
export interface VectorizedJob extends UnitsJob {
  /** The log density of one chain (for step-size searches and initial states). */
  ld: LogDensity;
  /** The batched log density of all chains. */
  batched: BatchedLogDensity;
  /** Give other work a turn (between time slices). */
  pause: () => Promise<void>;
}

type Stepper = NUTSStepper | HMCStepper;
type Phase = "warmup" | "sample" | "done";

interface Lane {
  stepper: Stepper;
  phase: Phase;
  warm: WindowAdaptationRun | null;
  rng: Rng;
  sampleKey: Array;
  state: HMCState;
  spare: HMCState;
  params: { stepSize: number; inverseMassMatrix: Float64Array; numIntegrationSteps: number };
  /** Transitions made in this phase. */
  iteration: number;
  accSum: number;
  divergences: number;
  run: ChainRun<HMCField>;
  postWarmup: ChainState | null;
  t0: number;
  timing: { warmupSeconds: number; samplingSeconds: number };
}

/**
 * Run NUTS or HMC chains together with batched gradients.
 *
 * @example
 * ```ts
 * // What MCMC does for chainMethod "vectorized":
 * const results = await runVectorized(new NUTS(model), job); // one UnitResult per chain
 * ```
 */
export async function runVectorized(kernel: NUTS | HMC, job: VectorizedJob): Promise<UnitResult[]> {
  const { ld, batched, numWarmup, numSamples, thin } = job;
  const dim = ld.dim;
  const n = job.units.length;
  if (batched.batch !== n || batched.dim !== dim) throw new Error(`internal: a batched density for ${batched.batch}×${batched.dim}, ${n} chains of dimension ${dim}`);
  const o = kernel.options;
  const isNuts = kernel instanceof NUTS;
  const adapt = kernel.adaptationOptions();
  const numSteps = o.numSteps ?? 10;
  const skipWarmup = numWarmup === 0;
  const report = job.report;

  const lanes: Lane[] = job.units.map((unit) => {
    const resume = unit.resume as ChainState | undefined;
    const stepper: Stepper = isNuts ? createNutsStepper(ld, { maxTreeDepth: o.maxTreeDepth ?? 10, integrator: o.integrator }) : createHmcStepper(ld, { integrator: o.integrator });
    const state = resume !== undefined ? copyGradientState(resume.state) : initGradientState(ld, unit.init!, "MCMC");
    const lane: Lane = {
      stepper,
      phase: "warmup",
      warm: null,
      rng: rngFromKey(unit.warmKey),
      sampleKey: unit.sampleKey,
      state,
      spare: emptyGradientState(dim),
      params: {
        stepSize: resume?.stepSize ?? o.stepSize ?? 1,
        inverseMassMatrix: resume?.inverseMassMatrix ?? o.inverseMassMatrix ?? new Float64Array(dim).fill(1),
        numIntegrationSteps: numSteps,
      },
      iteration: 0,
      accSum: 0,
      divergences: 0,
      run: allocRuns(1, job.warmupOnly ? 0 : job.keep, dim, kernel.fields)[0],
      postWarmup: null,
      t0: performance.now(),
      timing: { warmupSeconds: 0, samplingSeconds: 0 },
    };
    if (resume !== undefined) {
      lane.postWarmup = { state: copyGradientState(state), stepSize: lane.params.stepSize, inverseMassMatrix: lane.params.inverseMassMatrix };
      startSampling(lane);
    } else if (skipWarmup) {
      finishWarmup(lane);
    } else {
      lane.warm = windowAdaptation(ld, adapt).start(lane.rng, state, numWarmup);
    }
    if (lane.phase !== "done") begin(lane);
    return lane;
  });

  function snapshot(l: Lane): ChainState {
    return { state: copyGradientState(l.state), stepSize: l.params.stepSize, inverseMassMatrix: l.params.inverseMassMatrix };
  }

  function finishWarmup(l: Lane): void {
    if (l.warm !== null) {
      const res = l.warm.result();
      l.state = res.state;
      l.spare = emptyGradientState(dim);
      l.params = { stepSize: res.parameters.stepSize, inverseMassMatrix: res.parameters.inverseMassMatrix, numIntegrationSteps: numSteps };
      l.warm = null;
    }
    l.timing.warmupSeconds = (performance.now() - l.t0) / 1000;
    l.postWarmup = snapshot(l);
    if (job.warmupOnly) {
      l.phase = "done";
      return;
    }
    startSampling(l);
  }

  function startSampling(l: Lane): void {
    l.phase = "sample";
    l.rng = rngFromKey(l.sampleKey);
    l.iteration = 0;
    l.accSum = 0;
    l.divergences = 0;
    l.t0 = performance.now();
  }

  // The tunables of the next transition: the warmup's current iterate, or the adapted ones.
  function begin(l: Lane): void {
    if (l.warm !== null) {
      const p = l.warm.parameters;
      l.stepper.begin(l.rng, l.warm.state, { stepSize: p.stepSize, inverseMassMatrix: p.inverseMassMatrix, numIntegrationSteps: numSteps });
    } else {
      l.stepper.begin(l.rng, l.state, l.params);
    }
  }

  // A transition is complete: adapt or store, report, and start the next one (or stop).
  function complete(l: Lane, c: number): void {
    if (l.phase === "warmup") {
      const w = l.warm!;
      const prev = w.state;
      const { info } = l.stepper.finish(l.spare);
      const step = w.update(l.spare, info);
      l.spare = prev;
      l.iteration++;
      l.accSum += step.acceptanceRate;
      if (step.isDivergent) l.divergences++;
      report?.({ chain: c, phase: "warmup", iteration: l.iteration, total: numWarmup, stepSize: step.stepSize, meanAcceptProb: l.accSum / l.iteration, divergences: l.divergences }, w.done);
      if (w.done) finishWarmup(l);
    } else {
      const { state: next, info } = l.stepper.finish(l.spare);
      l.spare = l.state;
      l.state = next;
      const i = l.iteration++;
      l.accSum += info.acceptanceRate;
      if (info.isDivergent) l.divergences++;
      if (i % thin === 0) {
        const run = l.run;
        const k = run.count++;
        run.draws.set(next.position, k * dim);
        writeTransitionFields(run.fields, k, info);
      }
      report?.({ chain: c, phase: "sample", iteration: l.iteration, total: numSamples, stepSize: l.params.stepSize, meanAcceptProb: l.accSum / l.iteration, divergences: l.divergences }, l.iteration === numSamples);
      if (l.iteration === numSamples) {
        l.timing.samplingSeconds = (performance.now() - l.t0) / 1000;
        l.phase = "done";
      }
    }
    if (l.phase !== "done") begin(l);
  }

  const positions = new Float64Array(n * dim);
  const grads = new Float64Array(n * dim);
  const values = new Float64Array(n);
  // Rows of finished chains keep their last position (a valid point: the batch stays finite).
  for (let c = 0; c < n; c++) positions.set(lanes[c].state.position, c * dim);
  let sliceStart = Date.now();
  let running = lanes.filter((l) => l.phase !== "done").length;
  while (running > 0) {
    if (job.signal?.aborted) {
      if (lanes.some((l) => l.phase === "warmup")) throw new Error("MCMC: aborted during warmup");
      break;
    }
    for (let c = 0; c < n; c++) {
      const l = lanes[c];
      if (l.phase !== "done") positions.set(l.stepper.position, c * dim);
    }
    batched.valueAndGrad(positions, grads, values);
    for (let c = 0; c < n; c++) {
      const l = lanes[c];
      if (l.phase === "done") continue;
      const g = l.stepper.gradient;
      for (let i = 0, o = c * dim; i < dim; i++) g[i] = grads[o + i];
      l.stepper.supply(values[c]);
      if (l.stepper.done) {
        complete(l, c);
        if ((l.phase as Phase) === "done") running--;
      }
    }
    if (Date.now() - sliceStart > 50) {
      await job.pause();
      sliceStart = Date.now();
    }
  }
  return lanes.map((l) => {
    if (l.phase === "sample") l.timing.samplingSeconds = (performance.now() - l.t0) / 1000;
    return { runs: [l.run as ChainRun<string>], postWarmup: l.postWarmup, last: snapshot(l), timing: l.timing };
  });
}

/**
 * Throw a clear error unless `kernel` can run vectorized chains (NUTS, HMC, SA and BarkerMH can).
 *
 * @example
 * ```ts
 * checkVectorizable(new AIES(model)); // Error: … chainMethod "vectorized" runs NUTS, HMC, SA and BarkerMH chains …
 * ```
 */
export function checkVectorizable(kernel: { name: string; isEnsemble: boolean }): asserts kernel is NUTS | HMC | SA | BarkerMH {
  if (!(kernel instanceof NUTS || kernel instanceof HMC || kernel instanceof SA || kernel instanceof BarkerMH)) {
    const why = kernel.isEnsemble ? " (its walkers already move together)" : "";
    throw new Error(`MCMC: chainMethod "vectorized" runs NUTS, HMC, SA and BarkerMH chains with batched log densities; ${kernel.name} cannot${why}: use chainMethod "sequential"`);
  }
}
