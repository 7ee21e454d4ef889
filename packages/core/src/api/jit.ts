/**
 * `jit`: trace a function once per input signature, compile it to a JavaScript function over
 * typed arrays, cache it, and call the compiled code afterwards.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type TypedArray } from "../core/dtype.js";
import { bind } from "../core/trace.js";
import { type TreeDef, flatten, treedefKey, unflatten } from "../tree/tree.js";
import { printJaxpr } from "../interpreters/jaxpr.js";
import { stageFlat } from "../interpreters/staging.js";
import { type CompiledProgram, type ProgramDescription, compileJaxpr } from "../backend/cpu/compiler/index.js";
import { StagedCall, jitCallP } from "../primitives/jit-call.js";
import { leavesAsArrays } from "./flatten-args.js";
import { TfjsArray } from "../backend/tfjs/tfjs-array.js";
import { type TfjsDevice } from "../backend/tfjs/device.js";
import { deviceOf, releaseDeviceConstants, runJitOnDevice } from "../backend/tfjs/execute.js";

/** Options of `jit`. */
export interface JitOptions {
  /** Positional arguments that are compile-time constants (part of the cache key). */
  staticArgnums?: number | number[];
  /** Names of fields of a trailing options-object argument that are static (JS has no keyword arguments). */
  staticArgnames?: string[];
  /** How many compiled signatures to keep (least recently used are dropped; default 64). */
  cacheSize?: number;
}

/** Statistics of a jitted function's cache. */
export interface JitCacheInfo {
  hits: number;
  misses: number;
  size: number;
  maxSize: number;
  /** Total time spent tracing and compiling, in milliseconds. */
  compileMs: number;
}

/** A compiled signature: call with typed arrays, no per-call tracing or allocation. */
export interface CompiledFunction {
  readonly inAvals: ShapedArray[];
  readonly outAvals: ShapedArray[];
  /** The generated JavaScript. */
  readonly source: string;
  /** The staged program, printed. */
  readonly jaxpr: string;
  /** Run writing into `outputs` (one typed array per output leaf). */
  runInto(inputs: readonly TypedArray[], outputs: TypedArray[]): void;
  /** Run returning new output buffers. */
  run(inputs: readonly TypedArray[]): TypedArray[];
  /** The program as plain data for a worker thread (`loadProgram`), or null when not possible. */
  describe(): ProgramDescription | null;
}

/** A jitted function: call it like the original; inspect and manage its cache. */
export interface JittedFunction<F extends (...args: any[]) => any> {
  (...args: Parameters<F>): ReturnType<F>;
  /** Cache statistics. */
  cacheInfo(): JitCacheInfo;
  /** Drop every compiled signature (and free the device copies of their constants on tfjs devices). */
  clearCache(): void;
  /** Trace and compile for these arguments (or reuse the cache) and return the compiled function. */
  lower(...args: Parameters<F>): CompiledFunction;
}

interface Entry {
  /** The output is a single array (not a tree), so no unflatten is needed. */
  readonly singleOut: boolean;
  readonly call: StagedCall;
  readonly consts: Array[];
  readonly concreteConsts: boolean;
  readonly outDef: TreeDef;
  program: CompiledProgram | null;
  readonly inAvals: ShapedArray[];
}

let objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

function staticKey(v: unknown): string {
  if (v === null || v === undefined || typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
    return `${typeof v}:${String(v)}`;
  }
  if (typeof v === "object" || typeof v === "function") {
    let id = objectIds.get(v as object);
    if (id === undefined) {
      id = nextObjectId++;
      objectIds.set(v as object, id);
    }
    return `obj:${id}`;
  }
  return `${typeof v}:${String(v)}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function avalKey(a: ShapedArray): string {
  return `${a.dtype}${a.weakType ? "~" : ""}[${a.shape.join(",")}]`;
}

/** The tfjs device a jitted call runs on: null unless an argument or constant is on one (and none is traced). */
function tfjsDeviceOf(consts: readonly Array[], leaves: readonly Array[], name: string): TfjsDevice | null {
  let any = false;
  for (const l of leaves) {
    if (l instanceof TfjsArray) any = true;
    else if (!(l instanceof ConcreteArray)) return null;
  }
  for (const c of consts) if (c instanceof TfjsArray) any = true;
  return any ? deviceOf([...consts, ...leaves], `jit(${name})`, "arguments") : null;
}

/**
 * Compile `f`: it is traced once per input signature (structure, shapes, dtypes, static
 * arguments), compiled to a fused JavaScript loop program, cached (LRU), and re-traced only
 * when the signature changes. Composes with every transformation, in both orders.
 *
 * @example
 * ```ts
 * const f = jit((x, w) => np.sum(np.tanh(x.matmul(w))));
 * f(x, w);                    // traces and compiles
 * f(x2, w2);                  // same shapes: runs the compiled code
 * jit(valueAndGrad(logp));    // one compiled program for value and gradient
 * f.cacheInfo();              // { hits, misses, size, maxSize, compileMs }
 * ```
 */
export function jit<F extends (...args: any[]) => any>(f: F, options: JitOptions = {}): JittedFunction<F> {
  const staticNums = new Set(typeof options.staticArgnums === "number" ? [options.staticArgnums] : (options.staticArgnums ?? []));
  const staticNames = options.staticArgnames ?? [];
  const maxSize = options.cacheSize ?? 64;
  const cache = new Map<string, Entry>();
  const info = { hits: 0, misses: 0, compileMs: 0 };
  const name = f.name || "fn";

  const split = (args: unknown[]): [unknown[], string] => {
    const dyn: unknown[] = [];
    const keys: string[] = [];
    args.forEach((a, i) => {
      if (staticNums.has(i)) {
        keys.push(`${i}=${staticKey(a)}`);
        dyn.push(undefined);
      } else if (staticNames.length > 0 && i === args.length - 1 && a !== null && typeof a === "object" && !("aval" in a)) {
        // A trailing options object: its static fields go to the key, the rest is traced.
        const rest: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
          if (staticNames.includes(k)) keys.push(`${k}=${staticKey(v)}`);
          else rest[k] = v;
        }
        dyn.push(rest);
      } else dyn.push(a);
    });
    return [dyn, keys.join(";")];
  };

  const rebuild = (args: unknown[], dyn: unknown[]): unknown[] =>
    args.map((a, i) => {
      if (staticNums.has(i)) return a;
      if (staticNames.length > 0 && i === args.length - 1 && a !== null && typeof a === "object" && !("aval" in a)) {
        const out: Record<string, unknown> = { ...(dyn[i] as Record<string, unknown>) };
        for (const k of staticNames) if (k in (a as object)) out[k] = (a as Record<string, unknown>)[k];
        return out;
      }
      return dyn[i];
    });

  const entryFor = (args: unknown[]): [Entry, Array[]] => {
    const [dyn, sKey] = split(args);
    const [rawLeaves, inDef] = flatten(dyn);
    const leaves = leavesAsArrays(rawLeaves, `jit(${name})`, false);
    const key = `${treedefKey(inDef)}|${leaves.map((l) => avalKey(l.aval)).join(";")}|${sKey}`;
    let entry = cache.get(key);
    if (entry !== undefined) {
      info.hits++;
      cache.delete(key);
      cache.set(key, entry);
      return [entry, leaves];
    }
    info.misses++;
    const t0 = performance.now();
    let outDef: TreeDef | undefined;
    const flatF = (...xs: Array[]): Array[] => {
      const out = f(...rebuild(args, unflatten<unknown[]>(inDef, xs)));
      const [l, d] = flatten(out);
      outDef = d;
      return leavesAsArrays(l, `jit(${name}) output`, false);
    };
    const inAvals = leaves.map((l) => l.aval);
    const staged = stageFlat(flatF, inAvals);
    const concreteConsts = staged.consts.every((c) => c instanceof ConcreteArray || c instanceof TfjsArray);
    const singleOut = outDef!.kind === "leaf";
    entry = { singleOut, call: new StagedCall(staged.jaxpr, name), consts: staged.consts, concreteConsts, outDef: outDef!, program: null, inAvals };
    if (concreteConsts) {
      // Constants on a tfjs device leave the program to that device's executor.
      if (staged.consts.every((c) => c instanceof ConcreteArray)) entry.program = compileJaxpr(staged.jaxpr, staged.consts);
      cache.set(key, entry);
      while (cache.size > maxSize) {
        const oldest = cache.keys().next().value!;
        releaseDeviceConstants(cache.get(oldest)!.consts);
        cache.delete(oldest);
      }
    }
    info.compileMs += performance.now() - t0;
    return [entry, leaves];
  };

  // The last signature seen with only concrete array arguments, checked without flattening.
  let fast: { avals: ShapedArray[]; entry: Entry } | null = null;
  const fastMatch = (args: unknown[]): Entry | null => {
    if (fast === null || args.length !== fast.avals.length) return null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!(a instanceof ConcreteArray)) return null;
      const want = fast.avals[i];
      const got = a.aval;
      if (got !== want && (got.dtype !== want.dtype || got.weakType !== want.weakType || !sameShape(got.shape, want.shape))) return null;
    }
    return fast.entry;
  };
  const runConcrete = (entry: Entry, datas: TypedArray[]): unknown => {
    const prog = entry.program!;
    const outs = prog.run(datas);
    const arrays = outs.map((o, i) => ConcreteArray.fromAval(o, prog.outAvals[i]));
    return entry.singleOut ? arrays[0] : unflatten(entry.outDef, arrays);
  };

  const jitted = ((...args: unknown[]) => {
    const hit = staticNums.size === 0 && staticNames.length === 0 ? fastMatch(args) : null;
    if (hit !== null) {
      info.hits++;
      return runConcrete(
        hit,
        args.map((a) => (a as ConcreteArray).data),
      );
    }
    const [entry, leaves] = entryFor(args);
    // Arrays on a tfjs device: the same cached jaxpr, run by that device's executor.
    const dev = entry.concreteConsts ? tfjsDeviceOf(entry.consts, leaves, name) : null;
    if (dev !== null) return unflatten(entry.outDef, runJitOnDevice(dev, entry.call.jaxpr, entry.consts, leaves));
    const prog = entry.program;
    if (prog !== null && leaves.every((l) => l instanceof ConcreteArray)) {
      if (staticNums.size === 0 && staticNames.length === 0 && args.every((a) => a instanceof ConcreteArray) && leaves.length === args.length) {
        fast = { avals: leaves.map((l) => l.aval), entry };
      }
      return runConcrete(
        entry,
        leaves.map((l) => (l as ConcreteArray).data),
      );
    }
    // Inside a transformation: a jit_call equation that each interpreter handles.
    const outs = bind(jitCallP, [...entry.consts, ...leaves], { call: entry.call });
    return unflatten(entry.outDef, outs);
  }) as unknown as JittedFunction<F>;

  jitted.cacheInfo = () => ({ ...info, size: cache.size, maxSize });
  jitted.clearCache = () => {
    for (const e of cache.values()) releaseDeviceConstants(e.consts);
    cache.clear();
    fast = null;
  };
  jitted.lower = (...args: unknown[]) => {
    const [entry] = entryFor(args);
    if (entry.program === null) throw new Error(`jit(${name}).lower: the function closes over traced values or arrays on a tfjs device; lower it outside transformations, for cpu arrays`);
    const prog = entry.program;
    return {
      inAvals: prog.inAvals,
      outAvals: prog.outAvals,
      source: prog.source,
      jaxpr: printJaxpr(entry.call.jaxpr, entry.consts.length),
      runInto: prog.runInto,
      run: prog.run,
      describe: prog.describe,
    };
  };
  return jitted;
}

/** Forget object identities used in static-argument keys (for tests). */
export function resetStaticKeys(): void {
  objectIds = new WeakMap();
  nextObjectId = 0;
}
