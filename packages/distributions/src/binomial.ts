/**
 * The binomial family: Binomial (probs or logits) and BetaBinomial, as
 * `numpyro.distributions.discrete`. Draws are int32 arrays.
 */
import { type Array, ConcreteArray, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { batchOf } from "./loc-scale.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ProbsOrLogits, byProbsOrLogits, lchoose, toInt } from "./discrete-util.js";
import { type ArrayLike, asFloat, bcast, xlog1py, xlogy } from "./util.js";

/**
 * The binomial distribution: successes in `totalCount` trials of probability `probs`.
 *
 * @example
 * ```ts
 * new BinomialProbs(10, 0.3).mean; // 3
 * ```
 */
export class BinomialProbs extends Distribution {
  readonly totalCount: Array;
  readonly probs: Array;
  /** @param totalCount - the number of trials @param probs - success probability */
  constructor(totalCount: ArrayLike, probs: ArrayLike, options?: DistributionOptions) {
    super();
    this.totalCount = asFloat(totalCount);
    this.probs = asFloat(probs);
    this.setup(batchOf("Binomial", this.totalCount, this.probs), [], [this.totalCount, this.probs, options], options);
  }
  override get name(): string {
    return "Binomial";
  }
  override get argConstraints(): Record<string, Constraint> {
    return { totalCount: C.nonnegativeInteger, probs: C.unitInterval };
  }
  get support(): Constraint {
    return C.integerInterval(0, this.totalCount);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return toInt(random.binomial(key, bcast(this.totalCount, shape), bcast(this.probs, shape), shape));
  }
  logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const n = this.totalCount;
    return lchoose(n, k).add(xlogy(k, this.probs)).add(xlog1py(n.sub(k), this.probs.neg()));
  }
  /** 1 − probs (from the logits where given, without cancellation). */
  protected get failureProbs(): Array {
    return np.subtract(1, this.probs);
  }
  /** P(X ≤ value) = I_{1−p}(n − k, k + 1) for k = ⌊value⌋ in [0, n) (`special.betainc`). */
  override cdf(value: ArrayLike): Array {
    const k = np.floor(asFloat(value));
    const n = this.totalCount;
    const inside = np.logicalAnd(k.ge(0), k.lt(n));
    const kk = np.where(inside, k, 0);
    const [a, b, x] = np.broadcastArrays(np.where(inside, n.sub(kk), 1), kk.add(1), this.failureProbs);
    return np.where(inside, special.betainc(a, b, x), np.where(k.lt(0), 0, 1));
  }
  override get mean(): Array {
    return bcast(this.totalCount.mul(this.probs), this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.totalCount.mul(this.probs).mul(np.subtract(1, this.probs)), this.batchShape);
  }
  override enumerateSupport(expand = true): Array {
    if (!(this.totalCount instanceof ConcreteArray)) throw new Error("Binomial.enumerateSupport: totalCount must be concrete");
    const n = np.max(this.totalCount).item();
    const v = np.arange(n + 1, undefined, 1, "int32").reshape([n + 1, ...this.batchShape.map(() => 1)]);
    return expand ? bcast(v, [n + 1, ...this.batchShape]) : v;
  }
}

/**
 * The binomial distribution parameterised by log-odds.
 *
 * @example
 * ```ts
 * new BinomialLogits(10, 0).mean; // 5
 * ```
 */
export class BinomialLogits extends BinomialProbs {
  readonly logits: Array;
  /** @param totalCount - the number of trials @param logits - log-odds of success */
  constructor(totalCount: ArrayLike, logits: ArrayLike, options?: DistributionOptions) {
    const l = asFloat(logits);
    super(totalCount, special.expit(l), { ...options, validateArgs: false });
    this.logits = l;
    this.setup(this.batchShape, [], [this.totalCount, l, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { totalCount: C.nonnegativeInteger, logits: C.real };
  }
  override logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const n = this.totalCount;
    return lchoose(n, k).add(k.mul(this.logits)).sub(n.mul(special.softplus(this.logits)));
  }
  protected override get failureProbs(): Array {
    return special.expit(this.logits.neg());
  }
}

/** The constructor of `Binomial`: `new Binomial(n, p)` or `new Binomial(n, { logits })`. */
export interface BinomialConstructor {
  new (totalCount: ArrayLike, params: ArrayLike | ProbsOrLogits, options?: DistributionOptions): BinomialProbs;
}

/**
 * The binomial distribution, from `probs` or `{ logits }`.
 *
 * @example
 * ```ts
 * new Binomial(10, 0.3).sample(random.key(0), [5]);
 * new Binomial(10, { logits: 0 }).mean; // 5
 * ```
 */
export const Binomial = function (totalCount: ArrayLike, params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
  return byProbsOrLogits<BinomialProbs | BinomialLogits>(params, (p) => new BinomialProbs(totalCount, p, options), (l) => new BinomialLogits(totalCount, l, options));
} as unknown as BinomialConstructor;

/**
 * The beta-binomial distribution: Binomial(totalCount, p) with p ~ Beta(concentration1, concentration0).
 *
 * @example
 * ```ts
 * new BetaBinomial(2, 3, 10).mean; // 4
 * ```
 */
export class BetaBinomial extends Distribution {
  readonly concentration1: Array;
  readonly concentration0: Array;
  readonly totalCount: Array;
  /** @param concentration1 - α > 0 @param concentration0 - β > 0 @param totalCount - trials */
  constructor(concentration1: ArrayLike, concentration0: ArrayLike, totalCount: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.concentration1 = asFloat(concentration1);
    this.concentration0 = asFloat(concentration0);
    this.totalCount = asFloat(totalCount);
    this.setup(
      batchOf("BetaBinomial", this.concentration1, this.concentration0, this.totalCount),
      [],
      [this.concentration1, this.concentration0, this.totalCount, options],
      options,
    );
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration1: C.positive, concentration0: C.positive, totalCount: C.nonnegativeInteger };
  }
  get support(): Constraint {
    return C.integerInterval(0, this.totalCount);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const [k1, k2] = [random.foldIn(key, 0), random.foldIn(key, 1)];
    const shape = this.shape(sampleShape);
    const p = random.beta(k1, bcast(this.concentration1, shape), bcast(this.concentration0, shape), shape);
    return toInt(random.binomial(k2, bcast(this.totalCount, shape), p, shape));
  }
  logProb(value: ArrayLike): Array {
    const k = asFloat(value);
    const n = this.totalCount;
    const a = this.concentration1;
    const b = this.concentration0;
    return lchoose(n, k).add(special.betaln(k.add(a), n.sub(k).add(b))).sub(special.betaln(a, b));
  }
  override get mean(): Array {
    return bcast(this.totalCount.mul(this.concentration1).div(this.concentration1.add(this.concentration0)), this.batchShape);
  }
  override get variance(): Array {
    const a = this.concentration1;
    const b = this.concentration0;
    const n = this.totalCount;
    const t = a.add(b);
    return bcast(n.mul(a).mul(b).mul(t.add(n)).div(t.square().mul(t.add(1))), this.batchShape);
  }
}

for (const cls of [BinomialProbs, BinomialLogits, BetaBinomial]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
