/**
 * @orrery/backend-wasm: importing it registers tfjs's WebAssembly backend as the Orrery device
 * `wasm` (its only side effect). Call `await ready()` before the first operation: the
 * WebAssembly module loads asynchronously.
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { deviceReady, registerTfjsDevice } from "@orrery/core";

/** The device name this package registers. */
export const DEVICE = "wasm";

registerTfjsDevice({ name: DEVICE, backend: "wasm", tf });

let pathsSet = false;

/** Options of `ready`. */
export interface ReadyOptions {
  /**
   * Where the `.wasm` files are served (a URL prefix ending in `/`, or a map from file name
   * to URL), as tfjs's `setWasmPaths`. In Node the folder inside `node_modules` is used
   * when this is absent; in a browser tfjs looks next to the script.
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * Load the WebAssembly module and make the `wasm` device ready. Call (and await) it once
 * before using the device.
 *
 * @example
 * ```ts
 * import { ready } from "@orrery/backend-wasm";
 * import { devicePut, jit, np } from "@orrery/core";
 * await ready();
 * const x = devicePut(np.linspace(0, 1, 1000, { dtype: "float32" }), "wasm");
 * jit((v) => np.sum(np.exp(v)))(x).item();
 * ```
 */
export async function ready(options: ReadyOptions = {}): Promise<void> {
  if (tf.findBackend("wasm") === null) {
    if (options.wasmPaths !== undefined) {
      setWasmPaths(options.wasmPaths as string);
      pathsSet = true;
    } else if (!pathsSet && typeof process !== "undefined" && process.versions?.node !== undefined) {
      // Node: tfjs cannot find the .wasm files by itself; point it at the package's dist folder.
      const { createRequire } = await import("node:module");
      const { dirname } = await import("node:path");
      const require = createRequire(import.meta.url);
      setWasmPaths(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + "/");
      pathsSet = true;
    }
  }
  await deviceReady(DEVICE);
}
