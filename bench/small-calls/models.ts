/**
 * The log densities timed by the small-calls benchmark, each written twice: with Orrery
 * arrays (differentiated by Orrery) and as hand-written JS with an analytic gradient.
 */
import { type Array, np } from "@orrery/core";

const LOG_2PI = Math.log(2 * Math.PI);

/** Deterministic data (a small LCG), so every run times the same problem. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Linear regression, 32 points: y ~ Normal(m x + b, yerr), m, b ~ Normal(0, 10). */
export function linearRegression() {
  const r = lcg(1);
  const n = 32;
  const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const yerr = Float64Array.from({ length: n }, () => 0.1 + 0.2 * r());
  const y = Float64Array.from(x, (xi, i) => 2 * xi - 0.5 + yerr[i] * (r() - 0.5));
  const X = np.array(x);
  const Yerr = np.array(yerr);
  const Y = np.array(y);
  const logYerr = np.log(Yerr);

  const logp = (theta: Array): Array => {
    const m = theta.index(0);
    const b = theta.index(1);
    const z = Y.sub(X.mul(m).add(b)).div(Yerr);
    const like = np.sum(z.square().mul(-0.5).sub(logYerr)).sub(0.5 * n * LOG_2PI);
    const prior = m.square().add(b.square()).mul(-0.5 / 100).sub(LOG_2PI + 2 * Math.log(10));
    return like.add(prior);
  };

  const logYerrSum = yerr.reduce((s, v) => s + Math.log(v), 0);
  const handwritten = (theta: Float64Array, grad: Float64Array): number => {
    const m = theta[0];
    const b = theta[1];
    let lp = 0;
    let gm = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const iv = 1 / yerr[i];
      const z = (y[i] - (m * x[i] + b)) * iv;
      lp -= 0.5 * z * z;
      const dz = z * iv;
      gm += dz * x[i];
      gb += dz;
    }
    lp += -logYerrSum - 0.5 * n * LOG_2PI - (0.5 / 100) * (m * m + b * b) - LOG_2PI - 2 * Math.log(10);
    grad[0] = gm - m / 100;
    grad[1] = gb - b / 100;
    return lp;
  };
  return { name: "linear regression (2 params, 32 points)", dim: 2, logp, handwritten, init: Float64Array.of(1.5, 0.1) };
}

/**
 * A non-centred hierarchical model with 200 parameters: mu, log tau, and 198 group effects z;
 * y_j ~ Normal(mu + tau z_j, sigma_j), z ~ Normal(0, 1), mu ~ Normal(0, 5),
 * tau ~ HalfNormal(5) on log scale (with its Jacobian).
 */
export function hierarchical() {
  const r = lcg(7);
  const J = 198;
  const sigma = Float64Array.from({ length: J }, () => 0.5 + r());
  const y = Float64Array.from({ length: J }, (_, j) => 1 + 2 * (r() - 0.5) + sigma[j] * (r() - 0.5));
  const Y = np.array(y);
  const Sigma = np.array(sigma);
  const logSigma = np.log(Sigma);

  const logp = (theta: Array): Array => {
    const mu = theta.index(0);
    const logTau = theta.index(1);
    const z = theta.index(np.s(2, null));
    const tau = np.exp(logTau);
    const r2 = Y.sub(mu.add(tau.mul(z))).div(Sigma);
    const like = np.sum(r2.square().mul(-0.5).sub(logSigma));
    const prior = np.sum(z.square().mul(-0.5)).sub(mu.square().div(50)).sub(tau.square().div(50)).add(logTau);
    return like.add(prior);
  };

  const handwritten = (theta: Float64Array, grad: Float64Array): number => {
    const mu = theta[0];
    const logTau = theta[1];
    const tau = Math.exp(logTau);
    let lp = 0;
    let gmu = 0;
    let gtau = 0;
    for (let j = 0; j < J; j++) {
      const z = theta[2 + j];
      const iv = 1 / sigma[j];
      const rr = (y[j] - (mu + tau * z)) * iv;
      lp += -0.5 * rr * rr - Math.log(sigma[j]) - 0.5 * z * z;
      const d = rr * iv;
      gmu += d;
      gtau += d * z;
      grad[2 + j] = d * tau - z;
    }
    lp += -(mu * mu) / 50 - (tau * tau) / 50 + logTau;
    grad[0] = gmu - mu / 25;
    grad[1] = gtau * tau - (tau * tau) / 25 + 1;
    return lp;
  };
  const init = Float64Array.from({ length: J + 2 }, (_, i) => (i === 0 ? 0.8 : i === 1 ? 0.2 : 0.3 * Math.sin(i)));
  return { name: "hierarchical (200 params)", dim: J + 2, logp, handwritten, init };
}
