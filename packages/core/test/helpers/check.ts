/**
 * Shared numeric checks for tests: random inputs, finite differences, comparisons.
 */
import { expect } from "vitest";
import { type Array, ConcreteArray, np } from "../../src/index.js";
import { allocate } from "../../src/core/dtype.js";

export { rng, randArray, uniform } from "./random-arrays.js";

/** The data of an array as a plain list of numbers. */
export function values(x: Array): number[] {
  if (!(x instanceof ConcreteArray)) throw new Error("values: not concrete");
  return globalThis.Array.from(x.data as ArrayLike<number>);
}

/** Assert two arrays agree in shape and elementwise within rtol/atol (NaNs must match). */
export function expectClose(actual: Array, expected: Array | number[] | number, rtol = 1e-10, atol = 0, what = ""): void {
  const a = values(actual);
  const e = typeof expected === "number" ? [expected] : globalThis.Array.isArray(expected) ? expected : values(expected);
  if (!(typeof expected === "number" || globalThis.Array.isArray(expected))) {
    expect(actual.shape, `${what} shape`).toEqual((expected as Array).shape);
  }
  expect(a.length, `${what} size`).toBe(e.length);
  let worst = 0;
  let worstI = -1;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(e[i]) || Number.isNaN(a[i])) {
      if (Number.isNaN(e[i]) !== Number.isNaN(a[i])) {
        worst = Infinity;
        worstI = i;
      }
      continue;
    }
    if (a[i] === e[i]) continue;
    const err = Math.abs(a[i] - e[i]) / (atol + rtol * Math.abs(e[i]));
    if (!(err <= 1)) {
      if (err > worst) {
        worst = err;
        worstI = i;
      }
    }
  }
  if (worstI >= 0) {
    expect.fail(`${what}: element ${worstI}: got ${a[worstI]}, expected ${e[worstI]} (rtol ${rtol}, atol ${atol}); ${a.length} elements`);
  }
}

/** Assert identical shape, dtype and bits (NaN equals NaN; +0 and -0 differ). */
export function expectBitwise(actual: Array, expected: Array, what = ""): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype);
  const a = values(actual);
  const e = values(expected);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], e[i])) expect.fail(`${what}: element ${i}: got ${a[i]}, expected ${e[i]} (bitwise)`);
  }
}

/** Elementwise x + eps * t for concrete float arrays. */
export function axpy(x: Array, t: Array, eps: number): ConcreteArray {
  const xs = values(x);
  const ts = values(t);
  const data = allocate(x.dtype, xs.length);
  for (let i = 0; i < xs.length; i++) data[i] = xs[i] + eps * ts[i];
  return new ConcreteArray(data, x.shape, x.dtype);
}

/** Inner product of two lists of arrays. */
export function dot(xs: Array[], ys: Array[]): number {
  let s = 0;
  xs.forEach((x, k) => {
    const a = values(x);
    const b = values(ys[k]);
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  });
  return s;
}

/** Central finite difference of a flat function along tangents. */
export function finiteDiff(f: (...xs: Array[]) => Array[], xs: Array[], ts: (Array | null)[], eps: number): number[][] {
  const plus = f(...xs.map((x, i) => (ts[i] ? axpy(x, ts[i]!, eps) : x)));
  const minus = f(...xs.map((x, i) => (ts[i] ? axpy(x, ts[i]!, -eps) : x)));
  return plus.map((p, k) => {
    const a = values(p);
    const b = values(minus[k]);
    return a.map((v, i) => (v - b[i]) / (2 * eps));
  });
}

export { np };
