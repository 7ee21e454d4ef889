/**
 * The open-cluster membership model: cluster parameters, one true distance per star with a
 * two-component (cluster / field) prior, and the per-star proper-motion likelihood, mixed star
 * by star with a log-sum-exp; observed parallaxes ϖ_i ~ Normal(1000 / r_i, σ_ϖ,i).
 */
import { type Array, type ConcreteArray, jit, np } from "@orrery/core";
import {
  AffineTransform,
  Chi2,
  HalfNormal,
  ImproperUniform,
  Normal,
  TransformedDistribution,
  Uniform,
  constraints,
} from "@orrery/distributions";
import { factor, plate, sample } from "@orrery/ppl";
import { type Catalogue, type Gaussian2, fitFieldProperMotions } from "./catalogue.js";

/** The model's data: per-star measurements and the fixed field model. */
export interface ClusterData {
  parallax: Array;
  parallaxError: Array;
  pmra: Array;
  pmraError: Array;
  pmdec: Array;
  pmdecError: Array;
  /** The field's proper-motion Gaussian (fixed, fitted beforehand). */
  fieldPm: Gaussian2;
  /** log N₂(μ_i | μ_f, Σ_f + diag(e_i²)) per star: the field's proper-motion likelihood. */
  logPmField: Array;
  /** Length scale L (pc) of the field's exponentially decreasing space density prior. */
  fieldLength: number;
}

/** Length scale of the field distance prior (Bailer-Jones 2015's L = 1.35 kpc). */
export const FIELD_LENGTH_PC = 1350;

/** The cluster-level parameters (the sites the summary and the corner plot show). */
export const CLUSTER_PARAMS = ["d_c", "sigma_c", "mu_c", "sigma_mu", "f"] as const;

/**
 * The field distance prior: r² e^(−r/L) / (2L³), i.e. Gamma(3, scale L), written as a
 * scaled χ²₆ as NumPyro users write it.
 */
export function fieldDistancePrior(L: number): TransformedDistribution {
  return new TransformedDistribution(new Chi2(6), new AffineTransform(0, L / 2, { domain: constraints.positive }));
}

/** Cluster parameters as the likelihood terms need them (constrained values). */
export interface ClusterParams {
  d_c: Array;
  sigma_c: Array;
  mu_c: Array; // [2]
  sigma_mu: Array;
  f: Array;
}

/**
 * Per-star log densities of the two components at distances `r`: [member, field], each [n],
 * each including its mixture weight (log f, log(1 − f)), the distance prior and the
 * proper-motion likelihood. Shared by the model and the membership probabilities.
 */
export function componentLogDensities(p: ClusterParams, r: Array, data: ClusterData): [Array, Array] {
  const { pmra, pmdec, pmraError, pmdecError, fieldLength } = data;
  // Member: r ~ Normal(d_c, σ_c); pm ~ Normal(μ_c, sqrt(σ_μ² + err²)) in each coordinate.
  const s2 = p.sigma_mu.mul(p.sigma_mu);
  const member = np
    .log(p.f)
    .add(new Normal(p.d_c, p.sigma_c).logProb(r))
    .add(new Normal(np.index(p.mu_c, 0), np.sqrt(s2.add(pmraError.mul(pmraError)))).logProb(pmra))
    .add(new Normal(np.index(p.mu_c, 1), np.sqrt(s2.add(pmdecError.mul(pmdecError)))).logProb(pmdec));
  // Field: r ~ the exponentially decreasing space density; pm ~ N2(μ_f, Σ_f + diag(err²)),
  // which depends on the data only (precomputed in toModelData).
  const field = np.log1p(p.f.mul(-1)).add(fieldDistancePrior(fieldLength).logProb(r)).add(data.logPmField);
  return [member, field];
}

/**
 * The model.
 *
 * - d_c ~ Normal(900, 100) pc, σ_c ~ HalfNormal(30) pc (the cluster's depth along the line of
 *   sight), μ_c ~ Normal(0, 20) mas/yr (each of 2), σ_μ ~ HalfNormal(1) mas/yr, f ~ Uniform(0, 1);
 * - per star i, r_i > 0 (flat base measure) with the factor
 *   log[ f N(r_i | d_c, σ_c) N(μ_i | μ_c, σ_μ² + e_i²) + (1 − f) p_BJ(r_i | L) N₂(μ_i | μ_f, Σ_f + E_i) ];
 * - ϖ_i ~ Normal(1000 / r_i, σ_ϖ,i), observed.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(clusterModel), { numWarmup: 500, numSamples: 500, numChains: 2 });
 * await mcmc.run(random.key(0), toModelData(cat));
 * ```
 */
export function clusterModel(data: ClusterData): void {
  const n = data.parallax.shape[0];
  const d_c = sample("d_c", new Normal(900, 100));
  const sigma_c = sample("sigma_c", new HalfNormal(30));
  const mu_c = sample("mu_c", new Normal(np.zeros([2]), 20).toEvent(1));
  const sigma_mu = sample("sigma_mu", new HalfNormal(1));
  const f = sample("f", new Uniform(0, 1));
  plate("stars", n, () => {
    const r = sample("r", new ImproperUniform(constraints.positive, [n], []));
    const [member, field] = componentLogDensities({ d_c, sigma_c, mu_c, sigma_mu, f }, r, data);
    factor("membership", np.logaddexp(member, field));
    sample("parallax", new Normal(np.reciprocal(r).mul(1000), data.parallaxError), { obs: data.parallax });
  });
}

/** log N₂(μ_i | μ_f, Σ_f + diag(e_i²)) for every star (plain JS: it depends on the data only). */
export function fieldPmLogDensity(cat: Catalogue, g: Gaussian2): Float64Array {
  const out = new Float64Array(cat.n);
  const [a0, b, c0] = g.cov;
  for (let i = 0; i < cat.n; i++) {
    const a = a0 + cat.pmraError[i] ** 2;
    const c = c0 + cat.pmdecError[i] ** 2;
    const det = a * c - b * b;
    const dx = cat.pmra[i] - g.mean[0];
    const dy = cat.pmdec[i] - g.mean[1];
    out[i] = (-0.5 * (c * dx * dx - 2 * b * dx * dy + a * dy * dy)) / det - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
  }
  return out;
}

/**
 * The model's data from a catalogue: the measurements as arrays and the field proper-motion
 * Gaussian fitted by `fitFieldProperMotions` (kept fixed in the fit).
 */
export function toModelData(cat: Catalogue, fieldLength = FIELD_LENGTH_PC): ClusterData & { pmGuess: ReturnType<typeof fitFieldProperMotions> } {
  const pmGuess = fitFieldProperMotions(cat);
  return {
    parallax: np.array(cat.parallax),
    parallaxError: np.array(cat.parallaxError),
    pmra: np.array(cat.pmra),
    pmraError: np.array(cat.pmraError),
    pmdec: np.array(cat.pmdec),
    pmdecError: np.array(cat.pmdecError),
    fieldPm: pmGuess.field,
    logPmField: np.array(fieldPmLogDensity(cat, pmGuess.field)),
    fieldLength,
    pmGuess,
  };
}

/**
 * A starting point for the sampler: each r_i at its inverse parallax (clipped to 50–8000 pc),
 * the cluster at 900 pc with the proper motion of the densest proper-motion cell (from the
 * EM fit), σ_c = 20 pc, σ_μ = 0.5 mas/yr, f = the EM weight.
 */
export function initialValues(cat: Catalogue, data: ReturnType<typeof toModelData>): Record<string, Array> {
  const r = Float64Array.from(cat.parallax, (p) => Math.min(8000, Math.max(50, 1000 / Math.max(p, 0.125))));
  return {
    d_c: np.array(900),
    sigma_c: np.array(20),
    mu_c: np.array(data.pmGuess.cluster.mean),
    sigma_mu: np.array(0.5),
    f: np.array(Math.min(0.9, Math.max(0.05, data.pmGuess.clusterWeight))),
    r: np.array(r),
  };
}

/**
 * Membership probability of every star, averaged over posterior draws:
 * P_i = mean over draws of f·p_member,i / (f·p_member,i + (1 − f)·p_field,i), evaluated at each
 * draw's r_i and cluster parameters.
 */
export function membershipProbabilities(samples: Record<string, Array>, data: ClusterData): Float64Array {
  const draws = samples.d_c.shape[0];
  const n = data.parallax.shape[0];
  const acc = new Float64Array(n);
  const probOf = jit((p: ClusterParams, r: Array) => {
    const [m, fl] = componentLogDensities(p, r, data);
    return np.reciprocal(np.exp(fl.sub(m)).add(1));
  });
  for (let s = 0; s < draws; s++) {
    const p: ClusterParams = {
      d_c: np.index(samples.d_c, s),
      sigma_c: np.index(samples.sigma_c, s),
      mu_c: np.index(samples.mu_c, s),
      sigma_mu: np.index(samples.sigma_mu, s),
      f: np.index(samples.f, s),
    };
    const prob = (probOf(p, np.index(samples.r, s)) as ConcreteArray).data as Float64Array;
    for (let i = 0; i < n; i++) acc[i] += prob[i];
  }
  for (let i = 0; i < n; i++) acc[i] /= draws;
  return acc;
}
