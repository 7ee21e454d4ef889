/**
 * Which primitives a tfjs device runs through Orrery's CPU kernel although they have a tfjs
 * lowering rule. Some rules compose hundreds of tfjs ops (fixed-depth series and continued
 * fractions, Cholesky and LU column by column): on a GPU that keeps the data on the device, but
 * where tfjs keeps tensors in host memory (its `cpu` and `wasm` backends) the CPU kernel is
 * faster, at the cost of one copy each way. The defaults are what `bench/device-rules` measured
 * (the table is in `@orrery/backend-wasm`'s README).
 */
import { registeredPrimitives } from "../../core/primitive.js";
import { type TfjsDevice, getTfjsDevice } from "./device.js";

/**
 * The defaults by tfjs backend (`bench/device-rules`, 1,000 and 100,000 elements, 100 16×16 and
 * one 128×128 matrix). tfjs's `cpu` backend runs each op as a JS loop over its whole operand:
 * every multi-op rule measured 2–260× slower there than the CPU kernel. On `wasm` the rules kept
 * are those faster at 100,000 elements (erfc 0.73×, ndtri 0.21×, erf_inv 0.22×, i0e 0.52×,
 * i1e 0.59×, betaincinv 0.72× the CPU kernel's time); the ones listed were 1.0–136× slower.
 * On `webgl` (measured in headless Chromium on SwiftShader, software GL, operands fresh from a GPU
 * kernel, result read back) the factorisations' rules, 400–10,500 kernels per call, took 33–230×
 * the CPU kernel's round trip for 100 16×16 and one 128×128 matrix; with a GPU each kernel launch
 * costs tens of µs, so at these sizes the round trip should win there too. The special functions
 * run as single GLSL kernels on webgl (webgl-kernels.ts).
 */
const DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  cpu: [
    ...["lgamma", "digamma", "polygamma", "erfc", "ndtr", "log_ndtr", "erf_inv", "ndtri", "bessel_i0e", "bessel_i1e"],
    ...["igamma", "igammac", "igamma_grad_a", "random_gamma_grad", "betainc", "betaincinv"],
    ...["cholesky", "triangular_solve", "lu"],
  ],
  wasm: [
    ...["lgamma", "digamma", "polygamma", "ndtr", "log_ndtr"],
    ...["igamma", "igammac", "igamma_grad_a", "random_gamma_grad", "betainc"],
    ...["cholesky", "triangular_solve", "lu"],
  ],
  webgl: ["cholesky", "triangular_solve", "lu"],
};

const chosen = new Map<string, ReadonlySet<string>>();
const defaults = new Map<string, ReadonlySet<string>>();

function setFor(dev: TfjsDevice): ReadonlySet<string> {
  const own = chosen.get(dev.name);
  if (own !== undefined) return own;
  let d = defaults.get(dev.backend);
  if (d === undefined) defaults.set(dev.backend, (d = new Set(DEFAULTS[dev.backend] ?? [])));
  return d;
}

/** Whether `dev` runs `name` through its CPU kernel rather than its tfjs rule. */
export function prefersCpuKernel(dev: TfjsDevice, name: string): boolean {
  return setFor(dev).has(name);
}

/**
 * Get or set which primitives the tfjs device `device` runs through Orrery's CPU kernel
 * (download, CPU, upload) instead of its tfjs lowering rule; `"default"` restores the default.
 * Returns the list in force before the call, sorted. By default tfjs-cpu and wasm run the
 * special functions and factorisations whose rules `bench/device-rules` measured slower than
 * the CPU kernel there, and webgl the factorisations (`cholesky`, `triangular_solve`, `lu`),
 * whose rules are thousands of GPU kernels. Results agree either way to
 * float32 tolerances; `tfjsFallbackCounts()` counts the CPU kernel calls.
 *
 * @example
 * ```ts
 * import "@orrery/backend-wasm";
 * tfjsCpuKernels("wasm").includes("lu");          // true
 * const before = tfjsCpuKernels("wasm", []);      // every rule as tfjs ops (to test them)
 * tfjsCpuKernels("wasm", before);                 // back as it was
 * tfjsCpuKernels("wasm", "default");
 * ```
 */
export function tfjsCpuKernels(device: string, names?: readonly string[] | "default"): string[] {
  const dev = getTfjsDevice(device, "tfjsCpuKernels");
  const before = [...setFor(dev)].sort();
  if (names === "default") chosen.delete(dev.name);
  else if (names !== undefined) {
    if (!globalThis.Array.isArray(names)) throw new Error(`tfjsCpuKernels: names must be an array of primitive names or "default", got ${String(names)}`);
    const known = registeredPrimitives();
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) throw new Error(`tfjsCpuKernels: unknown primitive${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => JSON.stringify(n)).join(", ")}`);
    chosen.set(dev.name, new Set(names));
  }
  return before;
}
