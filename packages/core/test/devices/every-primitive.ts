/**
 * Every registered primitive on a tfjs device, free of any test runner (the browser test bundles
 * it): the example invocations of test/primitives/cases.ts, with float64 made float32, run
 * eagerly and under `jit` on the device and compared with the CPU on the same float32 inputs,
 * and again with the float operands made int32, and bool, wherever the primitive takes them.
 * Integer, bool and uint32 results must match exactly; floats within float32 tolerances.
 * A primitive that runs its CPU implementation on the device (a fallback) is checked the same
 * way: the transfers must give the CPU's values.
 */
import { type Array, ConcreteArray, devicePut, jit, registeredPrimitives } from "../../src/index.js";
import { bind } from "../../src/core/trace.js";
import { type Primitive } from "../../src/core/primitive.js";
import { CHECKED_ELSEWHERE, PRIMITIVE_CASES } from "../primitives/cases.js";
import { rng } from "../helpers/random-arrays.js";

/** One failed comparison: the primitive, the case and what differed. */
export interface PrimitiveMismatch {
  name: string;
  what: string;
}

/** Float tolerances per primitive where float32 evaluation loses more than the default. */
const TOLERANCE: Record<string, { rtol: number; atol: number }> = {
  // The CPU's float32 kernels compute in float64 and round once; tfjs accumulates in float32.
  cumprod: { rtol: 1e-4, atol: 1e-5 },
  reduce_prod: { rtol: 1e-4, atol: 1e-5 },
  pow: { rtol: 1e-4, atol: 1e-5 },
  // Factorizations and solves amplify rounding by the condition number.
  cholesky: { rtol: 1e-3, atol: 1e-4 },
  triangular_solve: { rtol: 1e-3, atol: 1e-4 },
  lu: { rtol: 1e-3, atol: 1e-4 },
  betaincinv: { rtol: 1e-3, atol: 1e-5 },
  random_gamma_grad: { rtol: 1e-3, atol: 1e-5 },
  igamma_grad_a: { rtol: 1e-3, atol: 1e-5 },
};
const DEFAULT_TOLERANCE = { rtol: 2e-5, atol: 2e-6 };

/** `params` with every "float64" dtype made "float32" (plain data only). */
function toFloat32Params(p: unknown): unknown {
  if (p === "float64") return "float32";
  if (globalThis.Array.isArray(p)) return p.map(toFloat32Params);
  if (p !== null && typeof p === "object" && Object.getPrototypeOf(p) === Object.prototype) {
    return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, toFloat32Params(v)]));
  }
  return p;
}

function toFloat32(x: ConcreteArray): ConcreteArray {
  return x.dtype === "float64" ? new ConcreteArray(Float32Array.from(x.data as Float64Array), x.shape, "float32", x.weakType) : x;
}

/** Float operands as int32 (values × 3, rounded: small integers of both signs and zeros). */
function toInt32(x: ConcreteArray): ConcreteArray {
  if (x.dtype !== "float64") return x;
  return new ConcreteArray(Int32Array.from(x.data as Float64Array, (v) => Math.round(v * 3)), x.shape, "int32", x.weakType);
}

/** Float operands as bool (positive values are true). */
function toBool(x: ConcreteArray): ConcreteArray {
  if (x.dtype !== "float64") return x;
  return new ConcreteArray(Uint8Array.from(x.data as Float64Array, (v) => (v > 0 ? 1 : 0)), x.shape, "bool", x.weakType);
}

/** The case's inputs in each dtype the primitive takes: float32, and int32 and bool where it accepts them. */
function inputVariants(prim: Primitive<any>, xs: ConcreteArray[], params: unknown): [string, ConcreteArray[], unknown][] {
  const p32 = toFloat32Params(params);
  const out: [string, ConcreteArray[], unknown][] = [["float32", xs.map(toFloat32), p32]];
  if (!xs.some((x) => x.dtype === "float64")) return out;
  for (const [dtype, convert] of [["int32", toInt32], ["bool", toBool]] as const) {
    const ys = xs.map(convert);
    try {
      prim.abstractEval(ys.map((x) => x.aval), p32);
    } catch {
      continue; // the primitive does not take this dtype
    }
    try {
      bind(prim, ys, p32);
    } catch {
      continue; // the CPU implementation refuses it too (reduce_sum of bool)
    }
    out.push([dtype, ys, p32]);
  }
  return out;
}

function compare(name: string, got: Array, want: ConcreteArray, device: string, tol: { rtol: number; atol: number }): string | null {
  if (got.device !== device) return `on ${got.device}, not ${device}`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, cpu gives ${want.dtype}`;
  if (got.shape.join(",") !== want.shape.join(",")) return `shape [${got.shape}], cpu gives [${want.shape}]`;
  const g = (devicePut(got, "cpu") as ConcreteArray).data;
  const w = want.data;
  const exact = want.dtype !== "float32";
  for (let i = 0; i < w.length; i++) {
    const a = Number(g[i]);
    const b = Number(w[i]);
    if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) continue;
    if (exact || !(Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b))) return `element ${i}: ${a} on ${device}, ${b} on cpu (${name})`;
  }
  return null;
}

/** The primitives whose cases this checks (every registered one with example cases). */
export function primitivesWithCases(): string[] {
  return [...registeredPrimitives().keys()].filter((n) => n in PRIMITIVE_CASES && !(n in CHECKED_ELSEWHERE)).sort();
}

/**
 * Run primitive `name`'s example cases on `device`, eagerly and jitted, against the CPU.
 * Returns the mismatches (empty when all agree); device arrays made here are disposed.
 * `floor` raises the float tolerances for a device whose own arithmetic is less accurate
 * (GLSL's sin/cos on webgl).
 *
 * @example
 * ```ts
 * checkPrimitiveOnDevice("wasm", "lgamma"); // []
 * ```
 */
export function checkPrimitiveOnDevice(device: string, name: string, floor = { rtol: 0, atol: 0 }): PrimitiveMismatch[] {
  const prim = registeredPrimitives().get(name);
  if (prim === undefined) return [{ name, what: "not registered" }];
  const own = TOLERANCE[name] ?? DEFAULT_TOLERANCE;
  const tol = { rtol: Math.max(own.rtol, floor.rtol), atol: Math.max(own.atol, floor.atol) };
  const out: PrimitiveMismatch[] = [];
  PRIMITIVE_CASES[name].forEach((c, i) => {
    for (const [dtype, xs, params] of inputVariants(prim, c.args(rng(1000 + i * 7 + name.length)), c.params)) {
      const want = bind(prim, xs, params) as ConcreteArray[];
      const moved = xs.map((x) => devicePut(x, device));
      const runs: [string, () => Array[]][] = [
        ["eager", () => bind(prim, moved, params)],
        ["jit", () => jit((...a: Array[]) => bind(prim, a, params))(...moved) as Array[]],
      ];
      for (const [how, run] of runs) {
        let got: Array[] = [];
        try {
          got = run();
          got.forEach((g, k) => {
            const bad = compare(name, g, want[k], device, tol);
            if (bad !== null) out.push({ name, what: `case ${i} (${dtype}), ${how}, output ${k}: ${bad}` });
          });
        } catch (e) {
          out.push({ name, what: `case ${i} (${dtype}), ${how}: threw ${(e as Error).message}` });
        } finally {
          for (const g of got) g.dispose();
        }
      }
      for (const m of moved) m.dispose();
    }
  });
  return out;
}
