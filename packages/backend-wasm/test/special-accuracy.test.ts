/**
 * The special-function kernels of the tfjs devices against the CPU's float64 kernels, on
 * `wasm` and `tfjs-cpu`, over the arguments of core's SciPy/mpmath fixtures (rounded to float32)
 * and dense grids: float32-level relative error, the same ±∞/NaN. The lowering rules run even
 * where the device would use the CPU kernel by default (`tfjsCpuKernels(device, [])`).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import "@orrery/backend-tfjs-cpu";
import { type Array, ConcreteArray, devicePut, np, special, tfjsCpuKernels } from "@orrery/core";
import * as k from "../../core/src/special/scalar/index.js";
import { ready } from "../src/index.js";

await ready();

const FIXTURES = new URL("../../core/test/fixtures/special/", import.meta.url);
const decode = (v: number | string): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));
const fixture = (name: string): number[] => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")).args.map((a: (number | string)[]) => decode(a[a.length - 1]));
const grid = (lo: number, hi: number, n: number): number[] => globalThis.Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const logGrid = (lo: number, hi: number, n: number): number[] => grid(Math.log10(lo), Math.log10(hi), n).map((v) => 10 ** v);
const MIN_NORMAL = 1.1754943508222875e-38;

// name, device function, CPU float64 kernel, arguments, whether relative accuracy holds everywhere
// (lgamma and digamma lose it next to their zeros on the negative axis: there the error is
// measured against max(|f|, 1)).
const FUNCTIONS: [string, (x: Array) => Array, (x: number) => number, number[], boolean][] = [
  ["erfc", special.erfc, k.erfc, [...fixture("erfc"), ...grid(-12, 12, 2001), ...logGrid(1e-30, 1, 100).flatMap((v) => [v, -v])], true],
  ["ndtr", special.ndtr, k.ndtr, [...fixture("ndtr"), ...grid(-15, 10, 2001)], true],
  ["logNdtr", special.logNdtr, k.logNdtr, [...fixture("log_ndtr"), ...grid(-40, 12, 2001), ...logGrid(1, 1e19, 100).map((v) => -v)], true],
  ["ndtri", special.ndtri, k.ndtri, [...fixture("ndtri"), ...grid(0, 1, 2001), ...logGrid(1e-45, 0.5, 200), ...logGrid(1e-7, 0.5, 200).map((v) => 1 - v)], true],
  ["erfinv", special.erfinv, k.erfinv, [...fixture("erfinv"), ...grid(-1, 1, 2001), ...logGrid(1e-40, 1, 200), ...logGrid(1e-7, 1, 200).map((v) => 1 - v)], true],
  ["gammaln", special.gammaln, k.lgamma, [...fixture("lgamma"), ...grid(-20, 20, 4001), ...logGrid(1e-40, 1e38, 200)], false],
  ["digamma", special.digamma, k.digamma, [...fixture("digamma"), ...grid(-20, 20, 4001), ...logGrid(1e-40, 1e38, 200)], false],
  ["i0e", special.i0e, k.i0e, [...fixture("i0e"), ...grid(-50, 50, 2001), ...logGrid(1e-30, 1e38, 150)], true],
  ["i1e", special.i1e, k.i1e, [...fixture("i1e"), ...grid(-50, 50, 2001), ...logGrid(1e-30, 1e38, 150)], true],
  ["cbrt", np.cbrt, Math.cbrt, [...grid(-100, 100, 1001), ...logGrid(1e-45, 3e38, 200).flatMap((v) => [v, -v]), 0, -0, Infinity, -Infinity, NaN], true],
  ["exp10", special.exp10, (x) => 10 ** x, [...grid(-46, 39, 2001), Infinity, -Infinity, NaN, 1, 2, 3, 10, 38, -38], true],
];

for (const device of ["wasm", "tfjs-cpu"]) {
  beforeAll(() => void tfjsCpuKernels(device, []));
  afterAll(() => void tfjsCpuKernels(device, "default"));
  for (const [name, f, ref, args, relative] of FUNCTIONS) {
    it(`${device}: ${name} within 1e-6 of the CPU's float64 kernel`, () => {
      const xs = Float32Array.from(args);
      const got = (f(devicePut(new ConcreteArray(xs, [xs.length], "float32"), device)) as unknown as { toTypedArray(): Float32Array }).toTypedArray();
      const wrong: string[] = [];
      for (let i = 0; i < xs.length; i++) {
        const want = ref(xs[i]);
        const want32 = Math.fround(want);
        if (!Number.isFinite(want32)) {
          if (!(got[i] === want32 || (Number.isNaN(got[i]) && Number.isNaN(want32)))) wrong.push(`${name}(${xs[i]}) = ${got[i]}, cpu ${want32}`);
          continue;
        }
        const scale = relative || xs[i] > 0 ? Math.max(Math.abs(want), MIN_NORMAL) : Math.max(Math.abs(want), 1);
        if (!(Math.abs(got[i] - want) <= 1e-6 * scale)) wrong.push(`${name}(${xs[i]}) = ${got[i]}, cpu ${want}`);
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    });
  }
}
