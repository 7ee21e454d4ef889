/**
 * The array classes: the abstract `Array` every value and tracer is, and the concrete
 * CPU array that holds data in a typed array.
 */
import { ShapedArray } from "./aval.js";
import { type DType, type TypedArray } from "./dtype.js";
import { type Shape, shapeSize, stridesOf } from "./shape.js";

/**
 * An immutable n-dimensional array. Concrete arrays hold data; inside a transformation
 * (`grad`, `vmap`, `jit`) the same interface is implemented by tracers. Operations never
 * modify or dispose their inputs. Methods for the common operations (`x.add(y)`,
 * `x.sum()`, …) are attached in `methods.ts`.
 *
 * @example
 * ```ts
 * const x = np.array([[1, 2], [3, 4]]);
 * x.shape;            // [2, 2]
 * x.mul(2).tolist();  // [[2, 4], [6, 8]]
 * ```
 */
export abstract class Array {
  /** The abstract value (shape, dtype, weak type). */
  abstract get aval(): ShapedArray;

  /** The shape, e.g. `[2, 3]`. */
  get shape(): Shape {
    return this.aval.shape;
  }

  /** The element dtype. */
  get dtype(): DType {
    return this.aval.dtype;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.aval.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this.aval.size;
  }

  /** True when the dtype comes from a JS number and defers to other operands' dtypes. */
  get weakType(): boolean {
    return this.aval.weakType;
  }

  /**
   * The device holding the data: `cpu`, or a tfjs device (`tfjs-cpu`, `wasm`, `webgl`).
   * Concrete arrays only.
   *
   * @example
   * ```ts
   * np.zeros([2]).device; // "cpu"
   * ```
   */
  get device(): string {
    throw new Error(`device needs a concrete array, got ${this.aval.toString()}`);
  }

  /**
   * Free the device memory of a tfjs array (as `tf.Tensor.dispose`); a no-op on `cpu`, whose
   * memory the garbage collector frees. Users of tfjs devices manage lifetimes as in tfjs,
   * or run code in `scope(fn)`.
   *
   * @example
   * ```ts
   * const y = x.exp();
   * y.dispose();
   * ```
   */
  dispose(): void {}

  /** The single element as a JS number (concrete arrays only). */
  item(): number {
    throw new Error(`item() needs a concrete array, got ${this.aval.toString()}`);
  }

  /** The values as nested JS arrays (concrete arrays only). */
  tolist(): unknown {
    throw new Error(`tolist() needs a concrete array, got ${this.aval.toString()}`);
  }

  /** Readable description; concrete arrays print their values. */
  toString(): string {
    return `Array(${this.aval.toString()})`;
  }
}

/**
 * A concrete array on the `cpu` device: a typed array in row-major order.
 * Never mutate `data`: arrays are immutable and buffers may be shared.
 */
export class ConcreteArray extends Array {
  private readonly _aval: ShapedArray;

  constructor(
    readonly data: TypedArray,
    shape: Shape,
    dtype: DType,
    weakType = false,
    aval?: ShapedArray,
  ) {
    super();
    if (aval !== undefined) {
      this._aval = aval;
      return;
    }
    if (data.length !== shapeSize(shape)) {
      throw new Error(`internal: buffer of ${data.length} elements for shape [${shape.join(", ")}]`);
    }
    this._aval = new ShapedArray(shape, dtype, weakType);
  }

  get aval(): ShapedArray {
    return this._aval;
  }

  /** Wrap data with an existing aval (no checks; for compiled code's outputs). */
  static fromAval(data: TypedArray, aval: ShapedArray): ConcreteArray {
    return new ConcreteArray(data, aval.shape, aval.dtype, aval.weakType, aval);
  }

  /** The device the data lives on. */
  override get device(): string {
    return "cpu";
  }

  /**
   * The values as nested JS arrays (bool as booleans).
   *
   * @example
   * ```ts
   * np.arange(4).reshape([2, 2]).tolist(); // [[0, 1], [2, 3]]
   * ```
   */
  override tolist(): unknown {
    const { shape, dtype } = this;
    const conv = dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    if (shape.length === 0) return conv(this.data[0]);
    const strides = stridesOf(shape);
    const build = (axis: number, offset: number): unknown[] => {
      const out: unknown[] = [];
      for (let i = 0; i < shape[axis]; i++) {
        const o = offset + i * strides[axis];
        out.push(axis === shape.length - 1 ? conv(this.data[o]) : build(axis + 1, o));
      }
      return out;
    };
    return build(0, 0);
  }

  /**
   * The single element of a size-1 array as a JS number (bool: 0 or 1).
   *
   * @example
   * ```ts
   * np.sum(np.array([1, 2, 3])).item(); // 6
   * ```
   */
  override item(): number {
    if (this.size !== 1) throw new Error(`item(): array of shape [${this.shape.join(", ")}] has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** A copy of the data as a typed array. */
  toTypedArray(): TypedArray {
    return this.data.slice();
  }

  override toString(): string {
    return `Array(${JSON.stringify(this.tolist())}, dtype=${this.dtype})`;
  }
}
