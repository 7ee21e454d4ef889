/**
 * Vectorized chains (`chainMethod: "vectorized"`) for the kernels whose every transition
 * evaluates the log density exactly once: SA (its proposal's value) and BarkerMH (its proposal's
 * value and gradient). The chains move in lockstep, one transition each per round, and every
 * chain's evaluation of a round comes from one batched call (`vmap` of the compiled potential).
 *
 * The transitions are @orrery/mcmc's own, driven through the kernel's runner (`start`,
 * `startWarmup`, `step`), which call the log density synchronously in the middle of a step. So
 * each round runs every chain's step twice: first with a density that records the position
 * asked for and stops the step there (throwing before the step has changed any state; the
 * random draws made so far are recorded), then, once the batched call has evaluated every
 * chain's position, again with the recorded draws replayed and the density answering from the
 * batch. The second run is the real transition: the same draws as a sequential run, bit for bit
 * (the batched program gives each row the single program's value; the tests check the draws).
 * What the second run asks for is checked against the first, so a step that evaluated twice,
 * elsewhere or not at all would fail loudly rather than drift. The cost is the part of a step before its evaluation, twice (for SA a
 * fit of the proposal, about 1/(N + 1) of its step).
 */
import { jit, np, vmap, type Array } from "@orrery/core";
import { type LogDensity, Rng, rngFromKey } from "@orrery/mcmc";
import { type BarkerMH } from "./barker.js";
import { type BatchedLogDensity } from "./device-density.js";
import { type KernelRunner, type StepReport, type WarmupRun } from "./kernel.js";
import { type UnitResult, type UnitsJob } from "./parallel.js";
import { type SA } from "./sa.js";
import { type ChainRun, allocRuns } from "./unit-loop.js";

/** What `runLockstep` needs (the units are chains; the same keys as a sequential run). */
export interface LockstepJob extends UnitsJob {
  /** The log density of one chain (initial states, SA's initial set). */
  ld: LogDensity;
  /** Every chain's log density (and, for BarkerMH, gradient) in one call. */
  batched: BatchedLogDensity;
  /** Give other work a turn (between time slices). */
  pause: () => Promise<void>;
}

// Thrown by a probing density to stop the step at its evaluation (not an Error: no stack to build).
const PROBE = { probe: "the step stopped at its log-density evaluation" };

/** Draws from `source`; records them while probing, hands them out again on replay. */
class TapeRng extends Rng {
  private readonly tape: number[] = [];
  private read = 0;
  private recording = false;

  constructor(private readonly source: Rng) {
    super(1, 1, 1, 1);
  }

  /** Record every draw from now on. */
  record(): void {
    this.tape.length = 0;
    this.read = 0;
    this.recording = true;
  }

  /** Give the recorded draws again, in order, then draw afresh. */
  replay(): void {
    this.recording = false;
    this.read = 0;
  }

  /** Forget the tape. */
  clear(): void {
    this.tape.length = 0;
    this.read = 0;
    this.recording = false;
  }

  private draw(fresh: number): number {
    if (this.recording) {
      this.tape.push(fresh);
      this.read++;
    }
    return fresh;
  }

  override uniform(): number {
    return this.read < this.tape.length && !this.recording ? this.tape[this.read++] : this.draw(this.source.uniform());
  }

  override normal(): number {
    return this.read < this.tape.length && !this.recording ? this.tape[this.read++] : this.draw(this.source.normal());
  }

  override nextUint32(): number {
    return this.read < this.tape.length && !this.recording ? this.tape[this.read++] : this.draw(this.source.nextUint32());
  }
}

const DIRECT = 0;
const PROBING = 1;
const REPLAYING = 2;

/** One chain's log density: the single one, or (during a round) the probe and the batch's answer. */
class LaneDensity implements LogDensity {
  readonly dim: number;
  mode = DIRECT;
  /** The position the probed step asked for. */
  readonly at: Float64Array;
  /** The batch's answer at `at`. */
  answer = 0;
  readonly grad: Float64Array;
  private served = false;
  private readonly scratch: Float64Array;

  constructor(
    private readonly single: LogDensity,
    private readonly kernel: string,
  ) {
    this.dim = single.dim;
    this.at = new Float64Array(this.dim);
    this.grad = new Float64Array(this.dim);
    this.scratch = new Float64Array(this.dim);
  }

  /** Answer the next (replayed) evaluation with `value` (and the gradient in `grad`). */
  serve(value: number): void {
    this.answer = value;
    this.served = false;
    this.mode = REPLAYING;
  }

  /** Back to the single density, after the replayed step (which must have asked once). */
  done(): void {
    this.mode = DIRECT;
    if (!this.served) throw new Error(`internal: a vectorized ${this.kernel} transition did not evaluate its probed position again`);
  }

  value(position: Float64Array): number {
    if (this.mode === DIRECT) return this.single.value !== undefined ? this.single.value(position) : this.single.valueAndGrad(position, this.scratch);
    return this.staged(position);
  }

  valueAndGrad(position: Float64Array, gradOut: Float64Array): number {
    if (this.mode === DIRECT) return this.single.valueAndGrad(position, gradOut);
    const v = this.staged(position);
    gradOut.set(this.grad);
    return v;
  }

  private staged(position: Float64Array): number {
    if (this.mode === PROBING) {
      this.at.set(position);
      throw PROBE;
    }
    let same = !this.served && position.length === this.dim;
    for (let i = 0; same && i < this.dim; i++) same = Object.is(position[i], this.at[i]);
    if (!same) throw new Error(`internal: vectorized ${this.kernel} chains expect one log-density evaluation per transition, at the probed position`);
    this.served = true;
    return this.answer;
  }
}

type Phase = "warmup" | "sample" | "done";

interface Lane {
  density: LaneDensity;
  runner: KernelRunner<unknown, string>;
  warm: WarmupRun | null;
  warmRng: TapeRng;
  sampleRng: TapeRng;
  phase: Phase;
  /** Transitions made in this phase. */
  iteration: number;
  accSum: number;
  divergences: number;
  run: ChainRun<string>;
  postWarmup: unknown;
  t0: number;
  timing: { warmupSeconds: number; samplingSeconds: number };
}

/**
 * A batched log density that evaluates values only (SA is gradient-free): `jit(vmap(logp))` on
 * cpu, the batched counterpart of the value-only program a sequential SA chain uses. Its
 * `valueAndGrad` fills `valuesOut` and leaves `gradsOut` as it is.
 *
 * @example
 * ```ts
 * const b = batchedValueDensity((x) => np.sum(x.square()).mul(-0.5), 2, 3);
 * const values = new Float64Array(3);
 * b.valueAndGrad(Float64Array.of(0, 0, 1, 0, 1, 1), new Float64Array(6), values); // values [0, -0.5, -1]
 * ```
 */
export function batchedValueDensity(logp: (x: Array) => Array, dim: number, batchSize: number): BatchedLogDensity {
  const compiled = jit(vmap(logp)).lower(np.zeros([batchSize, dim], "float64"));
  const runInto = compiled.runInto;
  const ins: Float64Array[] = [new Float64Array(0)];
  const outs: Float64Array[] = [new Float64Array(0)];
  return {
    dim,
    batch: batchSize,
    device: "cpu",
    valueAndGrad(positions, _gradsOut, valuesOut) {
      ins[0] = positions;
      outs[0] = valuesOut;
      runInto(ins, outs);
    },
    dispose() {},
  };
}

/**
 * Run SA or BarkerMH chains in lockstep with batched log densities.
 *
 * @example
 * ```ts
 * // What MCMC does for chainMethod "vectorized" with SA or BarkerMH:
 * const results = await runLockstep(new SA(model), job); // one UnitResult per chain
 * ```
 */
export async function runLockstep(kernel: SA | BarkerMH, job: LockstepJob): Promise<UnitResult[]> {
  const { ld, batched, numWarmup, numSamples, thin } = job;
  const dim = ld.dim;
  const n = job.units.length;
  if (batched.batch !== n || batched.dim !== dim) throw new Error(`internal: a batched density for ${batched.batch}×${batched.dim}, ${n} chains of dimension ${dim}`);
  const report = job.report;
  const fields = kernel.fields as Readonly<Record<string, "float64" | "int32" | "bool">>;

  const lanes: Lane[] = job.units.map((unit) => {
    const density = new LaneDensity(ld, kernel.name);
    const resuming = unit.resume !== undefined && unit.resume !== null;
    const generic = kernel as unknown as { start(ld: LogDensity, positions: Float64Array[], resume?: unknown): KernelRunner<unknown, string> };
    const runner = resuming ? generic.start(density, [], unit.resume) : generic.start(density, [unit.init!]);
    const warmRng = new TapeRng(rngFromKey(unit.warmKey));
    const lane: Lane = {
      density,
      runner,
      // SA draws its initial set here, with the single density.
      warm: resuming ? null : runner.startWarmup(warmRng, numWarmup),
      warmRng,
      sampleRng: new TapeRng(rngFromKey(unit.sampleKey)),
      phase: "warmup",
      iteration: 0,
      accSum: 0,
      divergences: 0,
      run: allocRuns(1, job.warmupOnly ? 0 : job.keep, dim, fields)[0],
      postWarmup: null,
      t0: performance.now(),
      timing: { warmupSeconds: 0, samplingSeconds: 0 },
    };
    if (lane.warm === null || lane.warm.done) finishWarmup(lane);
    return lane;
  });

  function finishWarmup(l: Lane): void {
    l.timing.warmupSeconds = (performance.now() - l.t0) / 1000;
    l.postWarmup = l.runner.snapshot();
    l.warm = null;
    if (job.warmupOnly) {
      l.phase = "done";
      return;
    }
    l.phase = "sample";
    l.iteration = 0;
    l.accSum = 0;
    l.divergences = 0;
    l.t0 = performance.now();
  }

  // One transition of the lane's current phase (the warmup run holds its own generator).
  const transition = (l: Lane): StepReport => (l.phase === "warmup" ? l.warm!.step() : l.runner.step(l.sampleRng));
  const rngOf = (l: Lane) => (l.phase === "warmup" ? l.warmRng : l.sampleRng);

  // A transition is complete: store, report, move on.
  function complete(l: Lane, c: number, r: StepReport): void {
    const i = l.iteration++;
    l.accSum += r.acceptProb;
    l.divergences += r.divergences;
    if (l.phase === "warmup") {
      const done = l.warm!.done;
      report?.({ chain: c, phase: "warmup", iteration: l.iteration, total: numWarmup, stepSize: r.stepSize, meanAcceptProb: l.accSum / l.iteration, divergences: l.divergences }, done);
      if (done) finishWarmup(l);
      return;
    }
    if (i % thin === 0) {
      const run = l.run;
      const k = run.count++;
      run.draws.set(l.runner.position(0), k * dim);
      l.runner.writeFields(0, run.fields, k);
    }
    const last = l.iteration === numSamples;
    report?.({ chain: c, phase: "sample", iteration: l.iteration, total: numSamples, stepSize: r.stepSize, meanAcceptProb: l.accSum / l.iteration, divergences: l.divergences }, last);
    if (last) {
      l.timing.samplingSeconds = (performance.now() - l.t0) / 1000;
      l.phase = "done";
    }
  }

  const positions = new Float64Array(n * dim);
  const grads = new Float64Array(n * dim);
  const values = new Float64Array(n);
  const probed: boolean[] = new globalThis.Array(n).fill(false);
  // Rows of chains without a probe this round keep a position already evaluated (a valid point).
  for (let c = 0; c < n; c++) positions.set(lanes[c].runner.position(0), c * dim);
  let sliceStart = Date.now();
  for (;;) {
    if (job.signal?.aborted) {
      if (lanes.some((l) => l.phase === "warmup")) throw new Error("MCMC: aborted during warmup");
      break;
    }
    let any = false;
    for (let c = 0; c < n; c++) {
      const l = lanes[c];
      probed[c] = false;
      if (l.phase === "done") continue;
      any = true;
      const rng = rngOf(l);
      l.density.mode = PROBING;
      rng.record();
      let r: StepReport | null = null;
      try {
        r = transition(l);
      } catch (e) {
        if (e !== PROBE) throw e;
      }
      l.density.mode = DIRECT;
      if (r !== null) {
        // A transition that needed no evaluation: it is done for real.
        rng.clear();
        complete(l, c, r);
        continue;
      }
      rng.replay();
      positions.set(l.density.at, c * dim);
      probed[c] = true;
    }
    if (!any) break;
    if (probed.some(Boolean)) batched.valueAndGrad(positions, grads, values);
    for (let c = 0; c < n; c++) {
      if (!probed[c]) continue;
      const l = lanes[c];
      const rng = rngOf(l);
      const g = l.density.grad;
      for (let i = 0, o = c * dim; i < dim; i++) g[i] = grads[o + i];
      l.density.serve(values[c]);
      const r = transition(l);
      l.density.done();
      rng.clear();
      complete(l, c, r);
    }
    if (Date.now() - sliceStart > 50) {
      await job.pause();
      sliceStart = Date.now();
    }
  }
  return lanes.map((l) => {
    if (l.phase === "sample") l.timing.samplingSeconds = (performance.now() - l.t0) / 1000;
    return { runs: [l.run], postWarmup: l.postWarmup, last: l.runner.snapshot(), timing: l.timing };
  });
}
