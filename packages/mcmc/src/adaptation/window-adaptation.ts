/**
 * Stan's windowed warmup (BlackJAX's `window_adaptation`): a fast initial buffer (75 draws) where
 * only the step size adapts, slow windows (25, 50, 100, … draws; the last one stretched to the
 * terminal buffer) at the end of each of which the mass matrix is re-estimated from the window's
 * draws and the step size search restarts, and a fast terminal buffer (50 draws). After warmup
 * the step size is dual averaging's averaged iterate.
 *
 * @module
 */
import { type HMCKernelOptions, buildHmcKernel } from "../hmc.js";
import { type LogDensity } from "../log-density.js";
import { type InverseMassMatrix } from "../metrics.js";
import { type NUTSKernelOptions, buildNutsKernel } from "../nuts.js";
import { type Rng, type RngLike, asRng } from "../rng.js";
import { emptyGradientState, initGradientState } from "../state.js";
import { type HMCState } from "../types.js";
import { type DualAveragingOptions, dualAveragingInit, dualAveragingUpdate, findReasonableStepSize } from "./step-size.js";
import { welfordCovariance, welfordInit, welfordReset, welfordUpdate } from "./mass-matrix.js";

/** One warmup iteration of the schedule. */
export interface ScheduleStep {
  /** `"fast"`: step size only (initial and terminal buffers); `"slow"`: also collect draws for the mass matrix. */
  stage: "fast" | "slow";
  /** This iteration closes a slow window: re-estimate the mass matrix after it. */
  windowEnd: boolean;
}

/** Sizes of Stan's warmup phases. */
export interface ScheduleOptions {
  /** Initial fast buffer (default 75). */
  initialBuffer?: number;
  /** Terminal fast buffer (default 50). */
  terminalBuffer?: number;
  /** First slow window (default 25; each next one doubles). */
  baseWindow?: number;
}

/**
 * Stan's warmup schedule for `numSteps` iterations (`windowed_adaptation`). When the three
 * default phases do not fit, the buffers become 15% and 10% of the warmup and the slow phase the
 * rest; under 20 iterations every step is fast (step size only).
 *
 * @example
 * ```ts
 * const s = buildSchedule(1000);
 * s.filter((x) => x.windowEnd).length; // 5 windows: 25, 50, 100, 200, 500
 * ```
 */
export function buildSchedule(numSteps: number, options: ScheduleOptions = {}): ScheduleStep[] {
  const n = numSteps;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`buildSchedule: numSteps must be a non-negative integer; got ${n}`);
  if (n < 20) return Array.from({ length: n }, () => ({ stage: "fast" as const, windowEnd: false }));
  let init = options.initialBuffer ?? 75;
  let term = options.terminalBuffer ?? 50;
  let base = options.baseWindow ?? 25;
  if (init + term + base > n) {
    init = Math.floor(0.15 * n);
    term = Math.floor(0.1 * n);
    base = n - (init + term);
  }
  const lastSlow = n - term - 1;
  let size = base;
  let next = init + size - 1;
  const out: ScheduleStep[] = [];
  for (let c = 0; c < n; c++) {
    const slow = c >= init && c < n - term;
    const end = slow && c === next;
    out.push({ stage: slow ? "slow" : "fast", windowEnd: end });
    if (end && next !== lastSlow) {
      size *= 2;
      next = c + size;
      if (next !== lastSlow && next + 2 * size >= n - term) next = lastSlow;
    }
  }
  return out;
}

/** Options of {@link windowAdaptation}. */
export interface WindowAdaptationOptions extends DualAveragingOptions, ScheduleOptions, NUTSKernelOptions, HMCKernelOptions {
  /** `"nuts"` (default) or `"hmc"` (then `numIntegrationSteps` is required). */
  algorithm?: "nuts" | "hmc";
  /** Integration steps of HMC. */
  numIntegrationSteps?: number;
  /** Estimate a diagonal (default) or a dense mass matrix. */
  isMassMatrixDiagonal?: boolean;
  /** The starting step size (default 1), refined by {@link findReasonableStepSize}. */
  initialStepSize?: number;
  /** The starting inverse mass matrix (default identity). */
  initialInverseMassMatrix?: InverseMassMatrix;
  /**
   * Adapt the step size (default true): Stan's initial search, dual averaging, restarted after
   * each mass-matrix window. When false the step size stays `initialStepSize` (default 1).
   */
  adaptStepSize?: boolean;
  /** Adapt the inverse mass matrix in the slow windows (default true); when false it stays the initial one. */
  adaptMassMatrix?: boolean;
  /** Called after each warmup iteration. */
  onStep?: (iteration: number, info: { acceptanceRate: number; isDivergent: boolean; stepSize: number; numIntegrationSteps: number }) => void;
}

/** What one warmup transition reports (to `onStep`, and from {@link WindowAdaptationRun.step}). */
export interface WarmupStepInfo {
  /** The transition's acceptance statistic. */
  acceptanceRate: number;
  isDivergent: boolean;
  /** The step size after this iteration's adaptation (the one the next transition uses). */
  stepSize: number;
  /** Leapfrog steps of this transition. */
  numIntegrationSteps: number;
}

/** What a warmup run gives back. */
export interface WindowAdaptationResult {
  /** The chain's state after the last warmup iteration. */
  state: HMCState;
  /** The adapted tunables, to pass to the kernel for sampling. */
  parameters: { stepSize: number; inverseMassMatrix: InverseMassMatrix };
  /** Divergent transitions during warmup. */
  numDivergent: number;
  /** Leapfrog steps spent in warmup. */
  numIntegrationSteps: number;
}

/**
 * A warmup in progress, advanced one transition at a time (from
 * {@link windowAdaptation}`(ld).start(rng, position, numSteps)`): `step()` makes exactly one
 * warmup transition and adapts, so a caller can interleave warmup with other work (yield to an
 * event loop, report progress, advance other chains). `result()` once `done`. Stepping it to the
 * end is exactly `run` with the same arguments: the same random numbers, draws and tunables.
 */
export interface WindowAdaptationRun {
  /** Warmup iterations in all. */
  readonly numSteps: number;
  /** Iterations made so far. */
  readonly iteration: number;
  /** All `numSteps` iterations are made. */
  readonly done: boolean;
  /**
   * The chain's current state. Its buffers are reused by later steps: copy it
   * (`copyGradientState`) to keep it.
   */
  readonly state: HMCState;
  /**
   * The run's random generator: transitions made elsewhere (see `update`) must draw from it, as
   * `step()` does, for the warmup to be the same as `run`'s.
   */
  readonly rng: Rng;
  /** The tunables the next transition uses (during warmup: the current iterate, not the average). */
  readonly parameters: { readonly stepSize: number; readonly inverseMassMatrix: InverseMassMatrix };
  /** Make one warmup transition from `state` with `parameters`, then adapt. Throws when `done`. */
  step(): WarmupStepInfo;
  /**
   * Adapt after a transition made elsewhere (e.g. by a driver that batches several chains'
   * gradients): `next` is the new state, made from `state` with `parameters`, drawing from this
   * run's `rng`, and becomes the current state (the run keeps it; do not write into it
   * afterwards). `step()` is this with the run's own kernel. A window's end runs the step-size
   * search here, which evaluates the log density a few times.
   */
  update(next: HMCState, info: { acceptanceRate: number; isDivergent: boolean; numIntegrationSteps: number }): WarmupStepInfo;
  /** The final state and the adapted tunables. Throws unless `done`. */
  result(): WindowAdaptationResult;
}

/**
 * Stan's windowed adaptation of the step size and the (diagonal or dense) inverse mass matrix,
 * for NUTS (default) or HMC. `run(rng, position, numSteps)` makes the warmup transitions and
 * returns the final state and tunables; `start(rng, position, numSteps)` returns the same
 * warmup as a {@link WindowAdaptationRun} advanced one transition per `step()`.
 *
 * @example
 * ```ts
 * const warmup = windowAdaptation(ld, { targetAcceptanceRate: 0.8 });
 * const { state, parameters } = warmup.run(random.key(0), [0, 0], 1000);
 * const kernel = buildNutsKernel(ld);
 * const rng = rngFromKey(random.key(1));
 * let s = state;
 * for (let i = 0; i < 1000; i++) ({ state: s } = kernel(rng, s, parameters));
 *
 * // The same warmup, one transition at a time (e.g. yielding to the event loop in between):
 * const w = warmup.start(random.key(0), [0, 0], 1000);
 * while (!w.done) w.step();
 * w.result(); // identical to the run above
 * ```
 */
export function windowAdaptation(ld: LogDensity, options: WindowAdaptationOptions = {}) {
  const dim = ld.dim;
  const algorithm = options.algorithm ?? "nuts";
  const dense = options.isMassMatrixDiagonal === false;
  if (algorithm === "hmc" && !(options.numIntegrationSteps !== undefined && options.numIntegrationSteps >= 1)) {
    throw new RangeError("windowAdaptation: the hmc algorithm needs numIntegrationSteps ≥ 1");
  }
  const kernel =
    algorithm === "nuts"
      ? buildNutsKernel(ld, options)
      : ((k) => (rng: Parameters<typeof k>[0], s: HMCState, p: { stepSize: number; inverseMassMatrix: InverseMassMatrix }, out?: HMCState) =>
          k(rng, s, { ...p, numIntegrationSteps: options.numIntegrationSteps! }, out))(buildHmcKernel(ld, options));

  const start = (rngLike: RngLike, position: Float64Array | readonly number[] | HMCState, numSteps = 1000): WindowAdaptationRun => {
    const rng = asRng(rngLike);
    let state = position instanceof Float64Array || Array.isArray(position) ? initGradientState(ld, position as Float64Array, "windowAdaptation.run") : copy(position as HMCState);
    let spare = emptyGradientState(dim);
    let inverseMassMatrix = options.initialInverseMassMatrix?.slice() ?? identity(dim, dense);
    const adaptStep = options.adaptStepSize ?? true;
    const adaptMass = options.adaptMassMatrix ?? true;
    let stepSize = adaptStep ? findReasonableStepSize(ld, rng, state, inverseMassMatrix, options.initialStepSize ?? 1, options) : (options.initialStepSize ?? 1);
    let da = dualAveragingInit(stepSize);
    const welford = welfordInit(dim, dense);
    const schedule = buildSchedule(numSteps, options);
    let numDivergent = 0;
    let numIntegrationSteps = 0;
    let i = 0;
    // The tunables of the next transition: a fresh object whenever they change (a kernel may
    // cache per inverse mass matrix; callers may hold the previous one).
    let params = { stepSize, inverseMassMatrix };
    const update = (next: HMCState, info: { acceptanceRate: number; isDivergent: boolean; numIntegrationSteps: number }): WarmupStepInfo => {
      if (i >= numSteps) throw new Error(`windowAdaptation: the warmup is done (${numSteps} iterations); call result()`);
      state = next;
      if (info.isDivergent) numDivergent++;
      numIntegrationSteps += info.numIntegrationSteps;
      if (adaptStep) {
        da = dualAveragingUpdate(da, info.acceptanceRate, options);
        stepSize = Math.exp(da.logStepSize);
      }
      const sch = schedule[i];
      if (sch.stage === "slow") {
        if (adaptMass) welfordUpdate(welford, state.position);
        if (sch.windowEnd) {
          if (adaptMass) {
            inverseMassMatrix = welfordCovariance(welford, true);
            welfordReset(welford);
          }
          if (adaptStep) {
            stepSize = findReasonableStepSize(ld, rng, state, inverseMassMatrix, stepSize, options);
            da = dualAveragingInit(stepSize);
          }
        }
      }
      params = { stepSize, inverseMassMatrix };
      const out = { acceptanceRate: info.acceptanceRate, isDivergent: info.isDivergent, stepSize, numIntegrationSteps: info.numIntegrationSteps };
      options.onStep?.(i, out);
      i++;
      return out;
    };
    return {
      numSteps,
      rng,
      get iteration() {
        return i;
      },
      get done() {
        return i >= numSteps;
      },
      get state() {
        return state;
      },
      get parameters() {
        return params;
      },
      step(): WarmupStepInfo {
        if (i >= numSteps) throw new Error(`windowAdaptation: the warmup is done (${numSteps} iterations); call result()`);
        const prev = state;
        const { state: next, info } = kernel(rng, prev, params, spare);
        const out = update(next, info);
        if (next !== prev) spare = prev;
        return out;
      },
      update,
      result(): WindowAdaptationResult {
        if (i < numSteps) throw new Error(`windowAdaptation: result() before the warmup is done (${i} of ${numSteps} iterations)`);
        const finalStepSize = adaptStep && numSteps > 0 && da.step > 0 ? Math.exp(da.logStepSizeAvg) : stepSize;
        return { state, parameters: { stepSize: finalStepSize, inverseMassMatrix }, numDivergent, numIntegrationSteps };
      },
    };
  };

  return {
    /**
     * Start a warmup of `numSteps` iterations from `position` (or a state), to be advanced one
     * transition at a time. Finds the initial step size now (Stan's heuristic).
     *
     * @example
     * ```ts
     * const w = windowAdaptation(ld).start(random.key(0), [0, 0], 1000);
     * while (!w.done) w.step();
     * const { state, parameters } = w.result();
     * ```
     */
    start,
    /**
     * Make all `numSteps` warmup transitions from `position` (or a state) and return the final
     * state and tunables: `start` stepped to the end.
     *
     * @example
     * ```ts
     * const { state, parameters } = windowAdaptation(ld).run(random.key(0), [0, 0], 1000);
     * ```
     */
    run(rngLike: RngLike, position: Float64Array | readonly number[] | HMCState, numSteps = 1000): WindowAdaptationResult {
      const w = start(rngLike, position, numSteps);
      while (!w.done) w.step();
      return w.result();
    },
  };
}

function identity(dim: number, dense: boolean): Float64Array {
  if (!dense) return new Float64Array(dim).fill(1);
  const m = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) m[i * dim + i] = 1;
  return m;
}

function copy(s: HMCState): HMCState {
  return { position: s.position.slice(), logdensity: s.logdensity, logdensityGrad: s.logdensityGrad.slice() };
}
