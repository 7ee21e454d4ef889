/**
 * The seed models of the test suite (and of the README): linear regression, its
 * reparameterised form, regression with x errors, the outlier mixture and a single-star Gaia
 * parallax with the Bailer-Jones prior.
 */
import { type Array, np } from "@orrery/core";
import { AffineTransform, Chi2, HalfNormal, Normal, TransformedDistribution, Uniform } from "@orrery/distributions";
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

export function xErrors(x: Array, xerr: Array, yerr: Array, y?: Array): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  const sigma = sample("sigma", new HalfNormal(1));
  plate("data", x.shape[0], () => {
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
