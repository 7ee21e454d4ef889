import { describe, test } from "vitest";
import { mcseMean, mcseMedian, mcseQuantile, mcseSd } from "../src/index.js";
import { caseMatrix, caseNames, expectClose as close, numpy, posterior, type FixtureNumber } from "./helpers.js";

// Every draw set of scripts/make-fixtures.R against R's posterior, to 1e-10 relative (NaN where
// posterior gives NA). Raw-scale statistics of the ill-conditioned "large_scale" set (1e6 ± 1e-3):
// R rounds its chain means differently, so they agree with R only to ~1e-6 there, and are
// checked against exact rational arithmetic (make-fixtures.py) to 1e-9 instead.
const LOOSE = new Set(["rhat_basic", "rhat_basic(split=FALSE)", "ess_basic", "ess_basic(split=FALSE)", "ess_mean", "mcse_mean"]);

function forEachCase(body: (x: ReturnType<typeof caseMatrix>, r: Record<string, FixtureNumber>, rv: Record<string, FixtureNumber[]>, expectClose: (a: number, e: FixtureNumber, what: string) => void) => void): void {
  for (const name of caseNames) {
    const c = posterior.cases[name];
    const expectClose = (a: number, e: FixtureNumber, what: string) =>
      close(a, e, what, name === "large_scale" && LOOSE.has(what) ? 1e-6 : 1e-10);
    test(name, () => body(caseMatrix(c), c.results as Record<string, FixtureNumber>, c.results as Record<string, FixtureNumber[]>, expectClose));
  }
}

describe("MCSE against posterior", () => {
  forEachCase((x, r, rv, expectClose) => {
    expectClose(mcseMean(x), r.mcse_mean, "mcse_mean");
    expectClose(mcseSd(x), r.mcse_sd, "mcse_sd");
    expectClose(mcseMedian(x), r.mcse_median, "mcse_median");
    const mq = mcseQuantile(x, posterior.probs);
    posterior.probs.forEach((p, i) => expectClose(mq[i], rv.mcse_quantile[i], `mcse_quantile(${p})`));
  });
});

test("large_scale MCSE of the mean against exact rational arithmetic", () => {
  close(mcseMean(caseMatrix(posterior.cases.large_scale)), numpy.exact.large_scale.mcse_mean, "mcse_mean", 1e-9);
});
