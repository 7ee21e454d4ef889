import { describe, expect, test } from "vitest";
import { hdi } from "../src/index.js";
import { caseMatrix, caseNames, expectClose, numpy, posterior } from "./helpers.js";

// References: ArviZ's _hdi and NumPyro's hpdi re-implemented in NumPy (scripts/make-fixtures.py).
describe("hdi", () => {
  for (const name of caseNames) {
    test(name, () => {
      const x = caseMatrix(posterior.cases[name]);
      const ref = numpy.cases[name];
      numpy.hdi_probs.forEach((p, i) => {
        const [lo, hi] = hdi(x, p);
        const a = ref.hdi[i];
        const b = ref.hpdi[i];
        if (a === null || b === null) {
          expect(lo).toBeNaN();
          expect(hi).toBeNaN();
          return;
        }
        expectClose(lo, a[0], `hdi(${p}) lower`, 0);
        expectClose(hi, a[1], `hdi(${p}) upper`, 0);
        expectClose(lo, b[0], `hpdi(${p}) lower`, 0);
        expectClose(hi, b[1], `hpdi(${p}) upper`, 0);
      });
    });
  }

  test("small example and errors", () => {
    expect(hdi([[0.1, -0.4, 1.3], [0.2, 0.0, -2.5]], 0.5)).toEqual([-0.4, 0.2]);
    expect(hdi([0, 1, 1.1, 1.2, 5], 0.5)).toEqual([1, 1.2]);
    expect(() => hdi([1, 2, 3], 1.5)).toThrow(/prob/);
    expect(() => hdi([], 0.5)).toThrow(/too few/);
  });
});
