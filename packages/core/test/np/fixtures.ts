/**
 * Reading the NumPy fixtures written by scripts/numpy/make-fixtures.py and comparing results.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type Array, ConcreteArray } from "../../src/index.js";
import { type DType, allocate } from "../../src/core/dtype.js";

/** An encoded array (NaN and ±inf as strings). */
export interface Enc {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}

/** An encoded argument: an array, a list of arrays, a weak JS number, or null. */
export type EncArg = Enc | Enc[] | number | string | null;

/** One fixture case. */
export interface Case {
  fn: string;
  args: EncArg[];
  kwargs: Record<string, unknown>;
  expected: Enc | Enc[];
}

/** Load `fixtures/numpy/<name>.json`. */
export function load(name: string): Case[] {
  const path = fileURLToPath(new URL(`../fixtures/numpy/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")).cases as Case[];
}

/** A fixture number ("NaN", "Infinity", "-Infinity" or a number). */
export function num(v: number | string): number {
  return typeof v === "string" ? Number(v) : v;
}

/** Decode an array. */
export function dec(e: Enc): ConcreteArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = num(v)));
  return new ConcreteArray(data, e.shape, e.dtype);
}

function isEnc(x: unknown): x is Enc {
  return typeof x === "object" && x !== null && !globalThis.Array.isArray(x) && "dtype" in x;
}

/** Decode an argument: arrays become strong arrays, numbers stay JS numbers (weak). */
export function decArg(a: EncArg): Array | Array[] | number | undefined {
  if (a === null) return undefined;
  if (typeof a === "number" || typeof a === "string") return num(a);
  if (globalThis.Array.isArray(a)) return a.map(dec);
  if (isEnc(a)) return dec(a);
  throw new Error(`bad fixture argument ${JSON.stringify(a)}`);
}

/** A short description of a case for test names. */
export function describeCase(c: Case, i: number): string {
  const shapes = c.args.map((a) => (isEnc(a) ? `[${a.shape}]${a.dtype}` : globalThis.Array.isArray(a) ? `${a.length} arrays` : String(a)));
  const kw = Object.keys(c.kwargs).length > 0 ? ` ${JSON.stringify(c.kwargs)}` : "";
  return `#${i} ${c.fn}(${shapes.join(", ")})${kw}`;
}

/** Tolerances: relative for floats (integers and booleans are always compared exactly). */
export interface Tol {
  rtol?: number;
  atol?: number;
}

/**
 * Check `got` against an encoded NumPy result: shape and dtype exactly; integer and boolean
 * values exactly; floats to `rtol` relative (plus `atol`), NaN matching NaN and infinities
 * matching by sign. Signed zeros compare equal.
 */
export function expectMatches(got: Array, want: Enc, tol: Tol = {}, what = ""): void {
  if (!(got instanceof ConcreteArray)) throw new Error(`${what}: result is not concrete`);
  expect(got.shape, `${what}: shape`).toEqual(want.shape);
  expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
  const rtol = tol.rtol ?? (want.dtype === "float32" ? 1e-6 : 1e-14);
  const atol = tol.atol ?? 0;
  const exact = want.dtype !== "float64" && want.dtype !== "float32";
  const bad: string[] = [];
  want.data.forEach((w0, i) => {
    const w = num(w0);
    const g = got.data[i];
    let ok: boolean;
    if (Number.isNaN(w)) ok = Number.isNaN(g);
    else if (!Number.isFinite(w) || exact) ok = g === w;
    else ok = Math.abs(g - w) <= rtol * Math.abs(w) + atol;
    if (!ok && bad.length < 5) bad.push(`[${i}] got ${g}, want ${w}`);
  });
  expect(bad, `${what}: values`).toEqual([]);
}
