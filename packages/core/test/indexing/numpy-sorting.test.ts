/**
 * sort, argsort, lexsort, searchsorted and unique against NumPy fixtures.
 */
import { describe, expect, test } from "vitest";
import { grad, vmap } from "../../src/index.js";
import { array } from "../../src/np/core.js";
import { argsort, lexsort, searchsorted, sort, unique } from "../../src/np/sorting.js";
import { FIX, dec, plain } from "./fixture-io.js";

const nanEq = (a: number[], b: number[]) => expect(a.map(String)).toEqual(b.map(String));

describe("sorting against NumPy", () => {
  for (const c of FIX.sort) {
    test(`sort/argsort ${c.name}`, () => {
      const x = dec(c.x);
      const got = plain(sort(x, { axis: c.axis }));
      const want = plain(dec(c.sorted));
      expect(got.shape).toEqual(want.shape);
      nanEq(got.data, want.data);
      expect(plain(argsort(x, { axis: c.axis }))).toEqual(plain(dec(c.argsort)));
    });
  }
  test("lexsort", () => {
    for (const c of FIX.lexsort) expect(plain(lexsort(c.keys.map(dec)))).toEqual(plain(dec(c.expected)));
  });
  for (const [i, c] of FIX.searchsorted.entries()) {
    test(`searchsorted #${i} (${c.side})`, () => {
      expect(plain(searchsorted(dec(c.a), dec(c.v), { side: c.side }))).toEqual(plain(dec(c.expected)));
    });
  }
  for (const c of FIX.unique) {
    test(`unique ${c.name}`, () => {
      const x = dec(c.x);
      const r = unique(x, { returnIndex: true, returnInverse: true, returnCounts: true });
      nanEq(plain(r.values).data, plain(dec(c.values)).data);
      expect(plain(r.indices!).data).toEqual(plain(dec(c.index)).data);
      expect(r.inverse!.shape).toEqual(x.shape);
      expect(plain(r.inverse!).data).toEqual(plain(dec(c.inverse)).data);
      expect(plain(r.counts!).data).toEqual(plain(dec(c.counts)).data);
      nanEq(plain(unique(x)).data, plain(dec(c.values)).data);
    });
  }
});

describe("sorting under transformations", () => {
  test("unique rejects tracers with a clear error", () => {
    expect(() => grad((x: any) => unique(x).sum())(array([1, 2]))).toThrow(/concrete array/);
    expect(() => vmap((x: any) => unique(x))(array([[1, 2]]))).toThrow(/np.unique outside/);
  });
  test("searchsorted under vmap", () => {
    const a = array([0, 1, 2, 3]);
    const got = vmap((v: any) => searchsorted(a, v))(array([[0.5, 2], [3, -1]]));
    expect(plain(got)).toEqual({ shape: [2, 2], data: [1, 2, 3, 0] });
  });
});
