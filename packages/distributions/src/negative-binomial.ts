/**
 * The negative binomial family: GammaPoisson, NegativeBinomial (probs or logits),
 * NegativeBinomial2 and ZeroInflatedNegativeBinomial2, as `numpyro.distributions`. Draws are
 * int32 arrays.
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { batchOf } from "./loc-scale.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ProbsOrLogits, byProbsOrLogits, toInt } from "./discrete-util.js";
import { type ArrayLike, asFloat, bcast, xlog1py, xlogy } from "./util.js";
import { ZeroInflatedDistribution } from "./discrete.js";

/**
 * The gamma-Poisson (negative binomial) mixture: Poisson(λ) with λ ~ Gamma(concentration, rate).
 *
 * @example
 * ```ts
 * new GammaPoisson(2, 0.5).mean; // 4
 * ```
 */
export class GammaPoisson extends Distribution {
  readonly concentration: Array;
  readonly rate: Array;
  /** @param concentration - α > 0 @param rate - β > 0 */
  constructor(concentration: ArrayLike, rate: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.concentration = asFloat(concentration);
    this.rate = asFloat(rate);
    this.setup(batchOf(this.name, this.concentration, this.rate), [], [this.concentration, this.rate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.positive, rate: C.positive };
  }
  get support(): Constraint {
    return C.nonnegativeInteger;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const [k1, k2] = [random.foldIn(key, 0), random.foldIn(key, 1)];
    const lam = random.gamma(k1, bcast(this.concentration, shape), shape).div(this.rate);
    return toInt(random.poisson(k2, lam, shape));
  }
  logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const a = this.concentration;
    const b = this.rate;
    const coeff = special.gammaln(a.add(k)).sub(special.gammaln(k.add(1))).sub(special.gammaln(a));
    const logp = np.log(b).sub(np.log1p(b));
    return coeff.add(a.mul(logp)).sub(xlogy(k, np.add(1, b)));
  }
  /** The probability of a failure per trial, rate/(1 + rate) (1 − probs for NegativeBinomial). */
  protected get failureProbs(): Array {
    return this.rate.div(np.add(1, this.rate));
  }
  /**
   * P(X ≤ value) = I_q(concentration, ⌊value⌋ + 1) with q = rate/(1 + rate), the failure
   * probability of the negative binomial (`special.betainc`).
   */
  override cdf(value: ArrayLike): Array {
    const k = np.floor(asFloat(value));
    const ok = k.ge(0);
    const [a, b, x] = np.broadcastArrays(this.concentration, np.where(ok, k, 0).add(1), this.failureProbs);
    return np.where(ok, special.betainc(a, b, x), 0);
  }
  override get mean(): Array {
    return bcast(this.concentration.div(this.rate), this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.concentration.div(this.rate.square()).mul(np.add(1, this.rate)), this.batchShape);
  }
}

/**
 * The negative binomial: the number of successes (probability `probs`) before `totalCount`
 * failures, as NumPyro's `NegativeBinomialProbs`.
 *
 * @example
 * ```ts
 * new NegativeBinomialProbs(5, 0.5).mean; // 5
 * ```
 */
export class NegativeBinomialProbs extends GammaPoisson {
  readonly totalCount: Array;
  readonly probs: Array;
  /** @param totalCount - r > 0 @param probs - success probability in [0, 1) */
  constructor(totalCount: ArrayLike, probs: ArrayLike, options?: DistributionOptions) {
    const r = asFloat(totalCount);
    const p = asFloat(probs);
    super(r, np.subtract(1, p).div(p), { ...options, validateArgs: false });
    this.totalCount = r;
    this.probs = p;
    this.setup(this.batchShape, [], [r, p, options], options);
  }
  override get name(): string {
    return "NegativeBinomial";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { totalCount: C.positive, probs: C.unitInterval };
  }
  override logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const r = this.totalCount;
    const coeff = special.gammaln(r.add(k)).sub(special.gammaln(k.add(1))).sub(special.gammaln(r));
    return coeff.add(xlog1py(r, this.probs.neg())).add(xlogy(k, this.probs));
  }
  protected override get failureProbs(): Array {
    return np.subtract(1, this.probs);
  }
}

/**
 * The negative binomial with log-odds of success `logits`.
 *
 * @example
 * ```ts
 * new NegativeBinomialLogits(5, 0).mean; // 5
 * ```
 */
export class NegativeBinomialLogits extends GammaPoisson {
  readonly totalCount: Array;
  readonly logits: Array;
  /** @param totalCount - r > 0 @param logits - log-odds of success */
  constructor(totalCount: ArrayLike, logits: ArrayLike, options?: DistributionOptions) {
    const r = asFloat(totalCount);
    const l = asFloat(logits);
    super(r, np.exp(l.neg()), { ...options, validateArgs: false });
    this.totalCount = r;
    this.logits = l;
    this.setup(this.batchShape, [], [r, l, options], options);
  }
  override get name(): string {
    return "NegativeBinomial";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { totalCount: C.positive, logits: C.real };
  }
  override logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const r = this.totalCount;
    const coeff = special.gammaln(r.add(k)).sub(special.gammaln(k.add(1))).sub(special.gammaln(r));
    return coeff.sub(r.mul(special.softplus(this.logits))).sub(k.mul(special.softplus(this.logits.neg())));
  }
  protected override get failureProbs(): Array {
    return special.expit(this.logits.neg());
  }
}

/** The constructor of `NegativeBinomial`: `new NegativeBinomial(r, p)` or `new NegativeBinomial(r, { logits })`. */
export interface NegativeBinomialConstructor {
  new (totalCount: ArrayLike, params: ArrayLike | ProbsOrLogits, options?: DistributionOptions): GammaPoisson;
}

/**
 * The negative binomial (successes before `totalCount` failures), from `probs` or `{ logits }`.
 *
 * @example
 * ```ts
 * new NegativeBinomial(5, 0.5).logProb(3);
 * ```
 */
export const NegativeBinomial = function (totalCount: ArrayLike, params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
  return byProbsOrLogits<NegativeBinomialProbs | NegativeBinomialLogits>(
    params,
    (p) => new NegativeBinomialProbs(totalCount, p, options),
    (l) => new NegativeBinomialLogits(totalCount, l, options),
  );
} as unknown as NegativeBinomialConstructor;

/**
 * The negative binomial with mean `mean` and dispersion `concentration`
 * (variance mean + mean²/concentration), as NumPyro's `NegativeBinomial2`.
 *
 * @example
 * ```ts
 * new NegativeBinomial2(4, 2).variance; // 12
 * ```
 */
export class NegativeBinomial2 extends GammaPoisson {
  readonly meanArg: Array;
  /** @param mean - > 0 @param concentration - > 0 */
  constructor(mean: ArrayLike, concentration: ArrayLike, options?: DistributionOptions) {
    const m = asFloat(mean);
    const c = asFloat(concentration);
    super(c, c.div(m), { ...options, validateArgs: false });
    this.meanArg = m;
    this.setup(this.batchShape, [], [m, c, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { meanArg: C.positive, concentration: C.positive };
  }
  override validate(): void {
    try {
      super.validate();
    } catch (e) {
      throw new Error((e as Error).message.replace("parameter meanArg", "parameter mean"));
    }
  }
}

/**
 * The zero-inflated NegativeBinomial2.
 *
 * @example
 * ```ts
 * new ZeroInflatedNegativeBinomial2(4, 2, 0.1).mean; // 3.6
 * ```
 */
export class ZeroInflatedNegativeBinomial2 extends ZeroInflatedDistribution {
  /** @param mean - of the negative binomial @param concentration - its dispersion @param gate - extra probability of zero */
  constructor(mean: ArrayLike, concentration: ArrayLike, gate: ArrayLike, options?: DistributionOptions) {
    const m = asFloat(mean);
    const c = asFloat(concentration);
    super(new NegativeBinomial2(m, c, options), gate, options);
    this.treeArgs = [m, c, this.gate, options];
  }
}

for (const cls of [GammaPoisson, NegativeBinomialProbs, NegativeBinomialLogits, NegativeBinomial2, ZeroInflatedNegativeBinomial2]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
