/**
 * Deterministic random test inputs, free of any test runner (the device cases bundle them
 * for the browser).
 */
import { ConcreteArray } from "../../src/index.js";
import { type DType, allocate } from "../../src/core/dtype.js";
import { shapeSize } from "../../src/core/shape.js";

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A concrete array of values drawn by `draw`. */
export function randArray(shape: number[], draw: () => number, dtype: DType = "float64"): ConcreteArray {
  const data = allocate(dtype, shapeSize(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return new ConcreteArray(data, shape, dtype);
}

/** Uniform values in [lo, hi). */
export function uniform(r: () => number, lo: number, hi: number): () => number {
  return () => lo + (hi - lo) * r();
}
