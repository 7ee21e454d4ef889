/**
 * Shared helpers of the linear-algebra tests: fixtures, closeness checks, finite differences.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { type DType, allocate } from "../../src/core/dtype.js";
import { shapeSize } from "../../src/core/shape.js";
import { reshape } from "../../src/primitives/shape-ops.js";
import { concatenate, slice } from "../../src/primitives/slicing.js";

/** An array as stored by scripts/linalg/make-fixtures.py. */
export interface Enc {
  shape: number[];
  dtype: "float64" | "int32";
  data: number[];
}

/** The fixtures of scripts/linalg/make-fixtures.py. */
export const fixtures: Record<string, any[]> = JSON.parse(
  readFileSync(new URL("../fixtures/linalg/linalg.json", import.meta.url), "utf8"),
);

/** Decode a fixture array. */
export function dec(e: Enc): ConcreteArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = v));
  return new ConcreteArray(data, e.shape, e.dtype);
}

/** A concrete float64 array with given shape and values from `f(i)`. */
export function arr(shape: number[], f: (i: number) => number, dtype: DType = "float64"): ConcreteArray {
  const n = shapeSize(shape);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = f(i);
  return new ConcreteArray(data, shape, dtype);
}

/** Deterministic pseudo-random values in (-1, 1). */
export function rand(shape: number[], seed = 1): ConcreteArray {
  let s = seed * 7919 + 17;
  return arr(shape, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

/** A well-conditioned symmetric positive definite matrix batch `[..., n, n]`. */
export function spd(lead: number[], n: number, seed = 3): ConcreteArray {
  const a = rand([...lead, n, n], seed);
  const nb = shapeSize(lead);
  const out = new Float64Array(nb * n * n);
  for (let b = 0; b < nb; b++) {
    const o = b * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = i === j ? n : 0;
        for (let k = 0; k < n; k++) s += a.data[o + i * n + k] * a.data[o + j * n + k];
        out[o + i * n + j] = s;
      }
    }
  }
  return new ConcreteArray(out, [...lead, n, n], "float64");
}

/** Data of a concrete array. */
export function values(x: Array | unknown): number[] {
  if (!(x instanceof ConcreteArray)) throw new Error(`expected a concrete array, got ${String(x)}`);
  return globalThis.Array.from(x.data);
}

/** Expect `x` to have `shape` and values close to `want` (relative + absolute tolerance). */
export function expectClose(x: Array, want: Enc | ConcreteArray | number[], tol = 1e-10, shape?: readonly number[]): void {
  const c = x as ConcreteArray;
  const w = globalThis.Array.isArray(want) ? want : want instanceof ConcreteArray ? globalThis.Array.from(want.data) : want.data;
  const ws = globalThis.Array.isArray(want) ? shape : want instanceof ConcreteArray ? want.shape : want.shape;
  if (ws !== undefined) expect([...c.shape]).toEqual([...ws]);
  const got = values(c);
  expect(got.length).toBe(w.length);
  for (let i = 0; i < w.length; i++) {
    const ok = (Number.isNaN(w[i]) && Number.isNaN(got[i])) || Math.abs(got[i] - w[i]) <= tol * (1 + Math.abs(w[i]));
    if (!ok) throw new Error(`element ${i}: got ${got[i]}, want ${w[i]} (tol ${tol}); got [${got.slice(0, 12)}], want [${w.slice(0, 12)}]`);
  }
}

/**
 * Central finite-difference Jacobian of `f` at `x` (float64): shape `[...out, ...in]`, as
 * `jacfwd` would give.
 */
export function numJac(f: (x: ConcreteArray) => Array, x: ConcreteArray, eps = 1e-6): ConcreteArray {
  const y0 = f(x) as ConcreteArray;
  const nIn = x.size;
  const nOut = y0.size;
  const out = new Float64Array(nOut * nIn);
  for (let j = 0; j < nIn; j++) {
    const plus = new Float64Array(x.data as Float64Array);
    const minus = new Float64Array(x.data as Float64Array);
    plus[j] += eps;
    minus[j] -= eps;
    const yp = f(new ConcreteArray(plus, x.shape, "float64")) as ConcreteArray;
    const ym = f(new ConcreteArray(minus, x.shape, "float64")) as ConcreteArray;
    for (let i = 0; i < nOut; i++) out[i * nIn + j] = (yp.data[i] - ym.data[i]) / (2 * eps);
  }
  return new ConcreteArray(out, [...y0.shape, ...x.shape], "float64");
}

/** Slice i of `x` along `axis`, with that axis removed. */
export function take(x: Array, axis: number, i: number): Array {
  const start = x.shape.map((_, k) => (k === axis ? i : 0));
  const limit = x.shape.map((d, k) => (k === axis ? i + 1 : d));
  return reshape(slice(x, start, limit), x.shape.filter((_, k) => k !== axis));
}

/** Stack arrays along a new axis. */
export function stack(xs: Array[], axis: number): Array {
  return concatenate(
    xs.map((x) => reshape(x, [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)])),
    axis,
  );
}

