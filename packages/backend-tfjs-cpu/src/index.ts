/**
 * @orrery/backend-tfjs-cpu: importing it registers tfjs's plain-JavaScript CPU backend as the
 * Orrery device `tfjs-cpu` (its only side effect).
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { deviceReady, registerTfjsDevice } from "@orrery/core";

/** The device name this package registers. */
export const DEVICE = "tfjs-cpu";

registerTfjsDevice({ name: DEVICE, backend: "cpu", tf });

/**
 * Resolve once the `tfjs-cpu` device can run (it initialises synchronously, so this is only
 * for symmetry with the other backends).
 *
 * @example
 * ```ts
 * import { ready } from "@orrery/backend-tfjs-cpu";
 * import { devicePut, np } from "@orrery/core";
 * await ready();
 * devicePut(np.array([1, 2], "float32"), "tfjs-cpu").exp();
 * ```
 */
export function ready(): Promise<void> {
  return deviceReady(DEVICE);
}
