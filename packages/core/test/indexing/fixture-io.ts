/**
 * Decoding the NumPy fixtures written by scripts/indexing/make-fixtures.py.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Array, ConcreteArray } from "../../src/index.js";
import { type DType, allocate } from "../../src/core/dtype.js";
import { type IndexSpec, s } from "../../src/np/indexing.js";

/** An encoded array. */
export interface Enc {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}

/** An encoded index spec. */
export type EncSpec = number | "..." | { new: true } | { slice: [number | null, number | null, number | null] } | Enc;

/** Decode an array. */
export function dec(e: Enc): ConcreteArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = typeof v === "string" ? Number(v) : v));
  return new ConcreteArray(data, e.shape, e.dtype);
}

/** Decode an index spec. */
export function decSpec(sp: EncSpec): IndexSpec {
  if (typeof sp === "number" || sp === "...") return sp;
  if ("new" in sp) return null;
  if ("slice" in sp) return s(...sp.slice);
  return dec(sp);
}

/** The fixture file. */
export const FIX = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/indexing/indexing.json", import.meta.url)), "utf8"));

/** Shape and data of an array, for exact comparison. */
export function plain(x: Array): { shape: readonly number[]; data: number[] } {
  if (!(x instanceof ConcreteArray)) throw new Error("not concrete");
  return { shape: x.shape, data: globalThis.Array.from(x.data as ArrayLike<number>) };
}
