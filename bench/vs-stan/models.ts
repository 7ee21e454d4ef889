/**
 * The bench's own small models (the examples' seed models are imported from examples/ by
 * seed-models.ts), written as the Stan programs in ./stan/ write them (latent sites in the
 * order of the Stan `parameters` blocks, so that the flat unconstrained vectors coincide), and
 * their data, generated from fixed keys.
 */
import { type Array, np, random } from "@orrery/core";
import { CategoricalProbs, HalfCauchy, LogNormal, MixtureGeneral, Normal, Uniform } from "../../packages/distributions/src/index.js";
import { deterministic, plate, sample } from "../../packages/ppl/src/index.js";

/** A line's data: observations with their uncertainties. */
export interface LineData {
  x: Array;
  yerr: Array;
  y: Array;
}

/** Eight-schools-like data: one estimate and its standard error per group. */
export interface GroupData {
  y: Array;
  sigma: Array;
}

/** The line fit with slope angle θ and perpendicular offset b⊥: the example's own `linearModel` (kept under this name). */
export { linearModel as linregTheta } from "../../examples/linear-regression/src/model.js";

/** The plain line: m, b ~ Normal(0, 10), y ~ Normal(m x + b, yerr). */
export function linregMB({ x, yerr, y }: LineData): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  plate("data", x.shape[0], () => {
    sample("y", new Normal(m.mul(x).add(b), yerr), { obs: y });
  });
}

/**
 * Hogg, Bovy & Lang's outlier mixture: with probability Q a point lies on the line
 * (Normal(m x + b, yerr)), otherwise it comes from a broad Normal(Y_out, sqrt(V_out + yerr²)).
 * The likelihood is `MixtureGeneral` (a log-sum-exp over the two components), as Stan's `log_mix`.
 */
export function mixture({ x, yerr, y }: LineData): void {
  const m = sample("m", new Normal(0, 5));
  const b = sample("b", new Normal(0, 5));
  const Q = sample("Q", new Uniform(0, 1));
  const yOut = sample("Y_out", new Normal(0, 10));
  const vOut = sample("V_out", new LogNormal(0, 2));
  const weights = new CategoricalProbs(np.stack([Q, np.subtract(1, Q)]));
  plate("data", x.shape[0], () => {
    const good = new Normal(m.mul(x).add(b), yerr);
    const bad = new Normal(yOut, np.sqrt(vOut.add(yerr.square())));
    sample("y", new MixtureGeneral(weights, [good, bad]), { obs: y });
  });
}

/** Non-centred hierarchical model: θ_j = μ + τ η_j, y_j ~ Normal(θ_j, σ_j), τ ~ HalfCauchy(5). */
export function hierarchical({ y, sigma }: GroupData): void {
  const mu = sample("mu", new Normal(0, 5));
  const tau = sample("tau", new HalfCauchy(5));
  plate("groups", y.shape[0], () => {
    const eta = sample("eta", new Normal(0, 1));
    const theta = deterministic("theta", mu.add(tau.mul(eta)));
    sample("y", new Normal(theta, sigma), { obs: y });
  });
}

const LINE_TRUTH = { m: 1.7, b: -0.3 };

/** 50 points on y = 1.7 x − 0.3 with Gaussian noise (the same as examples/linear-regression's `makeData(50, 0)`). */
export function lineData(n = 50, seed = 0): LineData {
  const [kx, kerr, kn] = [0, 1, 2].map((i) => random.foldIn(random.key(seed), i));
  const x = np.sort(random.uniform(kx, [n], { minval: -2, maxval: 2 }));
  const yerr = random.uniform(kerr, [n], { minval: 0.1, maxval: 0.5 });
  const y = x.mul(LINE_TRUTH.m).add(LINE_TRUTH.b).add(random.normal(kn, [n]).mul(yerr));
  return { x, yerr, y };
}

/** 50 points, 20% of them (every fifth) outliers from Normal(0.5, 3) instead of the line. */
export function outlierData(n = 50, seed = 1): LineData {
  const [kx, kerr, kn, ko] = [0, 1, 2, 3].map((i) => random.foldIn(random.key(seed), i));
  const x = np.sort(random.uniform(kx, [n], { minval: -2, maxval: 2 }));
  const yerr = random.uniform(kerr, [n], { minval: 0.1, maxval: 0.5 });
  const line = x.mul(LINE_TRUTH.m).add(LINE_TRUTH.b).add(random.normal(kn, [n]).mul(yerr));
  const out = random.normal(ko, [n]).mul(3).add(0.5);
  const isOut = np.equal(np.mod(np.arange(n), 5), 0);
  return { x, yerr, y: np.where(isOut, out, line) };
}

/** J groups: μ = 4, τ = 3, σ_j ~ Uniform(5, 15), y_j ~ Normal(μ + τ η_j, σ_j). */
export function groupData(J = 50, seed = 2): GroupData {
  const [ke, ks, kn] = [0, 1, 2].map((i) => random.foldIn(random.key(seed), i));
  const theta = random.normal(ke, [J]).mul(3).add(4);
  const sigma = random.uniform(ks, [J], { minval: 5, maxval: 15 });
  return { y: theta.add(random.normal(kn, [J]).mul(sigma)), sigma };
}
