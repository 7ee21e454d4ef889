import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  bitsToUniform32,
  bitsToUniform64,
  keyFromSeed,
  randomBits,
  uniformFloat32,
  uniformFloat64,
  uniformFromBits32,
  uniformFromBits64,
} from "../../src/random/kernels/index.js";

interface UniformBits {
  bits32: number[];
  uniform32: number[];
  scaled32: [number, number, number[]][];
  bits64: [number, number][];
  uniform64: number[];
  scaled64: [number, number, number[]][];
}

const ref: { uniformBits: UniformBits } = JSON.parse(
  readFileSync(new URL("../fixtures/random/sampler-reference.json", import.meta.url), "utf8"),
);
const ub = ref.uniformBits;

describe("bits to uniform floats, against NumPy's view-based computation", () => {
  test("bitsToUniform32", () => {
    ub.bits32.forEach((b, i) => expect(bitsToUniform32(b)).toBe(ub.uniform32[i]));
  });

  test("bitsToUniform64", () => {
    ub.bits64.forEach(([hi, lo], i) => expect(bitsToUniform64(hi, lo)).toBe(ub.uniform64[i]));
  });

  test("uniformFromBits32 scales in float32 arithmetic", () => {
    for (const [lo, hi, expected] of ub.scaled32) {
      expect(Array.from(uniformFromBits32(new Uint32Array(ub.bits32), lo, hi))).toEqual(expected);
    }
  });

  test("uniformFromBits64 scales in float64 arithmetic", () => {
    const words = new Uint32Array(ub.bits64.flat());
    for (const [lo, hi, expected] of ub.scaled64) {
      expect(Array.from(uniformFromBits64(words, lo, hi))).toEqual(expected);
    }
  });
});

describe("uniformFloat32 / uniformFloat64", () => {
  test("are the bits of randomBits turned into floats", () => {
    const key = keyFromSeed(77);
    for (const partitionable of [true, false]) {
      const o = { partitionable };
      expect(uniformFloat32(key, 9, -1, 3, o)).toEqual(uniformFromBits32(randomBits(key, 32, 9, o), -1, 3));
      expect(uniformFloat64(key, 9, -1, 3, o)).toEqual(uniformFromBits64(randomBits(key, 64, 9, o), -1, 3));
    }
  });

  test("stay in [minval, maxval) and float32 results are float32 values", () => {
    const key = keyFromSeed(78);
    const a = uniformFloat32(key, 10_000, 0.1, 0.2);
    const b = uniformFloat64(key, 10_000, -5, -4);
    for (const x of a) expect(x >= Math.fround(0.1) && x < Math.fround(0.2)).toBe(true);
    for (const x of b) expect(x >= -5 && x < -4).toBe(true);
    const m = b.reduce((s, x) => s + x, 0) / b.length;
    expect(Math.abs(m + 4.5)).toBeLessThan(0.01);
  });

  test("NaN bounds give NaN, and an empty count gives an empty array", () => {
    expect(Number.isNaN(uniformFloat64(keyFromSeed(1), 2, NaN, 1)[0])).toBe(true);
    expect(Number.isNaN(uniformFloat32(keyFromSeed(1), 2, 0, NaN)[1])).toBe(true);
    expect(uniformFloat64(keyFromSeed(1), 0).length).toBe(0);
  });
});
