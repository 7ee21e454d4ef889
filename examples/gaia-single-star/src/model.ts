/**
 * The distance of a single star from its Gaia parallax (Bailer-Jones 2015, PASP 127, 994;
 * Luri et al. 2018, A&A 616, A9): the exponentially-decreasing-space-density (EDSD) prior
 * p(r) = r² e^(−r/L) / (2L³), written as a scaled chi-squared with 6 degrees of freedom
 * (r = (L/2) χ²₆), and a Gaussian parallax likelihood ϖ_obs ~ Normal(1000 / r, σ_ϖ)
 * (ϖ in mas, r in pc).
 */
import { type Array, np, random } from "@orrery/core";
import { AffineTransform, Chi2, Normal, TransformedDistribution, constraints } from "@orrery/distributions";
import { deterministic, sample } from "@orrery/ppl";

/** The EDSD length scale, pc (Bailer-Jones's 1.35 kpc). */
export const L = 1350;

/**
 * The EDSD prior on r (pc): r²e^(−r/L) / (2L³), i.e. (L/2) · χ²₆. The transform's domain is
 * given as positive so that the distribution's support is positive (with the default real
 * domain, as in NumPyro, an `AffineTransform`'s codomain, and so the support, is real, and a
 * sampler would propose negative distances).
 */
export function edsdPrior(length = L): TransformedDistribution {
  return new TransformedDistribution(new Chi2(6), new AffineTransform(0, length / 2, { domain: constraints.positive }));
}

/** The log density of the EDSD prior in closed form, for checks and plots. */
export function edsdLogDensity(r: number, length = L): number {
  return r > 0 ? 2 * Math.log(r) - r / length - Math.log(2 * length ** 3) : -Infinity;
}

/** One star: its parallax uncertainty and (unless drawing from the prior) its observed parallax, mas. */
export interface Star {
  parallaxErr: number;
  parallax?: number;
}

/**
 * The model: r ~ EDSD(L), ϖ ~ Normal(1000 / r, σ_ϖ); the true parallax 1000 / r is a
 * deterministic site.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(gaiaModel), { numWarmup: 1000, numSamples: 1000 });
 * await mcmc.run(random.key(0), { parallax: 1.2, parallaxErr: 0.25 });
 * ```
 */
export function gaiaModel({ parallax, parallaxErr }: Star): void {
  const r = sample("r", edsdPrior());
  const truePlx = deterministic("true_parallax", np.reciprocal(r).mul(1000));
  sample("parallax", new Normal(truePlx, parallaxErr), { obs: parallax });
}

/** The star the synthetic observation comes from: distance (pc) and Gaia-like parallax error (mas). */
export const TRUTH = { r: 800, parallaxErr: 0.25 };

/**
 * The observed parallax (mas), drawn from a fixed key: 1000 / r + σ_ϖ · N(0, 1).
 *
 * @example
 * ```ts
 * const star = makeStar(0); // { parallax: 1.3…, parallaxErr: 0.25 }
 * ```
 */
export function makeStar(seed = 0): Required<Star> {
  const noise = (random.normal(random.key(seed), []) as Array).item();
  return { parallax: 1000 / TRUTH.r + TRUTH.parallaxErr * noise, parallaxErr: TRUTH.parallaxErr };
}

/**
 * The exact posterior of r on a grid (trapezoidal normalisation), for checking the sampler:
 * density at each grid point, mean and standard deviation.
 *
 * @example
 * ```ts
 * const { r, density, mean, sd } = exactPosterior(makeStar(), 0, 5000, 5001);
 * ```
 */
export function exactPosterior(star: Required<Star>, lo = 0, hi = 20 * L, n = 20001): { r: Float64Array; density: Float64Array; mean: number; sd: number } {
  const r = Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const logp = r.map((ri) => edsdLogDensity(ri) - 0.5 * ((star.parallax - 1000 / ri) / star.parallaxErr) ** 2);
  const mx = logp.reduce((a, b) => Math.max(a, b), -Infinity);
  const p = logp.map((v) => (Number.isFinite(v) ? Math.exp(v - mx) : 0));
  const h = (hi - lo) / (n - 1);
  const trap = (f: (i: number) => number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (i === 0 || i === n - 1 ? 0.5 : 1) * f(i);
    return s * h;
  };
  const z = trap((i) => p[i]);
  const density = p.map((v) => v / z);
  const mean = trap((i) => r[i] * density[i]);
  const sd = Math.sqrt(trap((i) => (r[i] - mean) ** 2 * density[i]));
  return { r, density, mean, sd };
}
