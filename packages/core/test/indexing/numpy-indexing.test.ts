/**
 * Indexing, take, takeAlongAxis and functional updates against NumPy fixtures.
 */
import { describe, expect, test } from "vitest";
import "../../src/index.js";
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
