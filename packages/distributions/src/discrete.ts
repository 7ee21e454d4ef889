/**
 * Discrete distributions, as `numpyro.distributions.discrete` (the binomial and negative
 * binomial families are in binomial.ts and negative-binomial.ts). Draws are int32 arrays;
 * `logProb` accepts ints or floats holding integers.
 */
import { type Array, nn, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { batchOf } from "./loc-scale.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, finfo, xlog1py, xlogy } from "./util.js";
import { type ProbsOrLogits, byProbsOrLogits, toInt } from "./discrete-util.js";

export type { ProbsOrLogits } from "./discrete-util.js";

/**
 * Bernoulli with success probability `probs`.
 *
 * @example
 * ```ts
 * new BernoulliProbs(0.3).logProb(1); // log 0.3
 * ```
 */
export class BernoulliProbs extends Distribution {
  readonly probs: Array;
  /** @param probs - P(X = 1), in [0, 1] */
  constructor(probs: ArrayLike, options?: DistributionOptions) {
    super();
    this.probs = asFloat(probs);
    this.setup(this.probs.shape, [], [this.probs, options], options);
  }
  override get name(): string {
    return "Bernoulli";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { probs: C.unitInterval };
  }
  get support(): Constraint {
    return C.boolean;
  }
  /** The log-odds. */
  get logits(): Array {
    return special.logit(this.probs);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return toInt(random.uniform(key, this.shape(sampleShape)).lt(this.probs));
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    return xlogy(v, this.probs).add(xlog1py(np.subtract(1, v), this.probs.neg()));
  }
  override get mean(): Array {
    return this.probs;
  }
  override get variance(): Array {
    return this.probs.mul(np.subtract(1, this.probs));
  }
  override entropy(): Array {
    const p = this.probs;
    return xlogy(p, p).add(xlog1py(np.subtract(1, p), p.neg())).neg();
  }
  override enumerateSupport(expand = true): Array {
    const v = np.array([0, 1], "int32").reshape([2, ...this.batchShape.map(() => 1)]);
    return expand ? bcast(v, [2, ...this.batchShape]) : v;
  }
}

/**
 * Bernoulli with log-odds `logits`.
 *
 * @example
 * ```ts
 * new BernoulliLogits(0).logProb(1); // log 0.5
 * ```
 */
export class BernoulliLogits extends Distribution {
  readonly logits: Array;
  /** @param logits - log(p / (1 − p)) */
  constructor(logits: ArrayLike, options?: DistributionOptions) {
    super();
    this.logits = asFloat(logits);
    this.setup(this.logits.shape, [], [this.logits, options], options);
  }
  override get name(): string {
    return "Bernoulli";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { logits: C.real };
  }
  get support(): Constraint {
    return C.boolean;
  }
  /** P(X = 1). */
  get probs(): Array {
    return special.expit(this.logits);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return toInt(random.uniform(key, this.shape(sampleShape)).lt(this.probs));
  }
  logProb(value: ArrayLike): Array {
    return asFloat(value).mul(this.logits).sub(special.softplus(this.logits));
  }
  override get mean(): Array {
    return this.probs;
  }
  override get variance(): Array {
    const p = this.probs;
    return p.mul(np.subtract(1, p));
  }
  override entropy(): Array {
    const p = this.probs;
    return special.softplus(this.logits).sub(this.logits.mul(p));
  }
  override enumerateSupport(expand = true): Array {
    const v = np.array([0, 1], "int32").reshape([2, ...this.batchShape.map(() => 1)]);
    return expand ? bcast(v, [2, ...this.batchShape]) : v;
  }
}

/** The constructor of `Bernoulli`: `new Bernoulli(p)`, `new Bernoulli({ probs })` or `new Bernoulli({ logits })`. */
export interface BernoulliConstructor {
  new (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions): BernoulliProbs | BernoulliLogits;
}

/**
 * The Bernoulli distribution on {0, 1}, from probabilities (a number/array, or `{ probs }`)
 * or `{ logits }`, as NumPyro's `Bernoulli(probs=…, logits=…)`.
 *
 * @example
 * ```ts
 * new Bernoulli(0.3).sample(random.key(0), [4]); // int32 zeros and ones
 * new Bernoulli({ logits: 0 }).mean; // 0.5
 * ```
 */
export const Bernoulli = function (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
  return byProbsOrLogits<BernoulliProbs | BernoulliLogits>(params, (p) => new BernoulliProbs(p, options), (l) => new BernoulliLogits(l, options));
} as unknown as BernoulliConstructor;

/**
 * The categorical distribution on {0, …, K−1} from log-probabilities (normalised over the
 * last axis).
 *
 * @example
 * ```ts
 * new CategoricalLogits(np.log(np.array([0.2, 0.8]))).logProb(1); // log 0.8
 * ```
 */
export class CategoricalLogits extends Distribution {
  readonly logits: Array;
  /** @param logits - unnormalised log-probabilities, `[..., K]` */
  constructor(logits: ArrayLike, options?: DistributionOptions) {
    super();
    const l = asFloat(logits);
    if (l.ndim < 1) throw new Error("Categorical: logits must have at least one axis (the categories)");
    this.logits = l.sub(special.logsumexp(l, { axis: -1, keepdims: true }));
    this.setup(l.shape.slice(0, -1), [], [l, options], options);
  }
  override get name(): string {
    return "Categorical";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { logits: C.realVector };
  }
  /** The number of categories. */
  get numCategories(): number {
    return this.logits.shape[this.logits.ndim - 1];
  }
  get support(): Constraint {
    return C.integerInterval(0, this.numCategories - 1);
  }
  /** The probabilities. */
  get probs(): Array {
    return nn.softmax(this.logits, { axis: -1 });
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return random.categorical(key, this.logits, { shape: [...sampleShape, ...this.batchShape] });
  }
  logProb(value: ArrayLike): Array {
    const v = np.asArray(value);
    const shape = broadcastShapes([v.shape, this.batchShape], this.name);
    const K = this.numCategories;
    const l = bcast(this.logits, [...shape, K]);
    const idx = np.expandDims(bcast(toInt(v), shape), -1);
    return np.takeAlongAxis(l, np.clip(idx, 0, K - 1), -1).index("...", 0);
  }
  override get mean(): Array {
    return np.full(this.batchShape, NaN);
  }
  override get variance(): Array {
    return np.full(this.batchShape, NaN);
  }
  override entropy(): Array {
    const p = this.probs;
    return np.sum(p.mul(this.logits), { axis: -1 }).neg();
  }
  override enumerateSupport(expand = true): Array {
    const K = this.numCategories;
    const v = np.arange(K, undefined, 1, "int32").reshape([K, ...this.batchShape.map(() => 1)]);
    return expand ? bcast(v, [K, ...this.batchShape]) : v;
  }
}

/**
 * The categorical distribution from probabilities `[..., K]` (on the simplex).
 *
 * @example
 * ```ts
 * new CategoricalProbs(np.array([0.2, 0.8])).logProb(0); // log 0.2
 * ```
 */
export class CategoricalProbs extends CategoricalLogits {
  readonly probsArg: Array;
  /** @param probs - probabilities summing to one over the last axis */
  constructor(probs: ArrayLike, options?: DistributionOptions) {
    const p = asFloat(probs);
    super(np.log(p), { ...options, validateArgs: false });
    this.probsArg = p;
    this.setup(this.batchShape, [], [p, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { probsArg: C.simplex };
  }
  override get probs(): Array {
    return this.probsArg;
  }
  override validate(): void {
    try {
      super.validate();
    } catch (e) {
      throw new Error((e as Error).message.replace("parameter probsArg", "parameter probs"));
    }
  }
}

/** The constructor of `Categorical`: `new Categorical(probs)`, `new Categorical({ probs })` or `{ logits }`. */
export interface CategoricalConstructor {
  new (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions): CategoricalProbs | CategoricalLogits;
}

/**
 * The categorical distribution on {0, …, K−1}, from `probs` or `{ logits }`.
 *
 * @example
 * ```ts
 * new Categorical(np.array([0.1, 0.9])).sample(random.key(0), [3]); // int32 indices
 * new Categorical({ logits: np.zeros([4]) }).logProb(2); // log 0.25
 * ```
 */
export const Categorical = function (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
  return byProbsOrLogits<CategoricalProbs | CategoricalLogits>(params, (p) => new CategoricalProbs(p, options), (l) => new CategoricalLogits(l, options));
} as unknown as CategoricalConstructor;

/**
 * The Poisson distribution with mean `rate`.
 *
 * @example
 * ```ts
 * new Poisson(3).logProb(2); // log(9/2 e^−3)
 * ```
 */
export class Poisson extends Distribution {
  readonly rate: Array;
  /** @param rate - λ >= 0 */
  constructor(rate: ArrayLike, options?: DistributionOptions) {
    super();
    this.rate = asFloat(rate);
    this.setup(this.rate.shape, [], [this.rate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { rate: C.nonnegative };
  }
  get support(): Constraint {
    return C.nonnegativeInteger;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return toInt(random.poisson(key, bcast(this.rate, shape), shape));
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    return xlogy(v, this.rate).sub(this.rate).sub(special.gammaln(v.add(1)));
  }
  override cdf(value: ArrayLike): Array {
    return special.gammaincc(np.floor(asFloat(value)).add(1), this.rate);
  }
  override get mean(): Array {
    return this.rate;
  }
  override get variance(): Array {
    return this.rate;
  }
}

/**
 * The Poisson distribution parameterised by its log rate (Stan's `poisson_log`, TFP's
 * `Poisson(log_rate=…)`): `log p(k) = k·logRate − exp(logRate) − log k!`, with no `log(exp(…))`
 * round trip, so a model whose rate is an exponential of a linear predictor (photon counts from
 * magnitudes, log-linear count regressions) costs one `exp` per count and stays accurate when the
 * rate under- or overflows. `rate` is `exp(logRate)`; sampling, `mean` and `cdf` are Poisson's.
 *
 * @example
 * ```ts
 * new PoissonLogRate(Math.log(3)).logProb(2); // log(9/2 e^−3), as new Poisson(3).logProb(2)
 * new PoissonLogRate(-Infinity).logProb(0); // 0 (a point mass at zero)
 * ```
 */
export class PoissonLogRate extends Poisson {
  readonly logRate: Array;
  /** @param logRate - log λ (real) */
  constructor(logRate: ArrayLike, options?: DistributionOptions) {
    const lr = asFloat(logRate);
    super(np.exp(lr), options);
    this.logRate = lr;
    this.treeArgs = [lr, options];
  }
  override get name(): string {
    return "PoissonLogRate";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { logRate: C.real };
  }
  override logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    // k·logRate is 0 at k = 0 even where logRate = −∞ (the rate-0 point mass), as Stan's.
    const kLogRate = np.where(v.eq(0), 0, v.mul(this.logRate));
    return kLogRate.sub(this.rate).sub(special.gammaln(v.add(1)));
  }
}

/**
 * The geometric distribution: failures before the first success (support 0, 1, 2, …).
 *
 * @example
 * ```ts
 * new GeometricProbs(0.25).mean; // 3
 * ```
 */
export class GeometricProbs extends Distribution {
  readonly probs: Array;
  /** @param probs - success probability in (0, 1] */
  constructor(probs: ArrayLike, options?: DistributionOptions) {
    super();
    this.probs = asFloat(probs);
    this.setup(this.probs.shape, [], [this.probs, options], options);
  }
  override get name(): string {
    return "Geometric";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { probs: C.unitInterval };
  }
  get support(): Constraint {
    return C.nonnegativeInteger;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const u = random.uniform(key, this.shape(sampleShape), { minval: finfo("float64").tiny });
    return toInt(np.floor(np.log(u).div(np.log1p(this.probs.neg()))));
  }
  logProb(value: ArrayLike): Array {
    return xlog1py(asFloat(value), this.probs.neg()).add(np.log(this.probs));
  }
  override get mean(): Array {
    return np.subtract(1, this.probs).div(this.probs);
  }
  override get variance(): Array {
    return np.subtract(1, this.probs).div(this.probs.square());
  }
}

/** The constructor of `Geometric`: `new Geometric(p)`, `{ probs }` or `{ logits }`. */
export interface GeometricConstructor {
  new (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions): GeometricProbs;
}

/**
 * The geometric distribution, from `probs` or `{ logits }`.
 *
 * @example
 * ```ts
 * new Geometric(0.5).logProb(0); // log 0.5
 * ```
 */
export const Geometric = function (params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
  return byProbsOrLogits(params, (p) => new GeometricProbs(p, options), (l) => new GeometricProbs(special.expit(l), options));
} as unknown as GeometricConstructor;

/**
 * The uniform distribution on the integers low, …, high; `logProb` is −∞ outside.
 *
 * @example
 * ```ts
 * new DiscreteUniform(1, 6).logProb(3); // -log 6
 * ```
 */
export class DiscreteUniform extends Distribution {
  readonly low: Array;
  readonly high: Array;
  /** @param low - the smallest value @param high - the largest value, >= low */
  constructor(low: ArrayLike = 0, high: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.low = asFloat(low);
    this.high = asFloat(high);
    this.setup(batchOf("DiscreteUniform", this.low, this.high), [], [this.low, this.high, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { low: C.integer, high: C.integerGreaterThan(this.low) };
  }
  get support(): Constraint {
    return C.integerInterval(this.low, this.high);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const u = random.uniform(key, this.shape(sampleShape));
    return toInt(np.floor(this.low.add(u.mul(this.high.sub(this.low).add(1)))));
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const ok = np.logicalAnd(np.logicalAnd(v.ge(this.low), v.le(this.high)), np.floor(v).eq(v));
    return np.where(ok, np.log(this.high.sub(this.low).add(1)).neg(), -Infinity);
  }
  override get mean(): Array {
    return this.low.add(this.high).div(2);
  }
  override get variance(): Array {
    return this.high.sub(this.low).add(1).square().sub(1).div(12);
  }
}

/**
 * A base distribution with extra mass `gate` at zero, as NumPyro's `ZeroInflatedDistribution`.
 *
 * @example
 * ```ts
 * new ZeroInflatedDistribution(new Poisson(3), 0.2).logProb(0);
 * ```
 */
export class ZeroInflatedDistribution extends Distribution {
  readonly gate: Array;
  /** @param baseDist - a discrete distribution @param gate - extra probability of zero */
  constructor(readonly baseDist: Distribution, gate: ArrayLike, options?: DistributionOptions) {
    super();
    this.gate = asFloat(gate);
    this.setup(broadcastShapes([baseDist.batchShape, this.gate.shape], "ZeroInflatedDistribution"), [], [baseDist, this.gate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { gate: C.unitInterval };
  }
  get support(): Constraint {
    return this.baseDist.support;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const zero = random.uniform(random.foldIn(key, 0), shape).lt(this.gate);
    const x = bcast(this.baseDist.sample(random.foldIn(key, 1), sampleShape), shape);
    return np.where(zero, np.zerosLike(x), x);
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const baseLp = this.baseDist.logProb(v);
    const lp = np.log1p(this.gate.neg()).add(baseLp);
    const [lg, lpb] = np.broadcastArrays(np.log(this.gate), lp);
    return np.where(v.eq(0), np.logaddexp(lg, lpb), lpb);
  }
  override get mean(): Array {
    return np.subtract(1, this.gate).mul(this.baseDist.mean);
  }
  override get variance(): Array {
    const m = this.baseDist.mean;
    const g = this.gate;
    return np.subtract(1, g).mul(m.square().add(this.baseDist.variance)).sub(np.subtract(1, g).mul(m).square());
  }
}

/**
 * The zero-inflated Poisson.
 *
 * @example
 * ```ts
 * new ZeroInflatedPoisson(0.3, 2).mean; // 1.4
 * ```
 */
export class ZeroInflatedPoisson extends ZeroInflatedDistribution {
  /** @param gate - extra probability of zero @param rate - the Poisson rate */
  constructor(gate: ArrayLike, rate: ArrayLike = 1, options?: DistributionOptions) {
    const r = asFloat(rate);
    super(new Poisson(r, options), gate, options);
    this.treeArgs = [this.gate, r, options];
  }
}

/**
 * The ordinal logistic model: a categorical over K = len(cutpoints)+1 classes with
 * P(Y <= k) = σ(cutpoints[k] − predictor).
 *
 * @example
 * ```ts
 * new OrderedLogistic(0.5, np.array([-1, 0, 1])).probs; // 4 probabilities
 * ```
 */
export class OrderedLogistic extends CategoricalProbs {
  readonly predictor: Array;
  readonly cutpoints: Array;
  /** @param predictor - the linear predictor @param cutpoints - increasing cut points, `[..., K−1]` */
  constructor(predictor: ArrayLike, cutpoints: ArrayLike, options?: DistributionOptions) {
    const pr = np.expandDims(asFloat(predictor), -1);
    const cp = asFloat(cutpoints);
    const shape = broadcastShapes([pr.shape, cp.shape], "OrderedLogistic");
    const cum = special.expit(bcast(cp, shape).sub(bcast(pr, shape)));
    const lead = shape.slice(0, -1);
    const padded = np.concatenate([np.zeros([...lead, 1]), cum, np.ones([...lead, 1])], -1);
    const probs = padded.index("...", np.s(1)).sub(padded.index("...", np.s(null, -1)));
    super(probs, { ...options, validateArgs: false });
    this.predictor = asFloat(predictor);
    this.cutpoints = cp;
    this.setup(this.batchShape, [], [this.predictor, cp, options], options);
  }
  override get name(): string {
    return "OrderedLogistic";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { predictor: C.real, cutpoints: C.orderedVector };
  }
}

for (const cls of [
  BernoulliProbs,
  BernoulliLogits,
  CategoricalLogits,
  CategoricalProbs,
  Poisson,
  PoissonLogRate,
  GeometricProbs,
  DiscreteUniform,
  ZeroInflatedDistribution,
  ZeroInflatedPoisson,
  OrderedLogistic,
]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}

