/**
 * The public device API: `devicePut`, `scope`, and placing new arrays on the default device.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { Array, ConcreteArray } from "../../core/array.js";
import { flatten, unflatten } from "../../tree/tree.js";
import { type Tf, currentTfjsDevice, devices, getTfjsDevice } from "./device.js";
import { TfjsArray, uploadArray } from "./tfjs-array.js";

function put(x: Array, device: string): Array {
  if (!(x instanceof ConcreteArray) && !(x instanceof TfjsArray)) {
    throw new Error(`devicePut: got a traced array ${x.aval.toString()}; move arrays between devices outside grad/vmap/jit`);
  }
  if (x.device === device) return x;
  if (device === "cpu") return (x as TfjsArray).toCpu();
  const dev = getTfjsDevice(device, "devicePut");
  const cpu = x instanceof TfjsArray ? x.toCpu() : x;
  try {
    return uploadArray(dev, cpu);
  } catch (e) {
    throw new Error(`devicePut: ${(e as Error).message}`);
  }
}

/**
 * Move an array, or every array of a pytree, to a device: `cpu` or a registered tfjs device
 * (`tfjs-cpu`, `wasm`, `webgl`; import its backend package first). Arrays already there
 * are returned as they are. tfjs devices hold float32, int32 and bool (float64 is an error).
 *
 * @example
 * ```ts
 * import "@orrery/backend-wasm";
 * const x = devicePut(np.array([1, 2, 3], "float32"), "wasm");
 * x.device;                         // "wasm"
 * devicePut(x.exp(), "cpu").tolist();
 * devicePut({ w: w32, b: b32 }, "wasm"); // a pytree
 * ```
 */
export function devicePut<T>(x: T, device: string): T {
  if (device !== "cpu" && !devices().includes(device)) getTfjsDevice(device, "devicePut");
  if (x instanceof Array) return put(x, device) as T;
  const [leaves, def] = flatten(x);
  const moved = leaves.map((l) => (l instanceof Array ? put(l, device) : l));
  return unflatten(def, moved) as T;
}

function engineOf(): ReturnType<Tf["engine"]> | null {
  const name = devices().find((d) => d !== "cpu");
  if (name === undefined) return null;
  return getTfjsDevice(name, "scope").tf.engine();
}

/**
 * Run `fn` and free every tfjs tensor it created except those of the arrays it returns
 * (anywhere in a returned pytree), like `tf.tidy`. On `cpu` it just calls `fn`.
 *
 * @example
 * ```ts
 * const loss = scope(() => np.sum(np.square(x.sub(y)))); // the intermediates are freed
 * ```
 */
export function scope<T>(fn: () => T): T {
  const engine = engineOf();
  if (engine === null) return fn();
  engine.startScope("orrery.scope");
  let result: T | undefined;
  try {
    result = fn();
    if (result instanceof Promise) throw new Error("scope: fn must be synchronous (it returned a Promise)");
  } finally {
    const keep: tfc.Tensor[] = [];
    if (result !== undefined) {
      for (const l of flatten(result)[0]) if (l instanceof TfjsArray) keep.push(l.tensor);
    }
    engine.endScope(keep);
  }
  return result;
}

/** Put a newly created CPU array on the default device (creation functions call this). */
export function placeNew(x: ConcreteArray): Array {
  const dev = currentTfjsDevice();
  if (dev === null) return x;
  try {
    return uploadArray(dev, x);
  } catch (e) {
    throw new Error(`default device ${dev.name}: ${(e as Error).message}`);
  }
}

/**
 * `x` on the tfjs device of `like` when `x` is a CPU array and `like` is on a tfjs device
 * (a derivative computed from CPU constants alone, for an input on the device); `x` itself
 * otherwise.
 *
 * @example
 * ```ts
 * followDevice(np.ones([2], "float32"), devicePut(np.zeros([2], "float32"), "wasm")).device; // "wasm"
 * ```
 */
export function followDevice(x: Array, like: Array): Array {
  if (!(like instanceof TfjsArray) || !(x instanceof ConcreteArray)) return x;
  return uploadArray(like.tfjsDevice, x);
}
