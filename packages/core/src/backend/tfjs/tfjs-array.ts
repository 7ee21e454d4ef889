/**
 * `TfjsArray`: a concrete array whose data is a `tf.Tensor` on a tfjs device, and the
 * conversions between it and the CPU's `ConcreteArray`.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { type DType, type TypedArray } from "../../core/dtype.js";
import { type TfjsDevice, activate } from "./device.js";

/** The tfjs dtype that stores an Orrery dtype (uint32 is kept as int32 bits). */
export function storageDtype(dtype: DType, device: string): "float32" | "int32" | "bool" {
  switch (dtype) {
    case "float32":
      return "float32";
    case "int32":
    case "uint32":
      return "int32";
    case "bool":
      return "bool";
    case "float64":
      throw new Error(
        `float64 is not supported on the ${device} device (tfjs has no float64): ` +
          `use float32 (np.array(x, "float32"), or x.astype("float32") before devicePut)`,
      );
  }
}

/**
 * A concrete array on a tfjs device (`tfjs-cpu`, `wasm`, `webgl`): the data is a tfjs tensor.
 * Arrays are immutable; the tensor is freed by `dispose()` (or by `scope`), as in tfjs.
 *
 * @example
 * ```ts
 * import "@orrery/backend-wasm";
 * const x = devicePut(np.array([1, 2, 3], "float32"), "wasm"); // a TfjsArray
 * x.device;                 // "wasm"
 * x.mul(2).tolist();        // [2, 4, 6]
 * x.dispose();
 * ```
 */
export class TfjsArray extends Array {
  constructor(
    /** The tensor holding the data (uint32 arrays hold their bits as int32). */
    readonly tensor: tfc.Tensor,
    /** The device the tensor lives on. */
    readonly tfjsDevice: TfjsDevice,
    private readonly _aval: ShapedArray,
  ) {
    super();
  }

  get aval(): ShapedArray {
    return this._aval;
  }

  /** The device name: `tfjs-cpu`, `wasm` or `webgl`. */
  override get device(): string {
    return this.tfjsDevice.name;
  }

  /** True once the tensor has been freed. */
  get isDisposed(): boolean {
    return this.tensor.isDisposed;
  }

  /**
   * Free the tensor. Using the array afterwards is an error. Arrays made from this one are
   * not affected.
   *
   * @example
   * ```ts
   * const y = x.exp();
   * y.dispose();
   * ```
   */
  override dispose(): void {
    this.tensor.dispose();
  }

  /**
   * The data, downloaded synchronously, as a typed array of the dtype's CPU storage
   * (a copy: changing it changes nothing here).
   *
   * @example
   * ```ts
   * devicePut(np.array([1, 2], "float32"), "wasm").toTypedArray(); // Float32Array [1, 2]
   * ```
   */
  toTypedArray(): TypedArray {
    return downloadData(this).slice();
  }

  /** The data as a CPU array (a copy). */
  toCpu(): ConcreteArray {
    return new ConcreteArray(downloadData(this), this.aval.shape, this.aval.dtype, this.aval.weakType);
  }

  /**
   * The values as nested JS arrays (downloads the data synchronously).
   *
   * @example
   * ```ts
   * devicePut(np.array([[1, 2]], "float32"), "wasm").tolist(); // [[1, 2]]
   * ```
   */
  override tolist(): unknown {
    return this.toCpu().tolist();
  }

  /** The single element as a JS number (downloads the data synchronously). */
  override item(): number {
    return this.toCpu().item();
  }

  override toString(): string {
    if (this.tensor.isDisposed) return `Array(${this.aval.toString()}, device=${this.device}, disposed)`;
    return `Array(${JSON.stringify(this.tolist())}, dtype=${this.dtype}, device=${this.device})`;
  }
}

/** Read a tensor's data as the CPU storage of `aval.dtype` (may alias tfjs's own buffer). */
export function downloadTensor(t: tfc.Tensor, aval: ShapedArray): TypedArray {
  if (t.isDisposed) throw new Error(`an array ${aval.toString()} was used after dispose()`);
  const data = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  if (aval.dtype === "uint32") return new Uint32Array(data.buffer, data.byteOffset, data.length);
  if (aval.dtype === "bool" && !(data instanceof Uint8Array)) return Uint8Array.from(data as ArrayLike<number>);
  return data;
}

function downloadData(x: TfjsArray): TypedArray {
  activate(x.tfjsDevice);
  return downloadTensor(x.tensor, x.aval);
}

/** Upload CPU data as a tensor on `dev` (the engine must be on `dev`'s backend). */
export function uploadData(dev: TfjsDevice, data: TypedArray, aval: ShapedArray): tfc.Tensor {
  const dtype = storageDtype(aval.dtype, dev.name);
  let values: Float32Array | Int32Array | Uint8Array;
  if (data instanceof Uint32Array) values = new Int32Array(data.buffer, data.byteOffset, data.length);
  else if (data instanceof Float64Array) values = Float32Array.from(data);
  else values = data;
  return dev.tf.tensor(values, aval.shape as number[], dtype);
}

/** Upload a CPU array to `dev` (activating `dev`). */
export function uploadArray(dev: TfjsDevice, x: ConcreteArray): TfjsArray {
  activate(dev);
  return new TfjsArray(uploadData(dev, x.data, x.aval), dev, x.aval);
}

/** Wrap a tensor with an aval (no checks). */
export function wrapTensor(dev: TfjsDevice, t: tfc.Tensor, aval: ShapedArray): TfjsArray {
  return new TfjsArray(t, dev, aval);
}

/** A fresh aval with the same fields (for arrays that must not share one). */
export function copyAval(a: ShapedArray): ShapedArray {
  return new ShapedArray(a.shape, a.dtype, a.weakType);
}
