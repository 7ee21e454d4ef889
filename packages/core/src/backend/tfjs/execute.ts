/**
 * Running primitives and jaxprs on a tfjs device: eager dispatch from the eval trace, and the
 * executor `jit` uses (the cached jaxpr walked once, inside one `tf.tidy`).
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Array, ConcreteArray } from "../../core/array.js";
import { type ShapedArray } from "../../core/aval.js";
import { type Primitive } from "../../core/primitive.js";
import { type Atom, type Jaxpr, Lit, type Var } from "../../interpreters/jaxpr.js";
import { type TfjsDevice, activate, exactIntLimit } from "./device.js";
import { prefersCpuKernel } from "./cpu-kernels.js";
import { BIT_PRESERVING, type LowerCtx, tfjsLowerings } from "./lowering.js";
import { TfjsArray, downloadTensor, storageDtype, uploadData } from "./tfjs-array.js";

type Tensor = tfc.Tensor;

const fallbackCounts = new Map<string, number>();

/**
 * How many times each primitive ran its CPU implementation on a tfjs device since the
 * process started (download, CPU, upload), by primitive name.
 *
 * @example
 * ```ts
 * tfjsFallbackCounts().get("lgamma"); // 3
 * ```
 */
export function tfjsFallbackCounts(): ReadonlyMap<string, number> {
  return fallbackCounts;
}

function mixError(where: string, a: string, b: string, what: string): Error {
  return new Error(`${where}: ${what} are on ${a} and ${b}; move one with devicePut`);
}

/** The tfjs device of a list of concrete arrays (cpu arrays follow it), with the mixing check. */
export function deviceOf(xs: readonly Array[], where: string, what = "operands"): TfjsDevice | null {
  let dev: TfjsDevice | null = null;
  for (const x of xs) {
    if (x instanceof TfjsArray) {
      if (dev === null) dev = x.tfjsDevice;
      else if (x.tfjsDevice !== dev) throw mixError(where, dev.name, x.device, what);
    }
  }
  return dev;
}

function checkDtypes(prim: string, dev: TfjsDevice, avals: readonly ShapedArray[]): void {
  for (const a of avals) {
    if (a.dtype === "float64") {
      try {
        storageDtype(a.dtype, dev.name);
      } catch (e) {
        throw new Error(`${prim}: ${(e as Error).message}`);
      }
    }
  }
}

function fallback(dev: TfjsDevice, prim: Primitive<any>, params: any, xs: Tensor[], inAvals: readonly ShapedArray[], outAvals: readonly ShapedArray[]): Tensor[] {
  fallbackCounts.set(prim.name, (fallbackCounts.get(prim.name) ?? 0) + 1);
  xs = xs.map((t, i) => fullShape(dev, t, inAvals[i]));
  const args = xs.map((t, i) => new ConcreteArray(downloadTensor(t, inAvals[i]), inAvals[i].shape, inAvals[i].dtype, inAvals[i].weakType));
  const outs = prim.impl(args, params);
  activate(dev);
  return outs.map((o, i) => uploadData(dev, o.data, outAvals[i]));
}

/** Apply `prim` to tensors on `dev` (the engine is on `dev`; the caller owns the tidy scope). */
function applyRule(dev: TfjsDevice, prim: Primitive<any>, params: any, xs: Tensor[], inAvals: readonly ShapedArray[], outAvals: readonly ShapedArray[]): Tensor[] {
  checkDtypes(prim.name, dev, outAvals);
  const rule = prefersCpuKernel(dev, prim.name) ? undefined : tfjsLowerings[prim.name];
  let res: Tensor[] | Tensor | null = null;
  if (rule !== undefined) {
    let u32 = false;
    for (const a of inAvals) if (a.dtype === "uint32") u32 = true;
    for (const a of outAvals) if (a.dtype === "uint32") u32 = true;
    // uint32 values (random keys and bits) use all 32 bits: only rules that move them unchanged
    // may run, and none on a device whose int32 storage is float32 (webgl), where a GPU kernel
    // would round them to 24 bits; there they stay in host memory, which tfjs keeps exact.
    const bitsOk = BIT_PRESERVING.has(prim.name) && exactIntLimit(dev) >= 2 ** 31 - 1;
    if (!u32 || bitsOk) res = rule(xs, params, contextFor(dev, inAvals, outAvals));
  }
  if (res === null) return fallback(dev, prim, params, xs, inAvals, outAvals);
  const outs = globalThis.Array.isArray(res) ? res : [res];
  for (let i = 0; i < outs.length; i++) {
    const want = storageDtype(outAvals[i].dtype, dev.name);
    if (outs[i].dtype !== want) outs[i] = dev.tf.cast(outs[i], want);
    // Operands that were lazily broadcast may leave the result smaller than its aval.
    outs[i] = fullShape(dev, outs[i], outAvals[i]);
  }
  return outs;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `t` broadcast to `aval`'s shape when it is smaller (a lazily broadcast value). Multiplying by
 * ones is exact (keeps -0 and NaN) and runs as a broadcasting kernel; tf.broadcastTo (Tile) is
 * about 100× slower on wasm.
 */
function fullShape(dev: TfjsDevice, t: Tensor, aval: ShapedArray): Tensor {
  if (sameShape(t.shape, aval.shape)) return t;
  const shape = aval.shape as number[];
  if (t.dtype === "bool") return dev.tf.broadcastTo(t, shape);
  return dev.tf.mul(t, dev.tf.ones(shape, t.dtype));
}

/** Elementwise primitives whose tfjs ops broadcast their operands NumPy-style. */
const BROADCASTING = new Set(["add", "add_any", "sub", "mul", "div", "max", "min", "pow", "atan2", "eq", "ne", "lt", "le", "gt", "ge"]);

function contextFor(dev: TfjsDevice, inAvals: readonly ShapedArray[], outAvals: readonly ShapedArray[]): LowerCtx {
  return { tf: dev.tf, dev, inAvals, outAvals, runJaxpr: (jaxpr, xs) => runJaxpr(dev, jaxpr, xs), constants: (cs) => constsOn(dev, cs) };
}

function litTensor(dev: TfjsDevice, lit: Lit): Tensor {
  const v = lit.val.data[0];
  const dtype = storageDtype(lit.aval.dtype, dev.name);
  return dev.tf.scalar(lit.aval.dtype === "uint32" ? v | 0 : v, dtype);
}

/**
 * Run a jaxpr on tensors of `dev`, equation by equation through the lowering rules. The
 * caller runs it inside a tidy scope; outputs never alias inputs.
 */
export function runJaxpr(dev: TfjsDevice, jaxpr: Jaxpr, inputs: Tensor[]): Tensor[] {
  const env = new Map<Var, Tensor>();
  const read = (a: Atom): Tensor => (a instanceof Lit ? litTensor(dev, a) : env.get(a)!);
  jaxpr.inBinders.forEach((v, i) => env.set(v, inputs[i]));
  for (const eqn of jaxpr.eqns) {
    const name = eqn.prim.name;
    if (name === "broadcast_in_dim" && eqn.inputs[0].aval.dtype !== "bool" && eqn.inputs[0].aval.dtype !== "uint32") {
      // Broadcasts stay lazy (a reshape with size-1 axes); consumers that broadcast take them
      // as they are, others get them materialised.
      const { shape, broadcastDimensions } = eqn.params as { shape: readonly number[]; broadcastDimensions: readonly number[] };
      const inAval = eqn.inputs[0].aval;
      const mid = shape.map(() => 1);
      broadcastDimensions.forEach((d, i) => (mid[d] = inAval.shape[i]));
      env.set(eqn.outBinders[0], dev.tf.reshape(fullShape(dev, read(eqn.inputs[0]), inAval), mid));
      continue;
    }
    const lazyOk = BROADCASTING.has(name);
    const xs = eqn.inputs.map((a) => (lazyOk ? read(a) : fullShape(dev, read(a), a.aval)));
    const outs = applyRule(
      dev,
      eqn.prim,
      eqn.params,
      xs,
      eqn.inputs.map((a) => a.aval),
      eqn.outBinders.map((v) => v.aval),
    );
    eqn.outBinders.forEach((v, i) => env.set(v, outs[i]));
  }
  const seen = new Set<Tensor>(inputs);
  return jaxpr.outs.map((a) => {
    const t = fullShape(dev, read(a), a.aval);
    if (seen.has(t)) return dev.tf.clone(t);
    seen.add(t);
    return t;
  });
}

function tensorOf(dev: TfjsDevice, x: Array): Tensor {
  if (x instanceof TfjsArray) {
    if (x.tensor.isDisposed) throw new Error(`an array ${x.aval.toString()} on ${x.device} was used after dispose()`);
    return x.tensor;
  }
  if (x instanceof ConcreteArray) return uploadData(dev, x.data, x.aval);
  throw new Error(`internal: a traced value ${x.aval.toString()} reached the ${dev.name} device`);
}

/**
 * Eager dispatch: apply `prim` to concrete arrays of which at least one is on a tfjs device.
 * CPU arrays among them (constants, JS numbers) follow that device.
 */
export function applyOnDevice(prim: Primitive<any>, args: readonly Array[], params: any): Array[] {
  const dev = deviceOf(args, prim.name);
  if (dev === null) throw new Error(`internal: ${prim.name}: no operand on a tfjs device`);
  const inAvals = args.map((a) => a.aval);
  const outAvals = prim.abstractEval(inAvals, params);
  checkDtypes(prim.name, dev, outAvals);
  activate(dev);
  const outs = dev.tf.tidy(() =>
    applyRule(
      dev,
      prim,
      params,
      args.map((a) => tensorOf(dev, a)),
      inAvals,
      outAvals,
    ),
  ) as Tensor[];
  return outs.map((t, i) => new TfjsArray(t, dev, outAvals[i]));
}

const constCache = new WeakMap<readonly Array[], Map<TfjsDevice, Tensor[]>>();

/** The constants of a program on `dev`, uploaded once per (constants, device) and kept. */
function constsOn(dev: TfjsDevice, consts: readonly Array[]): Tensor[] {
  let byDev = constCache.get(consts);
  if (byDev === undefined) {
    byDev = new Map();
    constCache.set(consts, byDev);
  }
  let ts = byDev.get(dev);
  if (ts === undefined) {
    ts = consts.map((c) => (c instanceof TfjsArray ? c.tensor : dev.tf.keep(tensorOf(dev, c))));
    byDev.set(dev, ts);
  }
  return ts;
}

/**
 * Free the device copies of a program's constants made by `jit` (every device), e.g. when a
 * jitted function's cache entry is dropped. Constants that were already tfjs arrays are the
 * caller's and stay.
 */
export function releaseDeviceConstants(consts: readonly Array[]): void {
  const byDev = constCache.get(consts);
  if (byDev === undefined) return;
  for (const ts of byDev.values()) {
    ts.forEach((t, i) => {
      if (!(consts[i] instanceof TfjsArray) && !t.isDisposed) t.dispose();
    });
  }
  constCache.delete(consts);
}

/**
 * The `jit` executor for tfjs devices: run the cached jaxpr on `dev` inside one tidy scope;
 * only the outputs survive it.
 */
export function runJitOnDevice(dev: TfjsDevice, jaxpr: Jaxpr, consts: readonly Array[], leaves: readonly Array[]): TfjsArray[] {
  activate(dev);
  const cs = constsOn(dev, consts);
  const outs = dev.tf.tidy(() => {
    for (const t of cs) if (t.isDisposed) throw new Error(`jit: a closed-over array on ${dev.name} was disposed`);
    return runJaxpr(dev, jaxpr, [...cs, ...leaves.map((l) => tensorOf(dev, l))]);
  }) as Tensor[];
  return outs.map((t, i) => new TfjsArray(t, dev, jaxpr.outs[i].aval));
}
