import { describe, expect, test } from "vitest";
import { eti, mad, median, quantile, quantileSorted } from "../src/index.js";
import { caseMatrix, caseNames, expectClose, numpy, posterior } from "./helpers.js";

describe("equal-tailed intervals match NumPy's quantile (linear)", () => {
  for (const name of caseNames) {
    test(name, () => {
      const x = caseMatrix(posterior.cases[name]);
      numpy.eti_probs.forEach((p, i) => {
        const ref = numpy.cases[name].eti[i];
        const [lo, hi] = eti(x, p);
        if (ref === null) {
          expect(lo).toBeNaN();
          return;
        }
        expectClose(lo, ref[0], `eti(${p}) lower`, 1e-12);
        expectClose(hi, ref[1], `eti(${p}) upper`, 1e-12);
      });
      expectClose(median(x), numpy.cases[name].median, "median");
    });
  }
});

describe("R's nine quantile types", () => {
  for (const [name, { values }] of Object.entries(posterior.quantile_types)) {
    test(name, () => {
      const x = caseMatrix(posterior.cases[name]);
      values.forEach((ref, t) => {
        const q = quantile(x, posterior.probs, { type: (t + 1) as 1 });
        posterior.probs.forEach((p, i) => expectClose(q[i], ref[i], `type ${t + 1} p=${p}`, 1e-12));
      });
    });
  }
  test("bad type", () => {
    expect(() => quantile([1, 2], [0.5], { type: 10 as 1 })).toThrow(/type/);
  });
});

test("type-7 quantiles, median and mad", () => {
  expect(quantile([[1, 2], [3, 4]], [0.05, 0.5, 0.95]).map((v) => +v.toFixed(12))).toEqual([1.15, 2.5, 3.85]);
  expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(quantileSorted([1, 2, 2, 4], 0.5)).toBe(2);
  expect(quantileSorted([], 0.5)).toBeNaN();
  expect(quantileSorted([1, NaN], 0.5)).toBeNaN();
  expect(() => quantileSorted([1, 2], 1.2)).toThrow(/outside/);
  expect(median([[1, 9], [3, 4]])).toBe(3.5);
  expect(mad([[1, 2, 3, 4, 100]])).toBeCloseTo(1.4826, 15);
  expect(eti([[1, 2, 3, 4, 5]], 0.5)).toEqual([2, 4]);
});
