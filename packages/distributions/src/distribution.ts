/**
 * The `Distribution` base class and the wrappers every distribution has (`expand`, `toEvent`,
 * `mask`), as `numpyro.distributions.distribution`.
 */
import { type Array, ConcreteArray, np } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { registerTreeClass, validationSuppressed } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, fmt, isConcrete, sumRightmost } from "./util.js";

let globalValidation = true;

/**
 * Turn parameter validation on or off for distributions built afterwards (on by default).
 * A distribution's own `validateArgs` option overrides it.
 *
 * @example
 * ```ts
 * setValidation(false);
 * new Normal(0, -1); // no error
 * setValidation(true);
 * ```
 */
export function setValidation(on: boolean): void {
  globalValidation = on;
}

/**
 * Whether parameter validation is on by default.
 *
 * @example
 * ```ts
 * getValidation(); // true
 * ```
 */
export function getValidation(): boolean {
  return globalValidation;
}

/** Options every distribution accepts. */
export interface DistributionOptions {
  /** Check parameters against `argConstraints` when built (default: `getValidation()`). */
  validateArgs?: boolean;
}

/** A PRNG key (`random.key(seed)`, a uint32 `[2]` array). */
export type Key = Array;

function describeValue(a: Array, eventDim: number, flatIndex: number): string {
  const data = (a as ConcreteArray).toTypedArray();
  if (eventDim === 0) return String(data[flatIndex] ?? data[0]);
  const ev = a.shape.slice(a.ndim - eventDim);
  const size = ev.reduce((x, y) => x * y, 1);
  const start = flatIndex * size;
  return JSON.stringify(globalThis.Array.from(data.slice(start, start + size)));
}

/**
 * A probability distribution, as NumPyro's: a batch of independent distributions
 * (`batchShape`) over values of shape `eventShape`.
 *
 * @example
 * ```ts
 * const d = new Normal(np.array([0, 1]), 2);
 * d.batchShape; // [2]
 * d.sample(random.key(0), [5]).shape; // [5, 2]
 * d.logProb(np.array([0.5, 0.5])); // two log densities
 * ```
 */
export abstract class Distribution {
  /** The arguments the distribution was built from (for pytrees). */
  treeArgs: readonly unknown[] = [];
  /** The shape of the batch of independent distributions. */
  batchShape: number[] = [];
  /** The shape of one value. */
  eventShape: number[] = [];
  /** Whether `sample` is differentiable in the parameters (reparameterised). */
  get hasRsample(): boolean {
    return false;
  }
  /** Whether parameters were checked when built. */
  validateArgs = false;

  /** The constraints each parameter must satisfy. */
  get argConstraints(): Record<string, Constraint> {
    return {};
  }
  /** The set the values lie in. */
  abstract get support(): Constraint;

  /**
   * Draw values of shape `[...sampleShape, ...batchShape, ...eventShape]`.
   *
   * @param key - a PRNG key from `random.key`
   * @param sampleShape - leading shape of independent draws
   */
  abstract sample(key: Key, sampleShape?: readonly number[]): Array;

  /** The log density (or mass) of `value`, of shape `value`'s batch shape. */
  abstract logProb(value: ArrayLike): Array;

  /** The name used in errors (the class name). */
  get name(): string {
    return this.constructor.name;
  }

  /** Set shapes, record the tree arguments and validate the parameters. */
  protected setup(batchShape: readonly number[], eventShape: readonly number[], treeArgs: readonly unknown[], options: DistributionOptions | undefined): void {
    this.batchShape = [...batchShape];
    this.eventShape = [...eventShape];
    this.treeArgs = treeArgs;
    this.validateArgs = !validationSuppressed() && (options?.validateArgs ?? globalValidation);
    if (this.validateArgs) this.validate();
  }

  /** Check every parameter against its constraint; throws naming the first that fails. */
  protected validate(): void {
    for (const [param, constraint] of Object.entries(this.argConstraints)) {
      const v = (this as unknown as Record<string, unknown>)[param];
      if (v === undefined || v === null || !isConcrete(v)) continue;
      const arr = asFloat(v as ArrayLike);
      const ok = np.asArray(constraint.check(arr));
      // Under jit every operation is staged, so the check may be a traced value: it cannot be
      // evaluated now (as JAX, validation happens outside jit).
      if (!(ok instanceof ConcreteArray)) continue;
      const data = ok.toTypedArray();
      for (let i = 0; i < data.length; i++) {
        if (!data[i]) {
          const where = ok.size > 1 ? ` (at index ${i})` : "";
          const idx = arr.size === 1 ? 0 : i;
          throw new Error(`${this.name}: parameter ${param} must satisfy ${constraint.name}, got ${describeValue(arr, constraint.eventDim, idx)}${where}`);
        }
      }
    }
  }

  /** `[...sampleShape, ...batchShape, ...eventShape]`. */
  shape(sampleShape: readonly number[] = []): number[] {
    return [...sampleShape, ...this.batchShape, ...this.eventShape];
  }
  /** The number of event axes. */
  get eventDim(): number {
    return this.eventShape.length;
  }
  /** Whether the support is discrete. */
  get isDiscrete(): boolean {
    return this.support.isDiscrete;
  }

  /**
   * A reparameterised draw (gradients flow to the parameters); throws for distributions
   * without one.
   */
  rsample(key: Key, sampleShape: readonly number[] = []): Array {
    if (!this.hasRsample) throw new Error(`${this.name}: rsample is not available (the distribution is not reparameterised)`);
    return this.sample(key, sampleShape);
  }

  /** The mean. */
  get mean(): Array {
    throw new Error(`${this.name}: mean is not implemented`);
  }
  /** The variance. */
  get variance(): Array {
    throw new Error(`${this.name}: variance is not implemented`);
  }
  /** The cumulative distribution function. */
  cdf(_value: ArrayLike): Array {
    throw new Error(`${this.name}: cdf is not implemented`);
  }
  /** The quantile function (inverse CDF). */
  icdf(_q: ArrayLike): Array {
    throw new Error(`${this.name}: icdf is not implemented`);
  }
  /** The differential (or Shannon) entropy. */
  entropy(): Array {
    throw new Error(`${this.name}: entropy is not implemented`);
  }
  /** For discrete distributions with a finite support: every value, along a new leading axis. */
  enumerateSupport(_expand = true): Array {
    throw new Error(`${this.name}: enumerateSupport is not implemented`);
  }

  /**
   * The same distribution broadcast to a larger `batchShape`.
   *
   * @example
   * ```ts
   * new Normal(0, 1).expand([3]).batchShape; // [3]
   * ```
   */
  expand(batchShape: readonly number[]): Distribution {
    const b = broadcastShapes([batchShape, this.batchShape], `${this.name}.expand`);
    if (b.length !== batchShape.length || b.some((d, i) => d !== batchShape[i])) {
      throw new Error(`${this.name}.expand: batch shape ${fmt(this.batchShape)} cannot be expanded to ${fmt(batchShape)}`);
    }
    if (fmt(batchShape) === fmt(this.batchShape)) return this;
    return new ExpandedDistribution(this, batchShape);
  }

  /** Expand by prepending `sampleShape` to the batch shape (NumPyro's `expand_by`). */
  expandBy(sampleShape: readonly number[]): Distribution {
    return this.expand([...sampleShape, ...this.batchShape]);
  }

  /**
   * Reinterpret the `n` rightmost batch axes as event axes (default: all).
   *
   * @example
   * ```ts
   * new Normal(np.zeros([3]), 1).toEvent(1).eventShape; // [3]
   * ```
   */
  toEvent(n?: number): Distribution {
    const k = n ?? this.batchShape.length;
    if (k === 0) return this;
    return new Independent(this, k);
  }

  /**
   * Mask out log densities where `m` is false (they become 0).
   *
   * @example
   * ```ts
   * new Normal(np.zeros([2]), 1).mask(np.array([true, false])).logProb(np.zeros([2])); // [-0.919, 0]
   * ```
   */
  mask(m: boolean | ArrayLike): Distribution {
    if (m === true) return this;
    return new MaskedDistribution(this, m);
  }
}

/**
 * A distribution broadcast to a larger batch shape; broadcast axes draw independent values.
 *
 * @example
 * ```ts
 * new ExpandedDistribution(new Normal(0, 1), [2, 3]).sample(random.key(0)).shape; // [2, 3]
 * ```
 */
export class ExpandedDistribution extends Distribution {
  /** @param baseDist - the distribution @param batchShape - the new batch shape */
  constructor(readonly baseDist: Distribution, batchShape: readonly number[], options?: DistributionOptions) {
    super();
    this.setup(batchShape, baseDist.eventShape, [baseDist, [...batchShape], options], options);
  }
  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    return this.baseDist.support;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const n = this.batchShape.length;
    const baseB = [...new globalThis.Array(n - this.baseDist.batchShape.length).fill(1), ...this.baseDist.batchShape];
    const expandedAxes: number[] = [];
    for (let i = 0; i < n; i++) if (baseB[i] === 1 && this.batchShape[i] !== 1) expandedAxes.push(i);
    const eSizes = expandedAxes.map((i) => this.batchShape[i]);
    let x = this.baseDist.sample(key, [...sampleShape, ...eSizes]);
    const s = sampleShape.length;
    const e = eSizes.length;
    const ev = this.eventShape;
    // [S, E, baseB, event] with the expanded (size-1) axes of baseB dropped.
    const keptB = baseB.filter((_, i) => !expandedAxes.includes(i));
    x = x.reshape([...sampleShape, ...eSizes, ...keptB, ...ev]);
    const perm: number[] = [];
    for (let i = 0; i < s; i++) perm.push(i);
    let ke = 0;
    let kb = 0;
    for (let i = 0; i < n; i++) {
      if (expandedAxes.includes(i)) perm.push(s + ke++);
      else perm.push(s + e + kb++);
    }
    for (let i = 0; i < ev.length; i++) perm.push(s + e + keptB.length + i);
    x = np.transpose(x, perm);
    return bcast(x, [...sampleShape, ...this.batchShape, ...ev]);
  }
  logProb(value: ArrayLike): Array {
    const v = np.asArray(value);
    const lp = this.baseDist.logProb(v);
    const shape = broadcastShapes([lp.shape, this.batchShape]);
    return bcast(lp, shape);
  }
  override get mean(): Array {
    return bcast(this.baseDist.mean, this.shape());
  }
  override get variance(): Array {
    return bcast(this.baseDist.variance, this.shape());
  }
  override cdf(value: ArrayLike): Array {
    return this.baseDist.cdf(value);
  }
  override icdf(q: ArrayLike): Array {
    return this.baseDist.icdf(q);
  }
  override entropy(): Array {
    return bcast(this.baseDist.entropy(), this.batchShape);
  }
}

/**
 * Reinterpret the rightmost `reinterpretedBatchNdims` batch axes of a distribution as event
 * axes: the log densities are summed over them.
 *
 * @example
 * ```ts
 * const d = new Independent(new Normal(np.zeros([3]), 1), 1);
 * d.eventShape; // [3]
 * d.logProb(np.zeros([3])); // a scalar
 * ```
 */
export class Independent extends Distribution {
  /** @param baseDist - the distribution @param reinterpretedBatchNdims - axes to move to the event */
  constructor(readonly baseDist: Distribution, readonly reinterpretedBatchNdims: number, options?: DistributionOptions) {
    super();
    const b = baseDist.batchShape;
    if (reinterpretedBatchNdims > b.length) {
      throw new Error(`Independent: reinterpretedBatchNdims ${reinterpretedBatchNdims} exceeds the batch rank of ${baseDist.name} (batch shape ${fmt(b)})`);
    }
    const cut = b.length - reinterpretedBatchNdims;
    this.setup(b.slice(0, cut), [...b.slice(cut), ...baseDist.eventShape], [baseDist, reinterpretedBatchNdims, options], options);
  }
  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    return C.independent(this.baseDist.support, this.reinterpretedBatchNdims);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return this.baseDist.sample(key, sampleShape);
  }
  logProb(value: ArrayLike): Array {
    return sumRightmost(this.baseDist.logProb(value), this.reinterpretedBatchNdims);
  }
  override get mean(): Array {
    return this.baseDist.mean;
  }
  override get variance(): Array {
    return this.baseDist.variance;
  }
  override entropy(): Array {
    return sumRightmost(this.baseDist.entropy(), this.reinterpretedBatchNdims);
  }
}

/**
 * A distribution whose log density is zero where `mask` is false (NumPyro's
 * `MaskedDistribution`); sampling is unchanged.
 *
 * @example
 * ```ts
 * new MaskedDistribution(new Normal(0, 1), false).logProb(3); // 0
 * ```
 */
export class MaskedDistribution extends Distribution {
  readonly maskValue: Array;
  /** @param baseDist - the distribution @param mask - a boolean (array) broadcasting to the batch shape */
  constructor(readonly baseDist: Distribution, mask: boolean | ArrayLike, options?: DistributionOptions) {
    super();
    this.maskValue = np.asArray(mask as ArrayLike).astype("bool");
    const b = broadcastShapes([this.maskValue.shape, baseDist.batchShape], "MaskedDistribution");
    this.setup(b, baseDist.eventShape, [baseDist, this.maskValue, options], options);
  }
  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    return this.baseDist.support;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return bcast(this.baseDist.sample(key, sampleShape), this.shape(sampleShape));
  }
  logProb(value: ArrayLike): Array {
    const lp = this.baseDist.logProb(value);
    return np.where(this.maskValue, lp, 0);
  }
  override get mean(): Array {
    return this.baseDist.mean;
  }
  override get variance(): Array {
    return this.baseDist.variance;
  }
}

/**
 * A point mass at `v` (with an optional extra `logDensity`), as NumPyro's `Delta`.
 *
 * @example
 * ```ts
 * new Delta(2).logProb(2); // 0
 * new Delta(2).logProb(3); // -Infinity
 * ```
 */
export class Delta extends Distribution {
  readonly v: Array;
  readonly logDensity: Array;
  override get hasRsample(): boolean {
    return true;
  }
  /**
   * @param v - the location
   * @param logDensity - an added log density (default 0)
   * @param eventDim - the number of rightmost axes of `v` forming one value
   */
  constructor(v: ArrayLike = 0, logDensity: ArrayLike = 0, readonly eventDimArg = 0, options?: DistributionOptions) {
    super();
    this.v = asFloat(v);
    this.logDensity = asFloat(logDensity);
    const s = this.v.shape;
    const cut = s.length - eventDimArg;
    this.setup(s.slice(0, cut), s.slice(cut), [this.v, this.logDensity, eventDimArg, options], options);
  }
  get support(): Constraint {
    return C.independent(C.real, this.eventDimArg);
  }
  sample(_key: Key, sampleShape: readonly number[] = []): Array {
    return bcast(this.v, this.shape(sampleShape));
  }
  logProb(value: ArrayLike): Array {
    const lp = np.log(np.asArray(value).eq(this.v).astype(this.v.dtype));
    return sumRightmost(lp, this.eventDimArg).add(this.logDensity);
  }
  override get mean(): Array {
    return this.v;
  }
  override get variance(): Array {
    return np.zerosLike(this.v);
  }
  override entropy(): Array {
    return np.zeros(this.batchShape);
  }
}

/**
 * The trivial distribution on empty values carrying a log factor (NumPyro's `Unit`, used by
 * `factor`).
 *
 * @example
 * ```ts
 * new Unit(-1.5).logProb(np.zeros([0])); // -1.5
 * ```
 */
export class Unit extends Distribution {
  readonly logFactor: Array;
  /** @param logFactor - the log density contributed */
  constructor(logFactor: ArrayLike, options?: DistributionOptions) {
    super();
    this.logFactor = asFloat(logFactor);
    this.setup(this.logFactor.shape, [0], [this.logFactor, options], options);
  }
  get support(): Constraint {
    return C.realVector;
  }
  sample(_key: Key, sampleShape: readonly number[] = []): Array {
    return np.zeros(this.shape(sampleShape));
  }
  logProb(value: ArrayLike): Array {
    const v = np.asArray(value);
    const shape = broadcastShapes([v.shape.slice(0, -1), this.batchShape]);
    return bcast(this.logFactor, shape);
  }
}

/**
 * A flat (improper) density on a support: `logProb` is zero; it cannot be sampled. Used for
 * parameters with only a constraint (NumPyro's `ImproperUniform`).
 *
 * @example
 * ```ts
 * new ImproperUniform(constraints.positive, [], []).logProb(3); // 0
 * ```
 */
export class ImproperUniform extends Distribution {
  /** @param supportArg - the support @param batchShape - batch shape @param eventShape - event shape */
  constructor(readonly supportArg: Constraint, batchShape: readonly number[], eventShape: readonly number[], options?: DistributionOptions) {
    super();
    this.setup(batchShape, eventShape, [supportArg, [...batchShape], [...eventShape], options], options);
  }
  get support(): Constraint {
    return C.independent(this.supportArg, Math.max(0, this.eventShape.length - this.supportArg.eventDim));
  }
  sample(_key?: Key, _sampleShape?: readonly number[]): Array {
    throw new Error("ImproperUniform: cannot sample from an improper distribution");
  }
  logProb(value: ArrayLike): Array {
    const v = np.asArray(value);
    const batch = v.shape.slice(0, v.ndim - this.eventShape.length);
    return np.zeros(broadcastShapes([batch, this.batchShape]));
  }
}

for (const cls of [ExpandedDistribution, Independent, MaskedDistribution, Delta, Unit, ImproperUniform]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
