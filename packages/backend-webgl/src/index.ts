/**
 * @orrery/backend-webgl: importing it registers tfjs's WebGL backend as the Orrery device
 * `webgl` (its only side effect). It needs a browser (a WebGL context); call `await ready()`
 * before the first operation.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-webgl";
import { deviceReady, registerTfjsDevice } from "@orrery/core";

/** The device name this package registers. */
export const DEVICE = "webgl";

registerTfjsDevice({ name: DEVICE, backend: "webgl", tf });

/**
 * Initialise WebGL and make the `webgl` device ready. Call (and await) it once before using
 * the device; it fails where there is no WebGL (Node, or a browser without it).
 *
 * @example
 * ```ts
 * import { ready } from "@orrery/backend-webgl";
 * import { devicePut, np } from "@orrery/core";
 * await ready();
 * devicePut(np.ones([512, 512], "float32"), "webgl").matmul(w).sum().item();
 * ```
 */
export function ready(): Promise<void> {
  return deviceReady(DEVICE);
}
