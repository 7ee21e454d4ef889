/**
 * Symplectic integrators of Hamiltonian dynamics, in place on preallocated buffers.
 *
 * As BlackJAX's `mcmc.integrators`: palindromic splittings that alternate momentum updates
 * (`p += b ε ∇log π(q)`) and position updates (`q += a ε M⁻¹ p`). Velocity Verlet (leapfrog)
 * is `[½, 1, ½]`; McLachlan's two-stage scheme `[b, ½, 1−2b, ½, b]` (b ≈ 0.1932) has a much
 * smaller error constant for two gradients per step; the three-stage scheme BlackJAX names
 * `yoshida` (Blanes, Casas & Sanz-Serna's minimum-error coefficients) is also of order 2.
 * The gradient at the end of a step is kept in the state, so each step costs (stages) gradient
 * evaluations and nothing is allocated.
 *
 * @module
 */
import { type LogDensity } from "./log-density.js";
import { type Metric } from "./metrics.js";

/** A point of phase space and the log density and gradient at its position (mutated in place). */
export interface IntegratorState {
  position: Float64Array;
  momentum: Float64Array;
  logdensity: number;
  logdensityGrad: Float64Array;
}

/** One integration step of size `stepSize` (negative to go back in time), in place. */
export type Integrator = (state: IntegratorState, stepSize: number, metric: Metric) => void;

/**
 * A new integrator state for `dim` (zero buffers), or a copy of `from`.
 *
 * @example
 * ```ts
 * const z = integratorState(2);
 * z.position.set([1, 2]);
 * ```
 */
export function integratorState(dim: number, from?: IntegratorState): IntegratorState {
  const z: IntegratorState = {
    position: new Float64Array(dim),
    momentum: new Float64Array(dim),
    logdensity: 0,
    logdensityGrad: new Float64Array(dim),
  };
  if (from !== undefined) copyIntegratorState(from, z);
  return z;
}

/**
 * Copy `from` into `to` (buffers are copied, not shared).
 *
 * @example
 * ```ts
 * copyIntegratorState(a, b); // b is now a copy of a
 * ```
 */
export function copyIntegratorState(from: IntegratorState, to: IntegratorState): void {
  to.position.set(from.position);
  to.momentum.set(from.momentum);
  to.logdensityGrad.set(from.logdensityGrad);
  to.logdensity = from.logdensity;
}

/**
 * The velocity Verlet (leapfrog) integrator: one gradient per step, error O(ε²).
 *
 * @example
 * ```ts
 * const step = velocityVerlet(ld);
 * step(z, 0.1, gaussianEuclidean(ld.dim, Float64Array.of(1, 1)));
 * ```
 */
export function velocityVerlet(ld: LogDensity): Integrator {
  const dim = ld.dim;
  const v = new Float64Array(dim);
  return (z, eps, metric) => {
    const q = z.position;
    const p = z.momentum;
    const g = z.logdensityGrad;
    const h = 0.5 * eps;
    for (let i = 0; i < dim; i++) p[i] += h * g[i];
    metric.velocity(p, v);
    for (let i = 0; i < dim; i++) q[i] += eps * v[i];
    const lp = ld.valueAndGrad(q, g);
    z.logdensity = lp === lp ? lp : -Infinity;
    for (let i = 0; i < dim; i++) p[i] += h * g[i];
  };
}

/**
 * A palindromic splitting integrator from its coefficients `[b1, a1, b2, a2, …, a1, b1]` (momentum
 * and position updates alternate; the first and last are momentum updates).
 *
 * @example
 * ```ts
 * const leapfrog = splittingIntegrator(ld, [0.5, 1, 0.5]); // = velocityVerlet(ld)
 * ```
 */
export function splittingIntegrator(ld: LogDensity, coefficients: readonly number[]): Integrator {
  const n = coefficients.length;
  if (n % 2 !== 1 || n < 3) throw new RangeError(`splittingIntegrator: the coefficients [b1, a1, …, b1] have odd length ≥ 3; got ${n}`);
  const dim = ld.dim;
  const v = new Float64Array(dim);
  const c = Float64Array.from(coefficients);
  return (z, eps, metric) => {
    const q = z.position;
    const p = z.momentum;
    const g = z.logdensityGrad;
    for (let k = 0; k < n; k++) {
      const step = c[k] * eps;
      if (k % 2 === 0) {
        for (let i = 0; i < dim; i++) p[i] += step * g[i];
      } else {
        metric.velocity(p, v);
        for (let i = 0; i < dim; i++) q[i] += step * v[i];
        const lp = ld.valueAndGrad(q, g);
        z.logdensity = lp === lp ? lp : -Infinity;
      }
    }
  };
}

/**
 * McLachlan's two-stage coefficient b (BlackJAX's `mclachlan`, Blanes et al. 2014).
 *
 * @example
 * ```ts
 * splittingIntegrator(ld, [MCLACHLAN_B1, 0.5, 1 - 2 * MCLACHLAN_B1, 0.5, MCLACHLAN_B1]); // = mclachlan(ld)
 * ```
 */
export const MCLACHLAN_B1 = 0.1931833275037836;

/**
 * McLachlan's two-stage palindromic integrator `[b, ½, 1−2b, ½, b]`: two gradients per step,
 * error O(ε²) with a far smaller constant than two leapfrog steps of ε/2.
 *
 * @example
 * ```ts
 * const step = mclachlan(ld);
 * ```
 */
export function mclachlan(ld: LogDensity): Integrator {
  return splittingIntegrator(ld, integratorCoefficients("mclachlan"));
}

/**
 * The three-stage palindromic integrator BlackJAX calls `yoshida` (order 2 with a small error
 * constant; three gradients per step).
 *
 * @example
 * ```ts
 * const step = yoshida(ld);
 * ```
 */
export function yoshida(ld: LogDensity): Integrator {
  return splittingIntegrator(ld, integratorCoefficients("yoshida"));
}

/** The integrators by name. */
export type IntegratorName = "velocityVerlet" | "mclachlan" | "yoshida";

const YOSHIDA_B1 = 0.11888010966548;
const YOSHIDA_A1 = 0.29619504261126;

/**
 * The splitting coefficients `[b1, a1, b2, …, a1, b1]` of a named integrator (momentum and
 * position updates alternate; each position update is followed by a gradient evaluation).
 *
 * @example
 * ```ts
 * integratorCoefficients("velocityVerlet"); // [0.5, 1, 0.5]
 * ```
 */
export function integratorCoefficients(name: IntegratorName): readonly number[] {
  switch (name) {
    case "velocityVerlet":
      return [0.5, 1, 0.5];
    case "mclachlan":
      return [MCLACHLAN_B1, 0.5, 1 - 2 * MCLACHLAN_B1, 0.5, MCLACHLAN_B1];
    case "yoshida":
      return [YOSHIDA_B1, YOSHIDA_A1, 0.5 - YOSHIDA_B1, 1 - 2 * YOSHIDA_A1, 0.5 - YOSHIDA_B1, YOSHIDA_A1, YOSHIDA_B1];
    default:
      throw new RangeError(`integratorCoefficients: unknown integrator ${String(name)}; use "velocityVerlet", "mclachlan" or "yoshida"`);
  }
}

/**
 * An integrator by name or as given.
 *
 * @example
 * ```ts
 * const step = makeIntegrator(ld, "mclachlan");
 * ```
 */
export function makeIntegrator(ld: LogDensity, integrator: IntegratorName | ((ld: LogDensity) => Integrator) = "velocityVerlet"): Integrator {
  if (typeof integrator === "function") return integrator(ld);
  switch (integrator) {
    case "velocityVerlet":
      return velocityVerlet(ld);
    case "mclachlan":
      return mclachlan(ld);
    case "yoshida":
      return yoshida(ld);
    default:
      throw new RangeError(`makeIntegrator: unknown integrator ${String(integrator)}; use "velocityVerlet", "mclachlan" or "yoshida"`);
  }
}
