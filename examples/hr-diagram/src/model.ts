/**
 * Stars in clusters on the HR diagram, observed as photon counts. Every cluster c has a distance
 * modulus μ_c drawn from a population Normal(μ₀, σ₀); every star s in it has a known colour
 * (B−V) and an absolute magnitude scattered about a calibrated main sequence,
 * M_cs ~ Normal(M_ms(colour_cs), σ_ms); its apparent magnitude is m_cs = M_cs + μ_c, and the
 * detector counts N_cs ~ Poisson(10^(−0.4 (m_cs − ZP))) photons. Two nested plates: clusters
 * (dim −2) and stars (dim −1).
 *
 * The counts pin m_cs to a few hundredths of a magnitude while μ_c is known only to
 * σ_ms / √S, so in (μ_c, M_cs) the posterior is a narrow ridge M_cs + μ_c ≈ m_cs. The model
 * therefore samples the apparent magnitude, m_cs ~ Normal(μ_c + M_ms(colour_cs), σ_ms) (the
 * same distribution for M_cs = m_cs − μ_c), and records M_cs as a deterministic site.
 */
import { type Array, np, random } from "@orrery/core";
import { HalfNormal, Normal, PoissonLogRate } from "@orrery/distributions";
import { deterministic, plate, sample } from "@orrery/ppl";

/** Photometric zero point: a star of magnitude ZP gives one photon per exposure on average. */
export const ZP = 25;

/** The calibrated main sequence (V band against B−V): M_ms = 1 + 5 (B−V). */
export function mainSequence(colour: Array | number): Array {
  return np.asArray(colour).mul(5).add(1);
}

/** The expected photon count of a star of apparent magnitude m. */
export function expectedCounts(m: Array): Array {
  return np.power(10, m.sub(ZP).mul(-0.4));
}

/** The log of {@link expectedCounts}: −0.4 ln 10 (m − ZP), linear in m. */
export function logExpectedCounts(m: Array): Array {
  return m.sub(ZP).mul(-0.4 * Math.LN10);
}

/** Observations: colours and photon counts, shape [clusters, stars per cluster]. */
export interface Data {
  colour: Array;
  counts?: Array;
}

/**
 * The model. Priors: μ₀ ~ Normal(10, 3), σ₀ ~ HalfNormal(2), σ_ms ~ HalfNormal(0.5).
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(hrModel), { numWarmup: 500, numSamples: 500 });
 * await mcmc.run(random.key(0), makeData());
 * ```
 */
export function hrModel({ colour, counts }: Data): void {
  const [C, S] = colour.shape;
  const mu0 = sample("mu0", new Normal(10, 3));
  const sigma0 = sample("sigma0", new HalfNormal(2));
  const sigmaMs = sample("sigma_ms", new HalfNormal(0.5));
  plate("clusters", C, () => {
    const mu = sample("mu", new Normal(mu0, sigma0)); // [C, 1]
    plate("stars", S, () => {
      const m = sample("m", new Normal(mu.add(mainSequence(colour)), sigmaMs)); // [C, S]
      deterministic("M", m.sub(mu));
      // The counts' Poisson by its log rate (Stan's poisson_log): one exp per star, no 10^x then log.
      sample("counts", new PoissonLogRate(logExpectedCounts(m)), { obs: counts });
    });
  }, { dim: -2 });
}

/** The truth the synthetic data come from (μ_c are drawn from the population with these). */
export const TRUTH = { mu0: 10, sigma0: 1.5, sigma_ms: 0.3 };

/**
 * Synthetic clusters from a fixed key: `clusters` × `stars` stars with colours in [0.3, 1.2];
 * returns the true μ_c and M_cs too.
 *
 * @example
 * ```ts
 * const { colour, counts, mu, M } = makeData(4, 25, 0);
 * ```
 */
export function makeData(clusters = 4, stars = 25, seed = 0): Required<Data> & { mu: Array; M: Array } {
  const [kmu, kc, kM, kN] = [0, 1, 2, 3].map((i) => random.foldIn(random.key(seed), i));
  const mu = random.normal(kmu, [clusters]).mul(TRUTH.sigma0).add(TRUTH.mu0);
  const colour = random.uniform(kc, [clusters, stars], { minval: 0.3, maxval: 1.2 });
  const M = mainSequence(colour).add(random.normal(kM, [clusters, stars]).mul(TRUTH.sigma_ms));
  const m = M.add(mu.reshape([clusters, 1]));
  const counts = random.poisson(kN, expectedCounts(m), [clusters, stars]);
  return { colour, counts, mu, M };
}
