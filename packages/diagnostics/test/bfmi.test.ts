import { describe, expect, test } from "vitest";
import { bfmi } from "../src/index.js";
import { caseMatrix, caseNames, expectClose, numpy, posterior } from "./helpers.js";

// Reference: ArviZ's _bfmi in NumPy (scripts/make-fixtures.py), applied to each draw set as if
// it were an energy trace. Skipped for constant chains, where NumPy's variance is rounding noise
// instead of 0 (E-BFMI is 0/0 there; see the NaN test below).
describe("bfmi", () => {
  for (const name of caseNames) {
    const ref = numpy.cases[name].bfmi;
    if (ref === null || ["constant", "one_constant_chain", "constant_per_chain", "large_scale"].includes(name)) continue;
    test(name, () => {
      const out = bfmi(caseMatrix(posterior.cases[name]));
      expect(out).toHaveLength(ref.length);
      out.forEach((v, c) => expectClose(v, ref[c], `bfmi chain ${c}`));
    });
  }

  test("ill-conditioned and constant energies", () => {
    const big = bfmi(caseMatrix(posterior.cases.large_scale));
    numpy.cases.large_scale.bfmi!.forEach((r, c) => expectClose(big[c], r, `large_scale chain ${c}`, 1e-8));
    const one = bfmi(caseMatrix(posterior.cases.one_constant_chain));
    expect(one[1]).toBeNaN();
    numpy.cases.one_constant_chain.bfmi!.forEach((r, c) => {
      if (c !== 1) expectClose(one[c], r, `chain ${c}`);
    });
    expect(bfmi([[1, 2, 1, 2]])).toEqual([4]);
  });
});
