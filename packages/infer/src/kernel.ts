/**
 * The small interface between `MCMC` and a model kernel: `MCMC` compiles the model's potential,
 * finds initial points, and hands them to the kernel's `start`; the returned runner warms up and
 * steps, and `MCMC` stores its positions and per-draw fields. NUTS, HMC, SA, BarkerMH, AIES and
 * ESS all implement it; a user can bring their own.
 */
import { type LogDensity, type Rng, fromOrrery } from "@orrery/mcmc";
import { jit, np, type Array } from "@orrery/core";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";

/** The dtype of a per-draw extra field. */
export type FieldDtype = "float64" | "int32" | "bool";

/** What one transition (of a chain, or of a whole ensemble) reports to progress. */
export interface StepReport {
  /** The acceptance statistic of this transition (mean over walkers for an ensemble; 1 for slice moves). */
  acceptProb: number;
  /** Divergent transitions in this transition (0 or 1 per chain; 0 where the notion does not apply). */
  divergences: number;
  /** The step size (ESS: the scale μ; NaN where the kernel has none). */
  stepSize: number;
}

/**
 * A warmup in progress ({@link KernelRunner.startWarmup}): `step()` makes exactly one warmup
 * transition (of the chain, or of the whole ensemble) and adapts the kernel's tunables; once
 * `done`, the runner holds the adapted tunables and its post-warmup state.
 */
export interface WarmupRun {
  /** Every warmup transition is made (true at once for `numWarmup` 0). */
  readonly done: boolean;
  /** One warmup transition. */
  step(): StepReport;
}

/**
 * A running kernel: one chain, or (ensemble kernels) one ensemble whose walkers are `width`
 * chains. `MCMC` calls `startWarmup` once (not when resuming) and steps it to the end, then
 * calls `step` once per draw.
 */
export interface KernelRunner<S, F extends string> {
  /** How many chains this runner produces: 1, or the number of walkers. */
  readonly width: number;
  /**
   * Start `numWarmup` warmup transitions, made one per `step()` of the returned run, so that
   * `MCMC` can yield to the event loop and report progress between them.
   */
  startWarmup(rng: Rng, numWarmup: number): WarmupRun;
  /** One post-warmup transition. */
  step(rng: Rng): StepReport;
  /** The current unconstrained position of chain (walker) `w`. */
  position(w: number): Float64Array;
  /** Write chain `w`'s extra fields of the last transition into slot `k` of `out`. */
  writeFields(w: number, out: Record<F, Float64Array | Int32Array | Uint8Array>, k: number): void;
  /** A copy of the current state, to resume from later (`start(ld, [], snapshot)`). */
  snapshot(): S;
}

/** A warmup with no transitions (`numWarmup` 0, or nothing to adapt). */
export const NO_WARMUP: WarmupRun = {
  done: true,
  step(): StepReport {
    throw new Error("MCMC: the warmup is done");
  },
};

/**
 * A warmup of `numWarmup` transitions, each `transition()`; `finish()` after the last one.
 *
 * @example
 * ```ts
 * const w = countedWarmup(100, () => ({ acceptProb: 1, divergences: 0, stepSize: NaN }));
 * while (!w.done) w.step();
 * ```
 */
export function countedWarmup(numWarmup: number, transition: (i: number) => StepReport, finish?: () => void): WarmupRun {
  let i = 0;
  if (numWarmup === 0) finish?.();
  return {
    get done() {
      return i >= numWarmup;
    },
    step(): StepReport {
      if (i >= numWarmup) throw new Error("MCMC: the warmup is done");
      // Counted once the transition returns: a transition stopped by a throw can be made again
      // (vectorized SA and BarkerMH chains stop each step at its evaluation, then run it again).
      const r = transition(i);
      i++;
      if (i === numWarmup) finish?.();
      return r;
    },
  };
}

/**
 * A model-level kernel, as numpyro.infer's `MCMCKernel`: what `MCMC` needs to run it on a model.
 *
 * @example
 * ```ts
 * // Every kernel of this package implements it; MCMC dispatches on it only.
 * const kernel: ModelKernel<unknown, string> = new SA(model);
 * const mcmc = new MCMC(kernel, { numWarmup: 1000, numSamples: 1000 });
 * ```
 */
export interface ModelKernel<S = unknown, F extends string = string> {
  readonly model: ModelFn;
  /** The kernel's name, for messages ("NUTS", "SA", …). */
  readonly name: string;
  /** Where chains start (default `initToUniform()`). */
  readonly initStrategy?: InitStrategy;
  /** Whether the kernel needs the gradient of the log density (gradient-free kernels get a cheaper value-only program). */
  readonly usesGradient: boolean;
  /** An ensemble kernel moves all `numChains` walkers together; they are its chains. */
  readonly isEnsemble: boolean;
  /** The per-draw extra fields and their dtypes. */
  readonly fields: Readonly<Record<F, FieldDtype>>;
  /** Throw a clear error when `numChains` does not suit the kernel (called by `MCMC`'s constructor). */
  checkNumChains(numChains: number): void;
  /**
   * Start a runner at `positions` (one per chain of the runner: one, or one per walker), or
   * resume from a snapshot (then `positions` is empty and `warmup` is not called).
   */
  start(ld: LogDensity, positions: Float64Array[], resume?: S): KernelRunner<S, F>;
}

/**
 * A log density with a value-only program (`jit(logp)`) for gradient-free kernels; the
 * value-and-gradient program is compiled only if something asks for it.
 *
 * @example
 * ```ts
 * const ld = valueOnlyDensity((x) => np.sum(x.square()).mul(-0.5), new Float64Array(3));
 * ld.value!(Float64Array.of(1, 2, 3)); // -7
 * ```
 */
export function valueOnlyDensity(logp: (x: Array) => Array, example: Float64Array): LogDensity {
  const dim = example.length;
  const compiled = jit(logp).lower(np.array(example));
  if (compiled.outAvals.length !== 1 || compiled.outAvals[0].shape.length !== 0) {
    throw new TypeError(`valueOnlyDensity: logp must return a scalar; got shape [${compiled.outAvals[0]?.shape.join(", ")}]`);
  }
  const runInto = compiled.runInto;
  const ins: Float64Array[] = [new Float64Array(dim)];
  const out = new Float64Array(1);
  const outs: Float64Array[] = [out];
  let full: LogDensity | null = null;
  return {
    dim,
    value(position: Float64Array): number {
      ins[0] = position;
      runInto(ins, outs);
      return out[0];
    },
    valueAndGrad(position: Float64Array, gradOut: Float64Array): number {
      full ??= fromOrrery(logp, example);
      return full.valueAndGrad(position, gradOut);
    },
  };
}

/**
 * Check an optional option is an integer ≥ `min` (default 1); the error names the option and the kernel.
 *
 * @example
 * ```ts
 * checkPositiveInt(options.maxIter, "maxIter", "ESS"); // RangeError "ESS: maxIter must be an integer ≥ 1, got 0"
 * ```
 */
export function checkPositiveInt(v: number | undefined, name: string, where: string, min = 1): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= min)) throw new RangeError(`${where}: ${name} must be an integer ≥ ${min}, got ${v}`);
}

/**
 * Check an optional target acceptance probability is in the open interval (0, 1).
 *
 * @example
 * ```ts
 * checkTarget(options.targetAcceptProb, "BarkerMH");
 * ```
 */
export function checkTarget(t: number | undefined, where: string): void {
  if (t !== undefined && !(t > 0 && t < 1)) throw new RangeError(`${where}: targetAcceptProb must be in (0, 1), got ${t}`);
}

/**
 * Check an optional option is a finite positive number.
 *
 * @example
 * ```ts
 * checkPositive(options.stepSize, "stepSize", "BarkerMH");
 * ```
 */
export function checkPositive(v: number | undefined, name: string, where: string): void {
  if (v !== undefined && !(v > 0 && Number.isFinite(v))) throw new RangeError(`${where}: ${name} must be a positive finite number, got ${v}`);
}
