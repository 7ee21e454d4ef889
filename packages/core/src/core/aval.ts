/**
 * Abstract values: what a tracer knows about an array (shape, dtype, weak type), not its data.
 */
import { type DType } from "./dtype.js";
import { type Shape, shapeEqual, shapeSize } from "./shape.js";

const SHORT: Record<DType, string> = { float64: "f64", float32: "f32", int32: "i32", uint32: "u32", bool: "bool" };

/** The abstract value of an array: its shape, dtype and whether the dtype is weak. */
export class ShapedArray {
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    readonly weakType: boolean = false,
  ) {}

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return shapeSize(this.shape);
  }

  /** Same shape and dtype (weak type ignored). */
  equals(other: ShapedArray): boolean {
    return this.dtype === other.dtype && shapeEqual(this.shape, other.shape);
  }

  /** The same aval with a strong dtype. */
  strengthen(): ShapedArray {
    return this.weakType ? new ShapedArray(this.shape, this.dtype, false) : this;
  }

  /** Printed form as in a jaxpr: `f64[3,2]`, with a `~` for weak types. */
  toString(): string {
    return `${SHORT[this.dtype]}${this.weakType ? "~" : ""}[${this.shape.join(",")}]`;
  }
}
