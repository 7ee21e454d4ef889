/**
 * KL divergences between distributions, as `numpyro.distributions.kl.kl_divergence`.
 */
import { type Array, np, special } from "@orrery/core";
import { Exponential, HalfNormal, LogNormal, Uniform } from "./continuous.js";
import { Beta, Gamma } from "./gamma-beta.js";
import { Normal } from "./loc-scale.js";
import { type Distribution, Independent } from "./distribution.js";
import { Dirichlet, MultivariateNormal } from "./multivariate.js";
import { BernoulliLogits, BernoulliProbs, CategoricalLogits, Poisson } from "./discrete.js";
import { diag, sumRightmost } from "./util.js";

type KlRule = (p: any, q: any) => Array;
const rules: [Function, Function, KlRule][] = [];

/**
 * Register a closed-form KL divergence for a pair of classes (exact classes, subclasses match).
 *
 * @example
 * ```ts
 * registerKl(MyDist, MyDist, (p, q) => ...);
 * ```
 */
export function registerKl<P extends Distribution, Q extends Distribution>(
  pCls: abstract new (...a: any[]) => P,
  qCls: abstract new (...a: any[]) => Q,
  rule: (p: P, q: Q) => Array,
): void {
  rules.unshift([pCls, qCls, rule as KlRule]);
}

/**
 * KL(p ‖ q) = E_p[log p − log q], in closed form for the registered pairs (Normal/Normal,
 * LogNormal/LogNormal, HalfNormal/HalfNormal, Gamma/Gamma, Beta/Beta, Exponential/Exponential,
 * Uniform/Uniform, Bernoulli/Bernoulli, Categorical/Categorical, Poisson/Poisson,
 * Dirichlet/Dirichlet, MultivariateNormal/MultivariateNormal, Independent/Independent).
 *
 * @example
 * ```ts
 * kl(new Normal(0, 1), new Normal(1, 2)); // log 2 + 2/8 − 1/2
 * ```
 */
export function kl(p: Distribution, q: Distribution): Array {
  for (const [pc, qc, rule] of rules) if (p instanceof pc && q instanceof qc) return rule(p, q);
  throw new Error(`kl: no closed form registered for ${p.name} ‖ ${q.name}`);
}

registerKl(Normal, Normal, (p, q) => {
  const vr = p.scale.div(q.scale).square();
  const t1 = p.loc.sub(q.loc).div(q.scale).square();
  return vr.add(t1).sub(1).sub(np.log(vr)).mul(0.5);
});
registerKl(LogNormal, LogNormal, (p, q) => {
  const vr = p.scale.div(q.scale).square();
  const t1 = p.loc.sub(q.loc).div(q.scale).square();
  return vr.add(t1).sub(1).sub(np.log(vr)).mul(0.5);
});
registerKl(HalfNormal, HalfNormal, (p, q) => {
  const vr = p.scale.div(q.scale).square();
  return vr.sub(1).sub(np.log(vr)).mul(0.5);
});
registerKl(Exponential, Exponential, (p, q) => {
  const r = q.rate.div(p.rate);
  return r.sub(1).sub(np.log(r));
});
registerKl(Gamma, Gamma, (p, q) => {
  const [a1, b1, a2, b2] = [p.concentration, p.rate, q.concentration, q.rate];
  return a1
    .sub(a2)
    .mul(special.digamma(a1))
    .sub(special.gammaln(a1))
    .add(special.gammaln(a2))
    .add(a2.mul(np.log(b1).sub(np.log(b2))))
    .add(a1.mul(b2.sub(b1).div(b1)));
});
registerKl(Beta, Beta, (p, q) => {
  const [a1, b1, a2, b2] = [p.concentration1, p.concentration0, q.concentration1, q.concentration0];
  const t1 = a1.add(b1);
  return special
    .betaln(a2, b2)
    .sub(special.betaln(a1, b1))
    .add(a1.sub(a2).mul(special.digamma(a1)))
    .add(b1.sub(b2).mul(special.digamma(b1)))
    .add(a2.sub(a1).add(b2).sub(b1).mul(special.digamma(t1)));
});
registerKl(Uniform, Uniform, (p, q) => {
  const inside = np.logicalAnd(q.low.le(p.low), p.high.le(q.high));
  return np.where(inside, np.log(q.high.sub(q.low).div(p.high.sub(p.low))), Infinity);
});
const bernKl: KlRule = (p, q) => {
  const pp = p.probs as Array;
  const lp = p.logits as Array;
  const lq = q.logits as Array;
  // p log(p/q) + (1−p) log((1−p)/(1−q)) in logits: softplus terms.
  return pp.mul(lp.sub(lq)).add(special.softplus(lq)).sub(special.softplus(lp));
};
registerKl(BernoulliProbs, BernoulliProbs, bernKl);
registerKl(BernoulliProbs, BernoulliLogits, bernKl);
registerKl(BernoulliLogits, BernoulliProbs, bernKl);
registerKl(BernoulliLogits, BernoulliLogits, bernKl);
registerKl(CategoricalLogits, CategoricalLogits, (p, q) => np.sum(np.exp(p.logits).mul(p.logits.sub(q.logits)), { axis: -1 }));
registerKl(Poisson, Poisson, (p, q) => p.rate.mul(np.log(p.rate).sub(np.log(q.rate))).sub(p.rate).add(q.rate));
registerKl(Dirichlet, Dirichlet, (p, q) => {
  const a = p.concentration;
  const b = q.concentration;
  const a0 = np.sum(a, { axis: -1 });
  const b0 = np.sum(b, { axis: -1 });
  return special
    .gammaln(a0)
    .sub(np.sum(special.gammaln(a), { axis: -1 }))
    .sub(special.gammaln(b0))
    .add(np.sum(special.gammaln(b), { axis: -1 }))
    .add(np.sum(a.sub(b).mul(special.digamma(a).sub(np.expandDims(special.digamma(a0), -1))), { axis: -1 }));
});
registerKl(MultivariateNormal, MultivariateNormal, (p, q) => {
  const n = p.eventShape[0];
  const Lq = q.scaleTril;
  const M = np.linalg.solveTriangular(Lq, p.scaleTril, { lower: true });
  const tr = np.sum(M.square(), { axis: [-2, -1] });
  const diff = np.expandDims(q.loc.sub(p.loc), -1);
  const z = np.linalg.solveTriangular(Lq, np.broadcastTo(diff, [...Lq.shape.slice(0, -1), 1]), { lower: true });
  const maha = np.sum(z.square(), { axis: [-2, -1] });
  const logdet = np.sum(np.log(diag(Lq)), { axis: -1 }).sub(np.sum(np.log(diag(p.scaleTril)), { axis: -1 })).mul(2);
  return tr.add(maha).sub(n).add(logdet).mul(0.5);
});
registerKl(Independent, Independent, (p, q) => {
  if (p.reinterpretedBatchNdims !== q.reinterpretedBatchNdims) throw new Error("kl: Independent distributions with different event ranks");
  return sumRightmost(kl(p.baseDist, q.baseDist), p.reinterpretedBatchNdims);
});
