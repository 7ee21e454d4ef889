/**
 * The seed models of the test suite (and of the README): linear regression, its
 * reparameterised form, regression with x errors, the outlier mixture, a single-star Gaia
 * parallax with the Bailer-Jones prior, the hierarchical HR-diagram model of
 * examples/hr-diagram (clusters × stars, Poisson photon counts) and an M67-style
 * cluster-membership mixture (written twice: generatively, and with a factor as
 * examples/m67-cluster writes it; both have the same potential).
 */
import { type Array, np } from "@orrery/core";
import {
  AffineTransform,
  CategoricalLogits,
  CategoricalProbs,
  Chi2,
  HalfNormal,
  ImproperUniform,
  MixtureGeneral,
  MultivariateNormal,
  Normal,
  Poisson,
  TransformedDistribution,
  Uniform,
  constraints,
} from "@orrery/distributions";
import { deterministic, factor, plate, sample } from "@orrery/ppl";

export function linear(x: Array, yerr: Array, y?: Array): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  plate("data", x.shape[0], () => {
    sample("y", new Normal(m.mul(x).add(b), yerr), { obs: y });
  });
}

export function reparamLinear(x: Array, yerr: Array, y?: Array): void {
  const theta = sample("theta", new Uniform(-Math.PI / 2, Math.PI / 2));
  const bPerp = sample("b_perp", new Normal(0, 1));
  const m = deterministic("m", np.tan(theta));
  const b = deterministic("b", bPerp.div(np.cos(theta)));
  plate("data", x.shape[0], () => {
    sample("y", new Normal(m.mul(x).add(b), yerr), { obs: y });
  });
}

/** `x` may be left out (undefined) to draw x_obs from the prior. */
export function xErrors(x: Array | undefined, xerr: Array, yerr: Array, y?: Array): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  const sigma = sample("sigma", new HalfNormal(1));
  plate("data", xerr.shape[0], () => {
    const xTrue = sample("x_true", new Normal(0, 10));
    sample("x_obs", new Normal(xTrue, xerr), { obs: x });
    sample("y", new Normal(m.mul(xTrue).add(b), np.sqrt(yerr.square().add(sigma.square()))), { obs: y });
  });
}

export function outliers(x: Array, yerr: Array, y: Array): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  const q = sample("q", new Uniform(0, 1));
  const muBg = sample("mu_bg", new Normal(0, 10));
  const sigmaBg = sample("sigma_bg", new HalfNormal(10));
  plate("data", x.shape[0], () => {
    const fg = np.log1p(q.neg()).add(new Normal(m.mul(x).add(b), yerr).logProb(y));
    const bg = np.log(q).add(new Normal(muBg, np.sqrt(yerr.square().add(sigmaBg.square()))).logProb(y));
    factor("like", np.logaddexp(fg, bg));
  });
}

export function gaia(L: number, plxErr: number, plx?: Array | number): void {
  const r = sample("r", new TransformedDistribution(new Chi2(6), new AffineTransform(0, L / 2)));
  sample("plx", new Normal(np.divide(1000, r), plxErr), { obs: plx });
}

/** HR diagram: the calibrated main sequence M_ms(B−V) = 1 + 5 (B−V) and the zero point ZP = 25. */
export const HR_ZP = 25;

/**
 * The hierarchical HR-diagram model as examples/hr-diagram states it: μ₀ ~ Normal(10, 3),
 * σ₀ ~ HalfNormal(2), σ_ms ~ HalfNormal(0.5); per cluster (dim −2) μ_c ~ Normal(μ₀, σ₀); per star
 * (dim −1) the apparent magnitude m_cs ~ Normal(μ_c + 1 + 5 colour_cs, σ_ms), M_cs = m_cs − μ_c
 * (deterministic) and N_cs ~ Poisson(10^(−0.4 (m_cs − ZP))). `colour` is [clusters, stars].
 */
export function hrDiagram(colour: Array, counts?: Array): void {
  const [C, S] = colour.shape;
  const mu0 = sample("mu0", new Normal(10, 3));
  const sigma0 = sample("sigma0", new HalfNormal(2));
  const sigmaMs = sample("sigma_ms", new HalfNormal(0.5));
  plate("clusters", C, () => {
    const mu = sample("mu", new Normal(mu0, sigma0)); // [C, 1]
    plate("stars", S, () => {
      const m = sample("m", new Normal(mu.add(colour.mul(5).add(1)), sigmaMs)); // [C, S]
      deterministic("M", m.sub(mu));
      sample("counts", new Poisson(np.power(10, m.sub(HR_ZP).mul(-0.4))), { obs: counts });
    });
  }, { dim: -2 });
}

/** Data of the M67-style membership model (per star, n stars). */
export interface M67Data {
  parallaxError: Array; // [n]
  pmError: Array; // [n, 2]
  fieldMean: Array; // [2]: the field's proper-motion mean (fixed)
  fieldCov: Array; // [2, 2]: the field's proper-motion covariance (fixed)
  L: number; // the Bailer-Jones length scale (pc)
}

/** The field distance prior r² e^(−r/L) / (2L³), as NumPyro users write it. */
export function bjPrior(L: number): TransformedDistribution {
  return new TransformedDistribution(new Chi2(6), new AffineTransform(0, L / 2, { domain: constraints.positive }));
}

function m67Cluster() {
  const d_c = sample("d_c", new Normal(900, 100));
  const sigma_c = sample("sigma_c", new HalfNormal(30));
  const mu_c = sample("mu_c", new Normal(np.zeros([2]), 20).toEvent(1));
  const sigma_mu = sample("sigma_mu", new HalfNormal(1));
  const f = sample("f", new Uniform(0, 1));
  return { d_c, sigma_c, mu_c, sigma_mu, f };
}

/** The two proper-motion components of each star: [field, member], event shape [2], batch [n]. */
function m67PmComponents(d: M67Data, mu_c: Array, sigma_mu: Array): [MultivariateNormal, ReturnType<Normal["toEvent"]>] {
  const n = d.parallaxError.shape[0];
  const e2 = d.pmError.square(); // [n, 2]
  const cov = d.fieldCov.reshape([1, 2, 2]).add(np.expandDims(e2, -1).mul(np.eye(2))); // [n, 2, 2]
  const field = new MultivariateNormal(np.broadcastTo(d.fieldMean, [n, 2]), { covarianceMatrix: cov });
  const member = new Normal(mu_c, np.sqrt(e2.add(sigma_mu.square()))).toEvent(1);
  return [field, member];
}

/**
 * M67-style membership, generatively: r_i ~ (1 − f) p_BJ + f Normal(d_c, σ_c) (a MixtureGeneral,
 * support positive), pm_i | r_i ~ the two proper-motion components weighted by each component's
 * responsibility for r_i, ϖ_i ~ Normal(1000 / r_i, σ_ϖ,i). The joint log density of (r_i, pm_i)
 * is log[f N(r_i | d_c, σ_c) N(pm_i | member) + (1 − f) p_BJ(r_i) N₂(pm_i | field)], the
 * log-sum-exp of examples/m67-cluster.
 */
export function m67(d: M67Data, pm?: Array, parallax?: Array): void {
  const n = d.parallaxError.shape[0];
  const { d_c, sigma_c, mu_c, sigma_mu, f } = m67Cluster();
  plate("stars", n, () => {
    const bj = bjPrior(d.L);
    const cl = new Normal(d_c, sigma_c);
    const r = sample("r", new MixtureGeneral(new CategoricalProbs(np.stack([f.neg().add(1), f])), [bj, cl]));
    const resp = np.stack([np.log1p(f.neg()).add(bj.logProb(r)), np.log(f).add(cl.logProb(r))], -1); // [n, 2]
    sample("pm", new MixtureGeneral(new CategoricalLogits(resp), m67PmComponents(d, mu_c, sigma_mu)), { obs: pm });
    sample("parallax", new Normal(np.reciprocal(r).mul(1000), d.parallaxError), { obs: parallax });
  });
}

/** The same model as examples/m67-cluster writes it: r_i ~ ImproperUniform(positive) and a factor. */
export function m67Factor(d: M67Data, pm: Array, parallax: Array): void {
  const n = d.parallaxError.shape[0];
  const { d_c, sigma_c, mu_c, sigma_mu, f } = m67Cluster();
  plate("stars", n, () => {
    const r = sample("r", new ImproperUniform(constraints.positive, [n], []));
    const [field, member] = m67PmComponents(d, mu_c, sigma_mu);
    const lm = np.log(f).add(new Normal(d_c, sigma_c).logProb(r)).add(member.logProb(pm));
    const lf = np.log1p(f.neg()).add(bjPrior(d.L).logProb(r)).add(field.logProb(pm));
    factor("membership", np.logaddexp(lm, lf));
    sample("parallax", new Normal(np.reciprocal(r).mul(1000), d.parallaxError), { obs: parallax });
  });
}
