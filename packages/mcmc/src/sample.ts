/**
 * Running a chain: repeated transitions with draws streamed into a preallocated typed array.
 *
 * @module
 */
import { type Rng, type RngLike, asRng } from "./rng.js";
import { copyGradientState, emptyGradientState } from "./state.js";
import { type HMCState } from "./types.js";

/** A transition on gradient-based states: `out` (when given) receives the new state. */
export type Transition<I> = (rng: Rng, state: HMCState, out?: HMCState) => { state: HMCState; info: I };

/** Options of {@link sampleChain}. */
export interface SampleChainOptions<I> {
  /** Keep every `thin`-th draw (default 1). */
  thin?: number;
  /** Called with every transition's info (kept or not). */
  onInfo?: (iteration: number, info: I) => void;
}

/** A chain's draws and its last state. */
export interface ChainResult {
  /** `numDraws × dim`, row-major: draw `i` is `draws.subarray(i * dim, (i + 1) * dim)`. */
  draws: Float64Array;
  numDraws: number;
  dim: number;
  /** The last state (a fresh copy, safe to keep). */
  state: HMCState;
}

/**
 * Make `numSamples` transitions from `state` and collect the positions. Two state buffers are
 * swapped between transitions, so a step allocates only its info.
 *
 * @example
 * ```ts
 * const algo = nuts(ld, parameters);
 * const { draws } = sampleChain((rng, s, out) => algo.step(rng, s, out), random.key(1), algo.init([0, 0]), 1000);
 * ```
 */
export function sampleChain<I>(step: Transition<I>, rngLike: RngLike, state: HMCState, numSamples: number, options: SampleChainOptions<I> = {}): ChainResult {
  const rng = asRng(rngLike);
  const thin = options.thin ?? 1;
  const dim = state.position.length;
  const numDraws = Math.floor(numSamples / thin);
  const draws = new Float64Array(numDraws * dim);
  let cur = copyGradientState(state);
  let spare = emptyGradientState(dim);
  let k = 0;
  for (let i = 0; i < numSamples; i++) {
    const r = step(rng, cur, spare);
    spare = cur;
    cur = r.state;
    options.onInfo?.(i, r.info);
    if ((i + 1) % thin === 0 && k < numDraws) draws.set(cur.position, (k++) * dim);
  }
  return { draws, numDraws, dim, state: copyGradientState(cur) };
}
