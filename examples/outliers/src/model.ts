/**
 * Hogg, Bovy & Lang (2010, arXiv:1008.4686, §3) "pruning outliers" as a mixture: each point
 * is either on the line, y ~ Normal(m x + b, yerr), or from one broad outlier distribution,
 * y ~ Normal(Y_out, sqrt(V_out + yerr²)), the latter with probability Q. The per-point
 * indicator is marginalised out (a `MixtureGeneral` of the two components), so NUTS sees only
 * continuous parameters; each point's posterior probability of being an outlier comes back
 * from the mixture's `componentLogProbs`, averaged over the posterior draws.
 */
import { type Array, nn, np, random, vmap } from "@orrery/core";
import { Categorical, HalfNormal, LogNormal, MixtureGeneral, Normal, Uniform } from "@orrery/distributions";
import { plate, sample } from "@orrery/ppl";

/** Observations with their uncertainties in y. */
export interface Data {
  x: Array;
  yerr: Array;
  y?: Array;
}

/** The likelihood of every point, as a two-component mixture (component 0: the line; 1: outliers). */
export function mixtureLikelihood(m: Array | number, b: Array | number, Q: Array | number, Yout: Array | number, Vout: Array | number, x: Array, yerr: Array): MixtureGeneral {
  const q = np.asArray(Q);
  const line = new Normal(x.mul(m).add(b), yerr);
  const outlier = new Normal(np.broadcastTo(np.asArray(Yout), x.shape), np.sqrt(yerr.square().add(Vout)));
  return new MixtureGeneral(new Categorical(np.stack([q.neg().add(1), q])), [line, outlier]);
}

/**
 * The model. Priors: m ~ Normal(0, 5), b ~ Normal(0, 10), Q ~ Uniform(0, 1),
 * Y_out ~ Normal(0, 10), V_out ~ LogNormal(log 10, 1.5).
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(outlierModel), { numWarmup: 1000, numSamples: 1000 });
 * await mcmc.run(random.key(0), makeData());
 * ```
 */
export function outlierModel({ x, yerr, y }: Data): void {
  const m = sample("m", new Normal(0, 5));
  const b = sample("b", new Normal(0, 10));
  const Q = sample("Q", new Uniform(0, 1));
  const Yout = sample("Y_out", new Normal(0, 10));
  const Vout = sample("V_out", new LogNormal(Math.log(10), 1.5));
  plate("data", x.shape[0], () => {
    sample("y", mixtureLikelihood(m, b, Q, Yout, Vout, x, yerr), { obs: y });
  });
}

/** The truth the synthetic data come from. */
export const TRUTH = { m: 1.3, b: 2.0, Q: 0.2, Y_out: 5.0, V_out: 16.0 };

/**
 * Synthetic data from a fixed key: `n` points with x in [0, 5]; round(Q n) of them, at random,
 * are outliers (drawn from the outlier component), the others lie on the line with noise `yerr`.
 * Also returns which points are outliers.
 *
 * @example
 * ```ts
 * const { x, yerr, y, isOutlier } = makeData(50, 0);
 * ```
 */
export function makeData(n = 50, seed = 0): Required<Data> & { isOutlier: boolean[] } {
  const [kx, kerr, kz, kn, ko] = [0, 1, 2, 3, 4].map((i) => random.foldIn(random.key(seed), i));
  const x = np.sort(random.uniform(kx, [n], { minval: 0, maxval: 5 }));
  const yerr = random.uniform(kerr, [n], { minval: 0.2, maxval: 0.5 });
  // Exactly round(Q n) outliers, at random positions.
  const u = random.uniform(kz, [n]);
  const k = Math.round(TRUTH.Q * n);
  const z = np.less(u, np.sort(u).index(k));
  const yLine = x.mul(TRUTH.m).add(TRUTH.b).add(random.normal(kn, [n]).mul(yerr));
  const yOut = random.normal(ko, [n]).mul(np.sqrt(yerr.square().add(TRUTH.V_out))).add(TRUTH.Y_out);
  const y = np.where(z, yOut, yLine);
  return { x, yerr, y, isOutlier: (z.tolist() as boolean[]).map(Boolean) };
}

/**
 * Each point's posterior probability of being an outlier: the membership probability
 * softmax(componentLogProbs(y))[:, 1] for every posterior draw (vectorised with `vmap`),
 * averaged over the draws.
 *
 * @example
 * ```ts
 * const pOut = outlierProbabilities(mcmc.getSamples(), data); // Float64Array(n)
 * ```
 */
export function outlierProbabilities(samples: Record<string, Array>, { x, yerr, y }: Required<Data>): Float64Array {
  const perDraw = vmap((m: Array, b: Array, Q: Array, Yout: Array, Vout: Array) => {
    const lp = mixtureLikelihood(m, b, Q, Yout, Vout, x, yerr).componentLogProbs(y);
    return nn.softmax(lp, { axis: -1 }).index(np.s(), 1);
  })(samples.m, samples.b, samples.Q, samples.Y_out, samples.V_out) as Array;
  return Float64Array.from(np.mean(perDraw, { axis: 0 }).tolist() as number[]);
}
