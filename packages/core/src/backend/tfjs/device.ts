/**
 * The registry of tfjs devices and the default device. Core never loads tfjs by itself:
 * a backend package (`@orrery/backend-wasm`, …) hands in the tfjs module it imported, so
 * a program that only uses `cpu` does not load tfjs at all.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type DType, defaultFloatDtype } from "../../core/dtype.js";

/** The tfjs-core module (as `import * as tf from "@tensorflow/tfjs-core"` gives it). */
export type Tf = typeof tfc;

/** A tfjs backend registered as an Orrery device. */
export interface TfjsDevice {
  /** The Orrery device name: `tfjs-cpu`, `wasm`, `webgl`. */
  readonly name: string;
  /** The tfjs backend name (`cpu`, `wasm`, `webgl`). */
  readonly backend: string;
  /** The tfjs-core module the backend registered itself with. */
  readonly tf: Tf;
}

/** What `registerTfjsDevice` takes. */
export interface TfjsDeviceSpec {
  readonly name: string;
  readonly backend: string;
  readonly tf: Tf;
}

const registry = new Map<string, TfjsDevice>();
let current = "cpu";

/**
 * Register a tfjs backend as an Orrery device. Called by the backend packages when they are
 * imported; users import a backend package instead of calling this.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * registerTfjsDevice({ name: "tfjs-cpu", backend: "cpu", tf });
 * ```
 */
export function registerTfjsDevice(spec: TfjsDeviceSpec): TfjsDevice {
  if (spec.name === "cpu") throw new Error(`registerTfjsDevice: "cpu" is Orrery's own device; give the tfjs device another name`);
  const prev = registry.get(spec.name);
  if (prev !== undefined) {
    if (prev.tf !== spec.tf) throw new Error(`registerTfjsDevice: device ${spec.name} is registered already with another copy of @tensorflow/tfjs-core`);
    return prev;
  }
  for (const d of registry.values()) {
    if (d.tf !== spec.tf) {
      throw new Error(
        `registerTfjsDevice(${spec.name}): device ${d.name} uses another copy of @tensorflow/tfjs-core; ` +
          `all tfjs devices must share one (dedupe @tensorflow/tfjs-core in your lockfile)`,
      );
    }
  }
  const dev: TfjsDevice = { name: spec.name, backend: spec.backend, tf: spec.tf };
  registry.set(spec.name, dev);
  return dev;
}

/** The registered tfjs device called `name`, with an error that lists the known ones. */
export function getTfjsDevice(name: string, where: string): TfjsDevice {
  const d = registry.get(name);
  if (d !== undefined) return d;
  const hint: Record<string, string> = {
    "tfjs-cpu": "@orrery/backend-tfjs-cpu",
    wasm: "@orrery/backend-wasm",
    webgl: "@orrery/backend-webgl",
  };
  const pkg = hint[name];
  throw new Error(
    `${where}: unknown device ${JSON.stringify(name)}; known devices: ${devices().join(", ")}` +
      (pkg !== undefined ? `. Import "${pkg}" to register it` : ""),
  );
}

/**
 * The names of the devices available now: `cpu` and every registered tfjs device.
 *
 * @example
 * ```ts
 * import "@orrery/backend-wasm";
 * devices(); // ["cpu", "wasm"]
 * ```
 */
export function devices(): string[] {
  return ["cpu", ...registry.keys()];
}

/**
 * The largest integer `dev`'s int32 tensors hold exactly. tfjs's webgl backend keeps every
 * dtype in float32 textures, so its int32 data is exact only up to 2^24 once a GPU kernel has
 * touched it; the other backends store real int32.
 */
export function exactIntLimit(dev: TfjsDevice): number {
  return dev.backend === "webgl" ? 2 ** 24 : 2 ** 31 - 1;
}

/** Make the tfjs engine run kernels on `dev`'s backend (synchronous once it is initialised). */
export function activate(dev: TfjsDevice): void {
  const tf = dev.tf;
  if (tf.getBackend() === dev.backend) return;
  if (tf.findBackend(dev.backend) === null) {
    throw new Error(`device ${dev.name} is not ready: await its backend package's ready() (tfjs backend ${dev.backend} initialises asynchronously)`);
  }
  void tf.setBackend(dev.backend);
}

/**
 * Wait until a device's tfjs backend is initialised (the wasm backend loads its module
 * asynchronously). Backend packages export this as `ready()`.
 *
 * @example
 * ```ts
 * await deviceReady("wasm");
 * ```
 */
export async function deviceReady(name: string): Promise<void> {
  const dev = getTfjsDevice(name, "deviceReady");
  const prev = dev.tf.getBackend();
  const ok = await dev.tf.setBackend(dev.backend);
  if (!ok) throw new Error(`device ${name}: tfjs backend ${dev.backend} failed to initialise`);
  if (prev !== undefined && prev !== dev.backend && dev.tf.findBackend(prev) !== null) await dev.tf.setBackend(prev);
}

/**
 * Get or set the device that creation functions (`np.array`, `np.zeros`, `np.arange`, …)
 * put new arrays on. `cpu` unless set. On a tfjs device floats default to float32.
 *
 * @example
 * ```ts
 * import "@orrery/backend-wasm";
 * defaultDevice("wasm");
 * np.zeros([3]).device; // "wasm" (float32)
 * defaultDevice();      // "wasm"
 * defaultDevice("cpu");
 * ```
 */
export function defaultDevice(name?: string): string {
  if (name !== undefined) {
    if (name !== "cpu") getTfjsDevice(name, "defaultDevice");
    current = name;
  }
  return current;
}

/**
 * Run `fn` with `name` as the default device for creation functions, then restore the
 * previous default (also when `fn` throws).
 *
 * @example
 * ```ts
 * const x = withDevice("wasm", () => np.linspace(0, 1, 5)); // float32 on wasm
 * ```
 */
export function withDevice<T>(name: string, fn: () => T): T {
  const prev = current;
  defaultDevice(name);
  try {
    return fn();
  } finally {
    current = prev;
  }
}

/** The default tfjs device, or null when the default is `cpu`. */
export function currentTfjsDevice(): TfjsDevice | null {
  return current === "cpu" ? null : (registry.get(current) ?? null);
}

/** The float dtype creation functions use when none is given: float32 on tfjs devices. */
export function creationFloatDtype(): DType {
  return current === "cpu" ? defaultFloatDtype() : "float32";
}
