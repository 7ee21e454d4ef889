/**
 * Constraints: the supports of distributions and the domains of transforms, as
 * `numpyro.distributions.constraints`. `check(x)` gives a bool array over the batch
 * dimensions (the `eventDim` rightmost axes are reduced).
 */
import { type Array, ConcreteArray, config, np } from "@orrery/core";
import { type ArrayLike, diag, tril } from "./util.js";

/**
 * A constraint on values: a name, an event rank and a check.
 *
 * @example
 * ```ts
 * positive.check(np.array([1, -1])); // [true, false]
 * ```
 */
export abstract class Constraint {
  /** The constraint's name as errors print it, e.g. `positive` or `interval(0, 1)`. */
  abstract readonly name: string;
  /** How many rightmost axes form one value (0: scalar, 1: vector, 2: matrix). */
  readonly eventDim: number = 0;
  /** Whether the values are integers or booleans. */
  readonly isDiscrete: boolean = false;
  /** Elementwise (over the batch) whether `x` satisfies the constraint. */
  abstract check(x: ArrayLike): Array;
  /** A value of the shape of `x` that satisfies the constraint. */
  feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x));
  }
  /** The name. */
  toString(): string {
    return this.name;
  }
}

const asF = (x: ArrayLike): Array => {
  const a = np.asArray(x);
  return a.dtype === "float64" || a.dtype === "float32" ? a : a.astype(config.defaultFloatDtype());
};
const lastAll = (b: Array, k: number): Array => {
  if (k <= 0) return b;
  const axes = [];
  for (let i = b.ndim - k; i < b.ndim; i++) axes.push(i);
  return np.all(b, { axis: axes });
};
const num = (v: ArrayLike): string => {
  if (typeof v === "number") return String(v);
  const a = np.asArray(v);
  if (!(a instanceof ConcreteArray)) return `traced${JSON.stringify(a.shape)}`;
  return a.ndim === 0 ? String(a.item()) : `array${JSON.stringify(a.shape)}`;
};

class Simple extends Constraint {
  constructor(
    readonly name: string,
    private readonly fn: (x: Array) => Array,
    override readonly eventDim = 0,
    override readonly isDiscrete = false,
    private readonly feasible: (x: Array) => Array = (x) => np.zerosLike(x),
  ) {
    super();
  }
  check(x: ArrayLike): Array {
    return this.fn(asF(x));
  }
  override feasibleLike(x: ArrayLike): Array {
    return this.feasible(asF(x));
  }
}

/**
 * `lower < x` (strict).
 *
 * @example
 * ```ts
 * new GreaterThan(1).check(2); // true
 * ```
 */
export class GreaterThan extends Constraint {
  readonly name: string;
  /** @param lowerBound - the bound (number or array) */
  constructor(readonly lowerBound: ArrayLike, name?: string) {
    super();
    this.name = name ?? `greaterThan(${num(lowerBound)})`;
  }
  check(x: ArrayLike): Array {
    return asF(x).gt(this.lowerBound);
  }
  override feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x)).add(this.lowerBound).add(1);
  }
}

/**
 * `lower <= x`.
 *
 * @example
 * ```ts
 * new GreaterThanEq(1).check(1); // true
 * ```
 */
export class GreaterThanEq extends GreaterThan {
  override check(x: ArrayLike): Array {
    return asF(x).ge(this.lowerBound);
  }
}

/**
 * `x < upper` (strict).
 *
 * @example
 * ```ts
 * new LessThan(1).check(0); // true
 * ```
 */
export class LessThan extends Constraint {
  readonly name: string;
  /** @param upperBound - the bound */
  constructor(readonly upperBound: ArrayLike) {
    super();
    this.name = `lessThan(${num(upperBound)})`;
  }
  check(x: ArrayLike): Array {
    return asF(x).lt(this.upperBound);
  }
  override feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x)).add(this.upperBound).sub(1);
  }
}

/**
 * `lower <= x <= upper` (closed, as NumPyro).
 *
 * @example
 * ```ts
 * new Interval(0, 1).check(0.5); // true
 * ```
 */
export class Interval extends Constraint {
  readonly name: string;
  /** @param lowerBound - lower end @param upperBound - upper end */
  constructor(readonly lowerBound: ArrayLike, readonly upperBound: ArrayLike, name?: string) {
    super();
    this.name = name ?? `interval(${num(lowerBound)}, ${num(upperBound)})`;
  }
  check(x: ArrayLike): Array {
    const a = asF(x);
    return np.logicalAnd(a.ge(this.lowerBound), a.le(this.upperBound));
  }
  override feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x)).add(np.asArray(this.lowerBound).add(this.upperBound).div(2));
  }
}

/**
 * Integers in `[lower, upper]`.
 *
 * @example
 * ```ts
 * new IntegerInterval(0, 3).check(2); // true
 * ```
 */
export class IntegerInterval extends Constraint {
  readonly name: string;
  override readonly isDiscrete = true;
  /** @param lowerBound - lower end @param upperBound - upper end */
  constructor(readonly lowerBound: ArrayLike, readonly upperBound: ArrayLike) {
    super();
    this.name = `integerInterval(${num(lowerBound)}, ${num(upperBound)})`;
  }
  check(x: ArrayLike): Array {
    const a = asF(x);
    return np.logicalAnd(np.logicalAnd(a.ge(this.lowerBound), a.le(this.upperBound)), np.floor(a).eq(a));
  }
  override feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x)).add(this.lowerBound);
  }
}

/**
 * Integers `>= lower`.
 *
 * @example
 * ```ts
 * new IntegerGreaterThan(1).check(3); // true
 * ```
 */
export class IntegerGreaterThan extends Constraint {
  readonly name: string;
  override readonly isDiscrete = true;
  /** @param lowerBound - the smallest allowed integer */
  constructor(readonly lowerBound: ArrayLike, name?: string) {
    super();
    this.name = name ?? `integerGreaterThan(${num(lowerBound)})`;
  }
  check(x: ArrayLike): Array {
    const a = asF(x);
    return np.logicalAnd(a.ge(this.lowerBound), np.floor(a).eq(a));
  }
  override feasibleLike(x: ArrayLike): Array {
    return np.zerosLike(asF(x)).add(this.lowerBound);
  }
}

/**
 * A constraint applied to the `n` rightmost batch axes as one event.
 *
 * @example
 * ```ts
 * new IndependentConstraint(positive, 1).check(np.array([1, 2])); // true
 * ```
 */
export class IndependentConstraint extends Constraint {
  readonly name: string;
  override readonly eventDim: number;
  override readonly isDiscrete: boolean;
  /** @param base - the constraint @param reinterpretedBatchNdims - axes to fold into the event */
  constructor(readonly base: Constraint, readonly reinterpretedBatchNdims: number) {
    super();
    this.name = `independent(${base.name}, ${reinterpretedBatchNdims})`;
    this.eventDim = base.eventDim + reinterpretedBatchNdims;
    this.isDiscrete = base.isDiscrete;
  }
  check(x: ArrayLike): Array {
    return lastAll(this.base.check(x), this.reinterpretedBatchNdims);
  }
  override feasibleLike(x: ArrayLike): Array {
    return this.base.feasibleLike(x);
  }
}

const isReal = (x: Array): Array => np.logicalAnd(x.eq(x), np.isfinite(x));
const eyeLike = (x: Array): Array => np.zerosLike(x).add(np.eye(x.shape[x.ndim - 1]));

/** All real numbers (finite, not NaN). @example real.check(np.array([1, NaN])); // [true, false] */
export const real: Constraint = new Simple("real", isReal);
/** Real vectors (event rank 1). @example realVector.check(np.zeros([3])); // true */
export const realVector: Constraint = new IndependentConstraint(real, 1);
/** Real matrices (event rank 2). @example realMatrix.check(np.zeros([2, 2])); // true */
export const realMatrix: Constraint = new IndependentConstraint(real, 2);
/** `x > 0`. @example positive.check(0); // false */
export const positive: Constraint = new GreaterThan(0, "positive");
/** `x >= 0`. @example nonnegative.check(0); // true */
export const nonnegative: Constraint = new GreaterThanEq(0, "nonnegative");
/** `0 <= x <= 1`. @example unitInterval.check(0.5); // true */
export const unitInterval: Constraint = new Interval(0, 1, "unitInterval");
/** Angles in `[−π, π]`. @example circular.check(3); // true */
export const circular: Constraint = new Interval(-Math.PI, Math.PI, "circular");
/** 0 or 1. @example boolean.check(1); // true */
export const boolean: Constraint = new Simple("boolean", (x) => np.logicalOr(x.eq(0), x.eq(1)), 0, true);
/** Integers `>= 0`. @example nonnegativeInteger.check(2); // true */
export const nonnegativeInteger: Constraint = new IntegerGreaterThan(0, "nonnegativeInteger");
/** Integers `>= 1`. @example positiveInteger.check(0); // false */
export const positiveInteger: Constraint = new IntegerGreaterThan(1, "positiveInteger");
/** Any integer. @example integer.check(1.5); // false */
export const integer: Constraint = new Simple("integer", (x) => np.floor(x).eq(x), 0, true);
/** Vectors with nonnegative entries summing to one (to 1e−6). @example simplex.check(np.array([0.2, 0.8])); // true */
export const simplex: Constraint = new Simple(
  "simplex",
  (x) => np.logicalAnd(np.all(x.ge(0), { axis: -1 }), np.abs(x.sum(-1).sub(1)).lt(1e-6)),
  1,
  false,
  (x) => np.zerosLike(x).add(1 / x.shape[x.ndim - 1]),
);
/** Strictly increasing vectors. @example orderedVector.check(np.array([1, 2])); // true */
export const orderedVector: Constraint = new Simple(
  "orderedVector",
  (x) => {
    const n = x.shape[x.ndim - 1];
    if (n < 2) return np.all(isReal(x), { axis: -1 });
    return np.all(x.index("...", np.s(1)).gt(x.index("...", np.s(null, -1))), { axis: -1 });
  },
  1,
  false,
  (x) => np.zerosLike(x).add(np.arange(x.shape[x.ndim - 1])),
);
/**
 * Alias of `orderedVector`.
 *
 * @example
 * ```ts
 * ordered.check(np.array([1, 2])); // true
 * ```
 */
export const ordered = orderedVector;
/** Positive, strictly increasing vectors. @example positiveOrderedVector.check(np.array([1, 2])); // true */
export const positiveOrderedVector: Constraint = new Simple(
  "positiveOrderedVector",
  (x) => np.logicalAnd(orderedVector.check(x), np.all(x.gt(0), { axis: -1 })),
  1,
  false,
  (x) => np.zerosLike(x).add(np.arange(x.shape[x.ndim - 1]).add(1)),
);
/** Lower-triangular matrices with a positive diagonal. @example lowerCholesky.check(np.eye(2)); // true */
export const lowerCholesky: Constraint = new Simple(
  "lowerCholesky",
  (x) => np.logicalAnd(np.all(tril(x).eq(x), { axis: [-2, -1] }), np.all(diag(x).gt(0), { axis: -1 })),
  2,
  false,
  eyeLike,
);
/** Cholesky factors of correlation matrices (rows of unit norm). @example corrCholesky.check(np.eye(2)); // true */
export const corrCholesky: Constraint = new Simple(
  "corrCholesky",
  (x) => {
    const norms = np.sqrt(np.sum(x.mul(x), { axis: -1 }));
    return np.logicalAnd(lowerCholesky.check(x), np.all(np.abs(norms.sub(1)).le(1e-6), { axis: -1 }));
  },
  2,
  false,
  eyeLike,
);
const symmetric = (x: Array): Array => np.all(np.abs(x.sub(np.swapaxes(x, -1, -2))).le(1e-6), { axis: [-2, -1] });
const cholOk = (x: Array): Array => {
  const L = np.linalg.cholesky(x);
  return np.all(np.isfinite(diag(L)).mul(diag(L).gt(0)), { axis: -1 });
};
/** Symmetric positive-definite matrices. @example positiveDefinite.check(np.eye(2)); // true */
export const positiveDefinite: Constraint = new Simple("positiveDefinite", (x) => np.logicalAnd(symmetric(x), cholOk(x)), 2, false, eyeLike);
/** Correlation matrices (positive definite, unit diagonal). @example corrMatrix.check(np.eye(2)); // true */
export const corrMatrix: Constraint = new Simple(
  "corrMatrix",
  (x) => np.logicalAnd(positiveDefinite.check(x), np.all(np.abs(diag(x).sub(1)).le(1e-6), { axis: -1 })),
  2,
  false,
  eyeLike,
);

/** `x > lowerBound`. @example greaterThan(1).check(2); // true */
export const greaterThan = (lowerBound: ArrayLike): Constraint => new GreaterThan(lowerBound);
/** `x >= lowerBound`. @example greaterThanEq(1).check(1); // true */
export const greaterThanEq = (lowerBound: ArrayLike): Constraint => new GreaterThanEq(lowerBound, `greaterThanEq(${num(lowerBound)})`);
/** `x < upperBound`. @example lessThan(1).check(0); // true */
export const lessThan = (upperBound: ArrayLike): Constraint => new LessThan(upperBound);
/** `lo <= x <= hi`. @example interval(0, 2).check(1); // true */
export const interval = (lowerBound: ArrayLike, upperBound: ArrayLike): Constraint => new Interval(lowerBound, upperBound);
/** Integers in `[lo, hi]`. @example integerInterval(0, 3).check(2); // true */
export const integerInterval = (lowerBound: ArrayLike, upperBound: ArrayLike): Constraint => new IntegerInterval(lowerBound, upperBound);
/** Integers `>= lo`. @example integerGreaterThan(2).check(3); // true */
export const integerGreaterThan = (lowerBound: ArrayLike): Constraint => new IntegerGreaterThan(lowerBound);
/** `c` over `n` extra rightmost axes. @example independent(positive, 1).check(np.array([1, 2])); // true */
export const independent = (c: Constraint, n: number): Constraint => (n === 0 ? c : new IndependentConstraint(c, n));
/** Values in `[0, upper]` of integers, the support of a Binomial. @example multinomial(3).check(np.array([1, 2])); // true */
export const multinomial = (upperBound: ArrayLike): Constraint =>
  new Simple(
    `multinomial(${num(upperBound)})`,
    (x) => np.logicalAnd(np.all(np.logicalAnd(x.ge(0), np.floor(x).eq(x)), { axis: -1 }), x.sum(-1).eq(upperBound)),
    1,
    true,
  );
/**
 * No constraint at all on a dependent value (e.g. `Delta`'s support).
 *
 * @example
 * ```ts
 * dependent.check(3); // true
 * ```
 */
export const dependent: Constraint = new Simple("dependent", (x) => np.onesLike(x, "bool"));

/**
 * All the named constraints, as NumPyro's `constraints` module.
 *
 * @example
 * ```ts
 * constraints.interval(0, 1).check(0.5); // true
 * ```
 */
export const constraints = {
  real,
  realVector,
  realMatrix,
  positive,
  nonnegative,
  unitInterval,
  circular,
  boolean,
  nonnegativeInteger,
  positiveInteger,
  integer,
  simplex,
  ordered,
  orderedVector,
  positiveOrderedVector,
  lowerCholesky,
  corrCholesky,
  corrMatrix,
  positiveDefinite,
  dependent,
  greaterThan,
  greaterThanEq,
  lessThan,
  interval,
  integerInterval,
  integerGreaterThan,
  independent,
  multinomial,
};
