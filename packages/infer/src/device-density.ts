/**
 * Log densities evaluated on a device: the potential and its gradient run as one jitted program
 * on `cpu` (Orrery's compiled JS, float64) or on a tfjs device (`tfjs-cpu`, `wasm`, `webgl`,
 * float32), while the sampler's own vectors stay `Float64Array`s on the host. On a tfjs device
 * each call uploads the position, runs the cached jaxpr in one tfjs scope and reads the value
 * and gradient back (one download); nothing it makes outlives the call.
 *
 * Also the batched form (the positions of n chains as one [n, dim] array → n values and n
 * gradients in one call, via `vmap`), for drivers that advance several chains together.
 */
import { type Array, ConcreteArray, TfjsArray, config, devicePut, devices, jit, np, tree, valueAndGrad, vmap } from "@orrery/core";
import { type LogDensity, fromOrrery } from "@orrery/mcmc";
import { DefaultKeyMessenger, type FlatPotential, type ModelFn, potentialEnergy } from "@orrery/ppl";

/** The packages that register each tfjs device (for error messages). */
const BACKEND_PACKAGE: Record<string, string> = {
  "tfjs-cpu": "@orrery/backend-tfjs-cpu",
  wasm: "@orrery/backend-wasm",
  webgl: "@orrery/backend-webgl",
};

/**
 * Throw a clear error unless `device` is `cpu` or a registered tfjs device; `where` names the
 * caller.
 *
 * @example
 * ```ts
 * checkDevice("wasm", "MCMC"); // Error: MCMC: unknown device "wasm" …; import "@orrery/backend-wasm" (and await its ready()) to register it
 * ```
 */
export function checkDevice(device: string, where: string): void {
  if (typeof device !== "string") throw new TypeError(`${where}: device must be a string ("cpu", "tfjs-cpu", "wasm", "webgl"); got ${String(device)}`);
  if (device === "cpu" || devices().includes(device)) return;
  const pkg = BACKEND_PACKAGE[device];
  throw new Error(
    `${where}: unknown device ${JSON.stringify(device)}; the registered devices are ${devices().join(", ")}` +
      (pkg !== undefined ? `. Import "${pkg}" (and await its ready()) to register it` : ". A tfjs device is registered by importing its backend package (@orrery/backend-wasm, …)"),
  );
}

/** A {@link LogDensity} evaluated on a device, holding what it needs there until `dispose()`. */
export interface DeviceLogDensity extends LogDensity {
  /** Where the density runs: `cpu` or a tfjs device. */
  readonly device: string;
  /** Free the device memory this density owns (a no-op on `cpu`). Using it afterwards is an error. */
  dispose(): void;
}

/** n log densities and gradients in one call: the batched form of a {@link DeviceLogDensity}. */
export interface BatchedLogDensity {
  /** The dimension of one position. */
  readonly dim: number;
  /** How many positions each call takes (the `n` of the [n, dim] batch). */
  readonly batch: number;
  /** Where the batch runs: `cpu` or a tfjs device. */
  readonly device: string;
  /**
   * Evaluate at `positions` (row-major [batch, dim]): writes the log densities into
   * `valuesOut` (length batch) and the gradients into `gradsOut` (row-major
   * [batch, dim]). Keeps no reference to its arguments.
   */
  valueAndGrad(positions: Float64Array, gradsOut: Float64Array, valuesOut: Float64Array): void;
  /** Free the device memory this density owns (a no-op on `cpu`). */
  dispose(): void;
}

function dimOf(example: number | Float64Array, where: string): number {
  const dim = typeof example === "number" ? example : example.length;
  if (!(Number.isInteger(dim) && dim >= 1)) throw new RangeError(`${where}: the dimension must be a positive integer; got ${dim}`);
  return dim;
}

/**
 * Run `f` with float32 as the default float dtype: arrays the function creates from JS numbers
 * while it is traced (distribution parameters, constants) are float32, as a tfjs device needs.
 */
function inFloat32<T>(f: () => T): T {
  const prev = config.defaultFloatDtype();
  config.setDefaultFloatDtype("float32");
  try {
    return f();
  } finally {
    config.setDefaultFloatDtype(prev);
  }
}

/** The error of a log density that does not compute in float32 on a tfjs device. */
function float32Hint(e: unknown, where: string, device: string): Error {
  const msg = (e as Error)?.message ?? String(e);
  if (/float64/.test(msg)) {
    return new Error(
      `${where}: the log density must compute in float32 on the ${device} device (tfjs has no float64), but it made a float64 value: ${msg}. ` +
        `Close over float32 arrays (x.astype("float32")) or arrays on the device (devicePut), or use device "cpu"`,
    );
  }
  return e instanceof Error ? e : new Error(msg);
}

/** A float32 copy of `x` (a new array: its buffer is never aliased by the tensor made from it). */
function upload(x: Float64Array, shape: number[], device: string): TfjsArray {
  const data = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) data[i] = x[i];
  return devicePut(new ConcreteArray(data, shape, "float32"), device) as unknown as TfjsArray;
}

/**
 * A log density and its gradient evaluated on `device`: `cpu` gives `fromOrrery`'s compiled
 * float64 program; a tfjs device (`tfjs-cpu`, `wasm`, `webgl`, registered by importing its
 * backend package and awaiting its `ready()`) runs `jit(valueAndGrad(logp))` there in float32,
 * reading the value and gradient back into the caller's `Float64Array`s on every call. `logp`
 * takes a 1-D array of length `dim` and returns a scalar; on a tfjs device it must compute in
 * float32 (it is traced with float32 as the default float dtype; arrays it closes over must be
 * float32 or on the device).
 *
 * @param logp the log density of a position of shape `[dim]`.
 * @param example the dimension, or an example position (only its length matters).
 * @param device `cpu` (default) or a registered tfjs device.
 * @example
 * ```ts
 * import { ready } from "@orrery/backend-wasm";
 * await ready();
 * const ld = deviceLogDensity((x) => np.sum(x.square()).mul(-0.5), 3, "wasm");
 * const g = new Float64Array(3);
 * ld.valueAndGrad(Float64Array.of(1, 2, 3), g); // -7, g = [-1, -2, -3] (float32 on wasm)
 * ld.dispose();
 * ```
 */
export function deviceLogDensity(logp: (x: Array) => Array, example: number | Float64Array, device = "cpu"): DeviceLogDensity {
  const where = "deviceLogDensity";
  checkDevice(device, where);
  const dim = dimOf(example, where);
  if (device === "cpu") {
    const ld = fromOrrery(logp, typeof example === "number" ? dim : example);
    return { dim, device, valueAndGrad: ld.valueAndGrad, value: ld.value, dispose() {} };
  }
  // Value and gradient as one [1 + dim] vector: one download per call.
  const program = jit((x: Array) => {
    const [v, g] = valueAndGrad(logp)(x) as [Array, Array];
    return np.concatenate([v.reshape([1]), g]);
  });
  const shape = [dim];
  let disposed = false;
  const evaluate = (position: Float64Array, gradOut: Float64Array | null): number => {
    if (disposed) throw new Error(`${where}: used after dispose()`);
    const x = upload(position, shape, device);
    let out: TfjsArray | null = null;
    try {
      out = inFloat32(() => program(x)) as unknown as TfjsArray;
      const data = out.toTypedArray() as Float32Array;
      if (gradOut !== null) for (let i = 0; i < dim; i++) gradOut[i] = data[i + 1];
      return data[0];
    } catch (e) {
      throw float32Hint(e, where, device);
    } finally {
      x.dispose();
      out?.dispose();
    }
  };
  return {
    dim,
    device,
    valueAndGrad: (position, gradOut) => evaluate(position, gradOut),
    value: (position) => evaluate(position, null),
    dispose() {
      disposed = true;
      // Constants the model made itself were uploaded by jit: free them with its cache.
      program.clearCache();
    },
  };
}

/**
 * The batched form of {@link deviceLogDensity}: `jit(vmap(valueAndGrad(logp)))` on a
 * [batchSize, dim] array, so the log densities and gradients of `batchSize` positions (e.g. one
 * per chain) cost one device call (on a tfjs device: one upload, one program, one download).
 * On `cpu` it is the compiled float64 program called through `runInto` (no allocation).
 *
 * @param logp the log density of one position of shape `[dim]` (it is vmapped).
 * @param example the dimension, or an example position (only its length matters).
 * @param batchSize positions per call.
 * @param device `cpu` (default) or a registered tfjs device.
 * @example
 * ```ts
 * const bld = batchedLogDensity((x) => np.sum(x.square()).mul(-0.5), 2, 4, "tfjs-cpu");
 * const values = new Float64Array(4), grads = new Float64Array(8);
 * bld.valueAndGrad(Float64Array.of(0, 0, 1, 0, 0, 2, 1, 1), grads, values); // values [0, -0.5, -2, -1]
 * bld.dispose();
 * ```
 */
export function batchedLogDensity(logp: (x: Array) => Array, example: number | Float64Array, batchSize: number, device = "cpu"): BatchedLogDensity {
  const where = "batchedLogDensity";
  checkDevice(device, where);
  const dim = dimOf(example, where);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`${where}: batchSize must be a positive integer; got ${batchSize}`);
  const n = batchSize;
  const check = (positions: Float64Array, gradsOut: Float64Array, valuesOut: Float64Array) => {
    if (positions.length !== n * dim || gradsOut.length !== n * dim || valuesOut.length !== n) {
      throw new RangeError(
        `${where}: expected positions and gradsOut of length ${n}·${dim} = ${n * dim} and valuesOut of length ${n}; ` +
          `got ${positions.length}, ${gradsOut.length}, ${valuesOut.length}`,
      );
    }
  };
  if (device === "cpu") {
    const compiled = jit(vmap(valueAndGrad(logp))).lower(np.zeros([n, dim], "float64"));
    if (compiled.outAvals.length !== 2 || compiled.outAvals[0].shape.length !== 1) {
      throw new TypeError(`${where}: logp must return a scalar; got shape [${compiled.outAvals[0]?.shape.slice(1).join(", ")}]`);
    }
    const runInto = compiled.runInto;
    const ins: Float64Array[] = [new Float64Array(0)];
    const outs: Float64Array[] = [new Float64Array(0), new Float64Array(0)];
    return {
      dim,
      batch: n,
      device,
      valueAndGrad(positions, gradsOut, valuesOut) {
        check(positions, gradsOut, valuesOut);
        ins[0] = positions;
        outs[0] = valuesOut;
        outs[1] = gradsOut;
        runInto(ins, outs);
      },
      dispose() {},
    };
  }
  // [n, 1 + dim]: each row the value then the gradient (one download per call).
  const program = jit((xs: Array) => {
    const [v, g] = vmap(valueAndGrad(logp))(xs) as [Array, Array];
    return np.concatenate([v.reshape([n, 1]), g], 1);
  });
  const shape = [n, dim];
  let disposed = false;
  return {
    dim,
    batch: n,
    device,
    valueAndGrad(positions, gradsOut, valuesOut) {
      if (disposed) throw new Error(`${where}: used after dispose()`);
      check(positions, gradsOut, valuesOut);
      const x = upload(positions, shape, device);
      let out: TfjsArray | null = null;
      try {
        out = inFloat32(() => program(x)) as unknown as TfjsArray;
        const data = out.toTypedArray() as Float32Array;
        const w = dim + 1;
        for (let c = 0; c < n; c++) {
          valuesOut[c] = data[c * w];
          for (let i = 0; i < dim; i++) gradsOut[c * dim + i] = data[c * w + 1 + i];
        }
      } catch (e) {
        throw float32Hint(e, where, device);
      } finally {
        x.dispose();
        out?.dispose();
      }
    },
    dispose() {
      disposed = true;
      program.clearCache();
    },
  };
}

/** A model's log density prepared for a device (see {@link devicePotential}). */
export interface DevicePotential {
  /** Where `logp` is meant to run. */
  readonly device: string;
  /** The number of unconstrained dimensions. */
  readonly dim: number;
  /**
   * The log density (−potential energy) at an unconstrained position of shape `[dim]`, in the
   * device's float dtype: give it to {@link deviceLogDensity} or {@link batchedLogDensity}.
   */
  logp(theta: Array): Array;
  /** Free the model data this potential uploaded to the device (a no-op on `cpu`). */
  dispose(): void;
}

/**
 * A model's potential for a device, from its `cpu` potential (`potentialFromModel(model, args)`,
 * which fixes the sites and their layout): on `cpu` it is `pot.logp`; on a tfjs device the
 * model's array arguments are uploaded once as float32 (float64 data is rounded; int32 and bool
 * stay), and `logp` evaluates NumPyro's potential energy with them, meant to be traced with
 * float32 as the default float dtype (as {@link deviceLogDensity} does). `dispose()` frees the
 * uploaded data. `param` sites take their initial values.
 *
 * @example
 * ```ts
 * const pot = potentialFromModel(model, [x, y]);
 * const dp = devicePotential(model, [x, y], pot, "wasm");
 * const ld = deviceLogDensity(dp.logp, dp.dim, "wasm");
 * // … sample with ld …
 * ld.dispose();
 * dp.dispose();
 * ```
 */
export function devicePotential(model: ModelFn, args: readonly unknown[], pot: FlatPotential, device = "cpu"): DevicePotential {
  checkDevice(device, "devicePotential");
  if (device === "cpu") return { device, dim: pot.dim, logp: (theta) => pot.logp(theta), dispose() {} };
  const owned: TfjsArray[] = [];
  let onDevice: unknown[];
  try {
    onDevice = tree.map((leaf: unknown) => {
      if (leaf instanceof TfjsArray && leaf.device === device) return leaf;
      if (leaf instanceof ConcreteArray || leaf instanceof TfjsArray) {
        const cpu = leaf instanceof TfjsArray ? (devicePut(leaf as Array, "cpu") as ConcreteArray) : leaf;
        const moved = devicePut(cpu.dtype === "float64" ? (cpu.astype("float32") as ConcreteArray) : cpu, device) as unknown as TfjsArray;
        owned.push(moved);
        return moved;
      }
      return leaf;
    }, [...args]) as unknown[];
  } catch (e) {
    for (const t of owned) t.dispose();
    throw new Error(`devicePotential: cannot move the model's arguments to ${device}: ${(e as Error).message}`);
  }
  const m: ModelFn = (...a: unknown[]) => new DefaultKeyMessenger().run(() => model(...a));
  return {
    device,
    dim: pot.dim,
    logp: (theta) => potentialEnergy(m, onDevice, pot.unravel(theta)).neg(),
    dispose() {
      for (const t of owned) if (!t.isDisposed) t.dispose();
      owned.length = 0;
    },
  };
}

/**
 * Check `MCMC`'s `device` option against its kernel and chain method (called by `MCMC`'s
 * constructor): the device must be registered, the kernel must use the gradient, and the
 * chains must run in this thread.
 *
 * @example
 * ```ts
 * checkMcmcDevice(new SA(model), "wasm", "sequential"); // Error: MCMC: device "wasm" … SA is gradient-free …
 * ```
 */
export function checkMcmcDevice(kernel: { name: string; usesGradient: boolean }, device: string, chainMethod: string): void {
  checkDevice(device, "MCMC");
  if (device === "cpu") return;
  if (!kernel.usesGradient) {
    throw new Error(
      `MCMC: device ${JSON.stringify(device)} evaluates the potential and its gradient on a tfjs device, but ${kernel.name} is gradient-free; ` +
        `gradient-free kernels run on "cpu" (leave device unset), or use a gradient kernel (NUTS, HMC, BarkerMH)`,
    );
  }
  if (chainMethod === "parallel") {
    throw new Error(`MCMC: device ${JSON.stringify(device)} runs chains in this thread: use chainMethod "sequential", or "vectorized" (one device call for all chains' gradients), not "parallel"`);
  }
}

/**
 * The log density `MCMC` samples on a tfjs device: the model's potential with its data uploaded
 * as float32 ({@link devicePotential}), evaluated by {@link deviceLogDensity}. `dispose()` frees
 * the uploaded data too.
 *
 * @example
 * ```ts
 * const ld = modelLogDensity(model, [x, y], potentialFromModel(model, [x, y]), "wasm");
 * // … NUTS with ld …
 * ld.dispose();
 * ```
 */
export function modelLogDensity(model: ModelFn, args: readonly unknown[], pot: FlatPotential, device: string): DeviceLogDensity {
  const dp = devicePotential(model, args, pot, device);
  const ld = deviceLogDensity(dp.logp, pot.dim, device);
  return {
    dim: ld.dim,
    device,
    valueAndGrad: ld.valueAndGrad,
    value: ld.value,
    dispose() {
      ld.dispose();
      dp.dispose();
    },
  };
}
