/**
 * The seed tutorial's line fit, written forwards as the data were generated: the slope as an
 * angle θ (uniform, so no direction is preferred) and the intercept as the perpendicular
 * offset b⊥ from the origin, with m = tan θ and b = b⊥ / cos θ kept as deterministic sites.
 */
import { type Array, np, random } from "@orrery/core";
import { Normal, Uniform } from "@orrery/distributions";
import { deterministic, plate, sample } from "@orrery/ppl";

/** Observations with their uncertainties. */
export interface Data {
  x: Array;
  yerr: Array;
  y?: Array;
}

/**
 * The model (as the NumPyro original).
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 1000, numSamples: 1000 });
 * await mcmc.run(random.key(0), data);
 * ```
 */
export function linearModel({ x, yerr, y }: Data): void {
  const theta = sample("theta", new Uniform(-0.5 * Math.PI, 0.5 * Math.PI));
  const bPerp = sample("b_perp", new Normal(0, 1));
  const m = deterministic("m", np.tan(theta));
  const b = deterministic("b", bPerp.div(np.cos(theta)));
  plate("data", x.shape[0], () => {
    sample("y", new Normal(m.mul(x).add(b), yerr), { obs: y });
  });
}

/** The true line the synthetic data come from. */
export const TRUTH = { m: 1.7, b: -0.3 };

/**
 * Synthetic data from a fixed key: `n` points on the true line with Gaussian noise.
 *
 * @example
 * ```ts
 * const data = makeData(50, 0);
 * ```
 */
export function makeData(n = 50, seed = 0): Required<Data> {
  const [kx, kerr, kn] = [0, 1, 2].map((i) => random.foldIn(random.key(seed), i));
  const x = np.sort(random.uniform(kx, [n], { minval: -2, maxval: 2 }));
  const yerr = random.uniform(kerr, [n], { minval: 0.1, maxval: 0.5 });
  const y = x.mul(TRUTH.m).add(TRUTH.b).add(random.normal(kn, [n]).mul(yerr));
  return { x, yerr, y };
}
