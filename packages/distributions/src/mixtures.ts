/**
 * Mixtures: `MixtureSameFamily` (one batched component distribution) and `MixtureGeneral`
 * (a list of component distributions of any families), as NumPyro's.
 */
import { type Array, np, random, special } from "@orrery/core";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { type CategoricalLogits } from "./discrete.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, fmt } from "./util.js";

const evExpand = (x: Array, n: number): Array => (n === 0 ? x : x.reshape([...x.shape, ...new globalThis.Array(n).fill(1)]));

/** From draws `xs` of every component ([S, B, K, E…]), the component `idx` ([S, B]) picks. */
function pickComponent(xs: Array, idx: Array, eventDim: number): Array {
  const full = xs.shape;
  const axis = full.length - eventDim - 1;
  const idxShape = [...full.slice(0, axis), 1, ...full.slice(axis + 1)];
  return np.takeAlongAxis(xs, bcast(evExpand(np.expandDims(idx, -1), eventDim), idxShape), axis).squeeze(axis);
}

/**
 * A mixture whose components are the rightmost batch axis of one distribution.
 *
 * @example
 * ```ts
 * const mix = new MixtureSameFamily(new Categorical(np.array([0.3, 0.7])), new Normal(np.array([-1, 1]), 0.5));
 * mix.logProb(0.2);
 * ```
 */
export class MixtureSameFamily extends Distribution {
  /** @param mixingDistribution - a Categorical over the components @param componentDistribution - batch shape `[..., K]` */
  constructor(readonly mixingDistribution: CategoricalLogits, readonly componentDistribution: Distribution, options?: DistributionOptions) {
    super();
    const cb = componentDistribution.batchShape;
    const K = mixingDistribution.numCategories;
    if (cb.length < 1 || cb[cb.length - 1] !== K) {
      throw new Error(`MixtureSameFamily: the component batch shape ${fmt(cb)} must end with the number of mixture components ${K}`);
    }
    const batch = broadcastShapes([cb.slice(0, -1), mixingDistribution.batchShape], "MixtureSameFamily");
    this.setup(batch, componentDistribution.eventShape, [mixingDistribution, componentDistribution, options], options);
  }
  get support(): Constraint {
    return this.componentDistribution.support;
  }
  /** The number of components. */
  get mixtureSize(): number {
    return this.mixingDistribution.numCategories;
  }
  /** log p(value | component k) + log w_k, shape `[..., K]`. */
  componentLogProbs(value: ArrayLike): Array {
    const v = np.expandDims(asFloat(value), -1 - this.eventDim);
    const lp = this.componentDistribution.logProb(v);
    return lp.add(this.mixingDistribution.logits);
  }
  logProb(value: ArrayLike): Array {
    return special.logsumexp(this.componentLogProbs(value), { axis: -1 });
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const [k1, k2] = [random.foldIn(key, 0), random.foldIn(key, 1)];
    const xs = this.componentDistribution.sample(k1, sampleShape); // [S, B, K, E]
    const idx = this.mixingDistribution.expand(this.batchShape).sample(k2, sampleShape); // [S, B]
    return pickComponent(xs, idx, this.eventDim);
  }
  override get mean(): Array {
    const w = np.exp(this.mixingDistribution.logits);
    const ed = this.eventDim;
    return np.sum(evExpand(w, ed).mul(this.componentDistribution.mean), { axis: -1 - ed });
  }
  override get variance(): Array {
    const w = evExpand(np.exp(this.mixingDistribution.logits), this.eventDim);
    const ax = -1 - this.eventDim;
    const m = this.componentDistribution.mean;
    const mean = np.sum(w.mul(m), { axis: ax, keepdims: true });
    return np.sum(w.mul(this.componentDistribution.variance.add(m.sub(mean).square())), { axis: ax });
  }
  override cdf(value: ArrayLike): Array {
    const v = np.expandDims(asFloat(value), -1);
    return np.sum(np.exp(this.mixingDistribution.logits).mul(this.componentDistribution.cdf(v)), { axis: -1 });
  }
}

/**
 * A mixture of component distributions of any families (same batch and event shapes), as
 * NumPyro's `MixtureGeneral`. `componentLogProbs(value)` gives log w_k + log p_k(value);
 * normalising it over the last axis gives membership probabilities.
 *
 * @example
 * ```ts
 * const mix = new MixtureGeneral(new Categorical(np.array([0.4, 0.6])), [new Normal(0, 1), new LogNormal(0, 0.5)]);
 * const lp = mix.componentLogProbs(np.array([0.5, 1.5]));      // [2, 2]
 * const membership = nn.softmax(lp, { axis: -1 });               // rows sum to 1
 * ```
 */
export class MixtureGeneral extends Distribution {
  /** @param mixingDistribution - a Categorical over the components @param componentDistributions - the components */
  constructor(readonly mixingDistribution: CategoricalLogits, readonly componentDistributions: readonly Distribution[], options?: DistributionOptions) {
    super();
    const K = mixingDistribution.numCategories;
    if (componentDistributions.length !== K) {
      throw new Error(`MixtureGeneral: ${componentDistributions.length} component distributions given for ${K} mixture weights`);
    }
    const ev = componentDistributions[0].eventShape;
    for (const d of componentDistributions) {
      if (fmt(d.eventShape) !== fmt(ev)) throw new Error(`MixtureGeneral: component ${d.name} has event shape ${fmt(d.eventShape)}, expected ${fmt(ev)}`);
    }
    const batch = broadcastShapes([mixingDistribution.batchShape, ...componentDistributions.map((d) => d.batchShape)], "MixtureGeneral");
    this.setup(batch, ev, [mixingDistribution, [...componentDistributions], options], options);
  }
  get support(): Constraint {
    return this.componentDistributions[0].support;
  }
  /** The number of components. */
  get mixtureSize(): number {
    return this.mixingDistribution.numCategories;
  }
  /** log w_k + log p_k(value), with the components along a new last axis. */
  componentLogProbs(value: ArrayLike): Array {
    const v = asFloat(value);
    const lps = this.componentDistributions.map((d) => d.logProb(v));
    const shape = broadcastShapes(lps.map((l) => l.shape));
    const stacked = np.stack(lps.map((l) => bcast(l, shape)), -1);
    return stacked.add(this.mixingDistribution.logits);
  }
  logProb(value: ArrayLike): Array {
    return special.logsumexp(this.componentLogProbs(value), { axis: -1 });
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const xs = np.stack(
      this.componentDistributions.map((d, k) => bcast(asFloat(d.sample(random.foldIn(key, k + 1), sampleShape)), shape)),
      -1 - this.eventDim,
    ); // [S, B, K, E]
    const idx = this.mixingDistribution.expand(this.batchShape).sample(random.foldIn(key, 0), sampleShape);
    return pickComponent(xs, idx, this.eventDim);
  }
  override get mean(): Array {
    const w = evExpand(np.exp(this.mixingDistribution.logits), this.eventDim);
    const ms = np.stack(this.componentDistributions.map((d) => bcast(d.mean, this.shape())), -1 - this.eventDim);
    return np.sum(w.mul(ms), { axis: -1 - this.eventDim });
  }
  override get variance(): Array {
    const w = evExpand(np.exp(this.mixingDistribution.logits), this.eventDim);
    const ax = -1 - this.eventDim;
    const ms = np.stack(this.componentDistributions.map((d) => bcast(d.mean, this.shape())), ax);
    const vs = np.stack(this.componentDistributions.map((d) => bcast(d.variance, this.shape())), ax);
    const mean = np.sum(w.mul(ms), { axis: ax, keepdims: true });
    return np.sum(w.mul(vs.add(ms.sub(mean).square())), { axis: ax });
  }
  override cdf(value: ArrayLike): Array {
    const v = asFloat(value);
    const cs = this.componentDistributions.map((d) => d.cdf(v));
    const shape = broadcastShapes(cs.map((c) => c.shape));
    return np.sum(np.exp(this.mixingDistribution.logits).mul(np.stack(cs.map((c) => bcast(c, shape)), -1)), { axis: -1 });
  }
}

for (const cls of [MixtureSameFamily, MixtureGeneral]) registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
