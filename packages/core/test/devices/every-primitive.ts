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
/** Primitives also checked on NaN, ±∞, ±0, tiny and huge operands. */
const SPECIAL_VALUES_TOO = new Set(
  "neg sign floor ceil round is_finite abs exp exp2 exp10 log log1p expm1 sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh sqrt rsqrt cbrt logistic erf erfc erf_inv ndtr ndtri log_ndtr lgamma digamma bessel_i0e bessel_i1e add sub mul div rem pow max min atan2 eq ne lt le gt ge integer_pow reduce_sum reduce_max reduce_min reduce_prod argmax argmin cumsum cumprod cummax cummin sort select_n convert_element_type".split(" "),
);
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

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e30, 0.5, -1, 3];

/**
 * The huge special value per primitive where −1e30 is out of reach: tfjs-wasm's sin, cos and
 * tan lose all accuracy past about 1e10 (range reduction in float32), webgl's (GLSL) already
 * past 1e4 or so.
 */
const HUGE: Record<string, number> = { sin: -1000, cos: -1000, tan: -1000 };

/** Float operands with special values (NaN, ±∞, ±0, tiny, huge) in place of their values, shifted per operand. */
function withSpecials(name: string, x: ConcreteArray, k: number): ConcreteArray {
  if (x.dtype !== "float64") return x;
  const special = (i: number) => {
    const v = SPECIALS[(i + 3 * k) % SPECIALS.length];
    return v === -1e30 ? (HUGE[name] ?? v) : v;
  };
  return new ConcreteArray(Float32Array.from(x.data as Float64Array, (_v, i) => special(i)), x.shape, "float32", x.weakType);
}

/** The case's inputs in each dtype the primitive takes: float32, and int32 and bool where it accepts them. */
function inputVariants(prim: Primitive<any>, xs: ConcreteArray[], params: unknown): [string, ConcreteArray[], unknown][] {
  const p32 = toFloat32Params(params);
  const out: [string, ConcreteArray[], unknown][] = [["float32", xs.map(toFloat32), p32]];
  if (!xs.some((x) => x.dtype === "float64")) return out;
  if (SPECIAL_VALUES_TOO.has(prim.name)) out.push(["float32 special values", xs.map((x, k) => withSpecials(prim.name, x, k)), p32]);
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
  const bad: string[] = [];
  for (let i = 0; i < w.length && bad.length < 4; i++) {
    const a = Number(g[i]);
    const b = Number(w[i]);
    if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) continue;
    if (exact || !(Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b))) bad.push(`element ${i}: ${a} on ${device}, ${b} on cpu`);
  }
  return bad.length === 0 ? null : `${bad.join("; ")} (${name})`;
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
