/**
 * States, infos and the shape of a sampling algorithm.
 *
 * @module
 */
import { type Rng, type RngLike } from "./rng.js";

/**
 * The state of a gradient-based chain (BlackJAX's `HMCState`): the position and the log density
 * and its gradient there.
 */
export interface HMCState {
  position: Float64Array;
  logdensity: number;
  logdensityGrad: Float64Array;
}

/** What one HMC transition reports. */
export interface HMCInfo {
  /** The Metropolis acceptance probability `min(1, exp(-ΔH))`. */
  acceptanceRate: number;
  isAccepted: boolean;
  /** The energy error exceeded the divergence threshold (1000) or was not finite. */
  isDivergent: boolean;
  /** The Hamiltonian at the returned point. */
  energy: number;
  numIntegrationSteps: number;
}

/** What one NUTS transition reports (Stan's `accept_stat__`, `treedepth__`, `n_leapfrog__`, `divergent__`, `energy__`). */
export interface NUTSInfo {
  /** Stan's acceptance statistic: the mean of `min(1, exp(H0 − H))` over the new states of the trajectory. */
  acceptanceRate: number;
  isDivergent: boolean;
  /** The Hamiltonian at the returned point. */
  energy: number;
  /** The number of completed doublings (Stan's `treedepth__`). */
  treeDepth: number;
  /**
   * Doublings attempted, including a last one discarded for a U-turn or divergence inside it
   * (BlackJAX's `num_trajectory_expansions`); `treeDepth` counts only the kept ones.
   */
  numTrajectoryExpansions: number;
  /** Leapfrog (integrator) steps taken (Stan's `n_leapfrog__`). */
  numIntegrationSteps: number;
  /** The trajectory stopped because it reached the maximum tree depth. */
  reachedMaxTreeDepth: boolean;
}

/** What a Metropolis-type transition (RWM, Barker, MALA-like) reports. */
export interface MHInfo {
  acceptanceRate: number;
  isAccepted: boolean;
}

/**
 * A sampling algorithm with its tunables fixed (BlackJAX's `SamplingAlgorithm`): `init` builds a
 * state from a position, `step` makes one transition.
 */
export interface SamplingAlgorithm<S, I> {
  init(position: Float64Array | readonly number[]): S;
  /** One transition. Returns a new state (or `out`, filled, when given). */
  step(rng: Rng, state: S, out?: S): { state: S; info: I };
}

/** Options common to every `sample` call. */
export interface ChainOptions {
  /** Transitions to make. */
  numSamples: number;
  /** Keep every `thin`-th draw (default 1). */
  thin?: number;
}

export type { RngLike };

/**
 * A transition driven one gradient at a time: `begin` starts it; while `done` is false the caller
 * evaluates the log density and its gradient at `position` (writing the gradient into `gradient`)
 * and passes the value to `supply`; `finish` returns the new state and the info. Driving it with
 * `ld.valueAndGrad` in a loop is the kernel; a driver of several chains can batch their gradient
 * evaluations into one call.
 */
export interface TransitionStepper<P, I> {
  /** Start a transition from `state` with the given tunables (randomness from `rng`). */
  begin(rng: Rng, state: HMCState, params: P): void;
  /** The transition has ended (`finish` may be called). */
  readonly done: boolean;
  /** Where the next log density and gradient are needed (read it; do not keep it). */
  readonly position: Float64Array;
  /** Where that gradient goes. */
  readonly gradient: Float64Array;
  /** Continue with the log density at `position` (its gradient already in `gradient`). */
  supply(logdensity: number): void;
  /** The new state (written into `out` when given) and what the transition did. */
  finish(out?: HMCState): { state: HMCState; info: I };
}
