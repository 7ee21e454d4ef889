import { describe, expect, test } from "vitest";
import { essNumpyro, rhatNumpyro, splitRhatNumpyro } from "../src/index.js";
import { caseMatrix, caseNames, expectClose, numpy, posterior } from "./helpers.js";

// References: a NumPy re-implementation of numpyro.diagnostics (scripts/make-fixtures.py).
// Skipped: sets with a constant chain. NumPy's mean of such a chain is not always exactly the
// constant, so NumPy autocorrelates rounding noise where the exact answer is 0/0 = NaN (what
// Orrery returns; see the test below). "large_scale" is ill-conditioned (1e6 ± 1e-3): NumPy's own
// rounding moves n_eff by ~1e-7 there, so it is compared at 1e-6.
const SKIP = new Set(["constant", "one_constant_chain"]);
const LOOSE = new Set(["large_scale"]);

describe("NumPyro legacy diagnostics", () => {
  for (const name of caseNames) {
    if (SKIP.has(name)) continue;
    test(name, () => {
      const x = caseMatrix(posterior.cases[name]);
      const ref = numpy.cases[name];
      const rel = LOOSE.has(name) ? 1e-6 : 1e-10;
      if (x.draws >= 2) expectClose(essNumpyro(x), ref.n_eff, "n_eff", rel);
      if (x.draws >= 4) expectClose(splitRhatNumpyro(x), ref.split_r_hat, "split_gelman_rubin", rel);
      if (x.chains >= 2) expectClose(rhatNumpyro(x), ref.r_hat_nosplit, "gelman_rubin", rel);
    });
  }

  test("constant draws give NaN (0/0), as NumPyro does in exact arithmetic", () => {
    const x = caseMatrix(posterior.cases.constant);
    expect(essNumpyro(x)).toBeNaN();
    expect(splitRhatNumpyro(x)).toBeNaN();
    expect(essNumpyro(caseMatrix(posterior.cases.one_constant_chain))).toBeNaN();
    // the R-hats of a set with one constant chain are well defined
    const one = caseMatrix(posterior.cases.one_constant_chain);
    expectClose(splitRhatNumpyro(one), numpy.cases.one_constant_chain.split_r_hat, "split_gelman_rubin");
  });

  test("argument checks", () => {
    expect(() => splitRhatNumpyro([[1, 2, 3]])).toThrow(/4 draws/);
    expect(() => rhatNumpyro([[1, 2, 3]])).toThrow(/2 chains/);
    expect(() => essNumpyro([[1]])).toThrow(/2 draws/);
  });
});
