/**
 * Building and copying gradient-based chain states.
 *
 * @module
 */
import { type LogDensity } from "./log-density.js";
import { type HMCState } from "./types.js";

/**
 * The state at `position`: the log density and its gradient evaluated there. Throws an error
 * naming the problem when the density or its gradient is not finite (an initial point must be
 * inside the support).
 *
 * @example
 * ```ts
 * const s = initGradientState(ld, [0, 0]); // { position, logdensity, logdensityGrad }
 * ```
 */
export function initGradientState(ld: LogDensity, position: Float64Array | readonly number[], fn = "init"): HMCState {
  if (position.length !== ld.dim) throw new RangeError(`${fn}: the position has ${position.length} entries; the log density has dimension ${ld.dim}`);
  const q = Float64Array.from(position);
  const g = new Float64Array(ld.dim);
  const lp = ld.valueAndGrad(q, g);
  if (!Number.isFinite(lp)) throw new RangeError(`${fn}: the log density at the initial position is ${lp}; start inside the support`);
  for (let i = 0; i < g.length; i++) {
    if (!Number.isFinite(g[i])) throw new RangeError(`${fn}: the gradient of the log density at the initial position has a non-finite entry ${i} (${g[i]})`);
  }
  return { position: q, logdensity: lp, logdensityGrad: g };
}

/**
 * An empty state of dimension `dim` (zero buffers), for use as `out`.
 *
 * @example
 * ```ts
 * const out = emptyGradientState(2);
 * ```
 */
export function emptyGradientState(dim: number): HMCState {
  return { position: new Float64Array(dim), logdensity: 0, logdensityGrad: new Float64Array(dim) };
}

/**
 * Copy a state's position, log density and gradient into `out` (or a new state).
 *
 * @example
 * ```ts
 * const copy = copyGradientState(state);
 * ```
 */
export function copyGradientState(from: HMCState, out?: HMCState): HMCState {
  if (out === undefined) {
    return { position: from.position.slice(), logdensity: from.logdensity, logdensityGrad: from.logdensityGrad.slice() };
  }
  if (out !== from) {
    out.position.set(from.position);
    out.logdensityGrad.set(from.logdensityGrad);
    out.logdensity = from.logdensity;
  }
  return out;
}
