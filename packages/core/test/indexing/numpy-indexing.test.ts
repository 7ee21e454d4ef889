/**
 * Indexing, take, takeAlongAxis and functional updates against NumPy fixtures.
 */
import { describe, expect, test } from "vitest";
import "../../src/index.js";
import { array } from "../../src/np/core.js";
import { at, index, take, takeAlongAxis } from "../../src/np/indexing.js";
import { FIX, dec, decSpec, plain } from "./fixture-io.js";

describe("np.index against NumPy", () => {
  for (const c of FIX.index) {
    test(c.name, () => {
      const got = index(dec(c.x), ...c.specs.map(decSpec));
      expect(plain(got)).toEqual(plain(dec(c.expected)));
    });
  }
});

describe("np.take / takeAlongAxis against NumPy", () => {
  for (const c of FIX.take) {
    test(`take ${c.name}`, () => {
      expect(plain(take(dec(c.x), dec(c.indices), { axis: c.axis }))).toEqual(plain(dec(c.expected)));
    });
  }
  for (const c of FIX.takeAlongAxis) {
    test(`takeAlongAxis ${c.name}`, () => {
      expect(plain(takeAlongAxis(dec(c.x), dec(c.indices), c.axis))).toEqual(plain(dec(c.expected)));
    });
  }
});

describe("np.at updates against NumPy", () => {
  for (const c of FIX.addAt) {
    test(`add ${c.name} (np.add.at)`, () => {
      const got = at(dec(c.x), ...c.specs.map(decSpec)).add(dec(c.values));
      const want = plain(dec(c.expected));
      const g = plain(got);
      expect(g.shape).toEqual(want.shape);
      g.data.forEach((v, i) => expect(v).toBeCloseTo(want.data[i], 12));
    });
  }
  for (const c of FIX.set) {
    test(`set ${c.name}`, () => {
      expect(plain(at(dec(c.x), ...c.specs.map(decSpec)).set(dec(c.values)))).toEqual(plain(dec(c.expected)));
    });
  }
});

describe("out-of-bounds indices (JAX's rules)", () => {
  const x = array([0, 1, 2, 3, 4]);
  test("reads clamp", () => {
    expect(plain(index(x, array([7, -9, 2], "int32")))).toEqual({ shape: [3], data: [4, 0, 2] });
    expect(plain(take(x, [9]))).toEqual({ shape: [1], data: [4] });
  });
  test("updates drop", () => {
    expect(plain(at(x, [0, 7, -9]).set(array([10, 11, 12])))).toEqual({ shape: [5], data: [10, 1, 2, 3, 4] });
    expect(plain(at(x, array([[5, 1], [1, -6]], "int32")).add(1))).toEqual({ shape: [5], data: [0, 3, 2, 3, 4] });
    const m = array([[1, 2], [3, 4]]);
    expect(plain(at(m, [0, 2], [1, 0]).mul(10))).toEqual({ shape: [2, 2], data: [1, 20, 3, 4] });
  });
  test("static integers out of range raise", () => {
    expect(() => index(x, 5)).toThrow(/out of bounds/);
    expect(() => at(x, -6).set(1)).toThrow(/out of bounds/);
    expect(() => index(x, 0, 0)).toThrow(/too many indices/);
  });
});
