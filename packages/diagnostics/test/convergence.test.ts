import { describe, test } from "vitest";
import {
  essBasic, essBulk, essMean, essMedian, essQuantile, essSd, essTail, mcseMean, mcseMedian,
  mcseQuantile, mcseSd, rhat, rhatBasic, mean, sd, median, mad, quantile,
} from "../src/index.js";
import { caseMatrix, caseNames, expectClose as close, numpy, posterior, type FixtureNumber } from "./helpers.js";

// Raw-scale statistics of the ill-conditioned "large_scale" set: R rounds its chain means
// differently (see the exact-arithmetic test at the end), so they agree only to ~1e-6 there.
const LOOSE: Record<string, Set<string>> = {
  large_scale: new Set(["rhat_basic", "rhat_basic(split=FALSE)", "ess_basic", "ess_basic(split=FALSE)", "ess_mean", "mcse_mean"]),
};

for (const name of caseNames) {
  const c = posterior.cases[name];
  const loose = LOOSE[name] ?? new Set<string>();
  const expectClose = (a: number, e: FixtureNumber, what: string) => close(a, e, what, loose.has(what) ? 1e-6 : 1e-10);
  const x = caseMatrix(c);
  const r = c.results as Record<string, FixtureNumber>;
  const rv = c.results as Record<string, FixtureNumber[]>;
  describe(name, () => {
    test("scalars", () => {
      expectClose(rhat(x), r.rhat, "rhat");
      expectClose(rhatBasic(x), r.rhat_basic, "rhat_basic");
      expectClose(rhatBasic(x, { split: false }), r.rhat_basic_nosplit, "rhat_basic(split=FALSE)");
      expectClose(essBulk(x), r.ess_bulk, "ess_bulk");
      expectClose(essTail(x), r.ess_tail, "ess_tail");
      expectClose(essBasic(x), r.ess_basic, "ess_basic");
      expectClose(essBasic(x, { split: false }), r.ess_basic_nosplit, "ess_basic(split=FALSE)");
      expectClose(essMean(x), r.ess_mean, "ess_mean");
      expectClose(essSd(x, { method: "abs" }), r.ess_sd, "ess_sd (posterior 1.4)");
      expectClose(essSd(x), r.ess_sd_squared, "ess_sd (posterior >= 1.6.1)");
      expectClose(essMedian(x), r.ess_median, "ess_median");
      expectClose(mcseMean(x), r.mcse_mean, "mcse_mean");
      expectClose(mcseSd(x), r.mcse_sd, "mcse_sd");
      expectClose(mcseMedian(x), r.mcse_median, "mcse_median");
      expectClose(mean(x.data), r.mean, "mean");
      expectClose(sd(x.data), r.sd, "sd");
      expectClose(median(x), r.median, "median");
      expectClose(mad(x), r.mad, "mad");
    });
    test("quantiles", () => {
      const probs = posterior.probs;
      const eq = essQuantile(x, probs);
      const mq = mcseQuantile(x, probs);
      const q = quantile(x, probs);
      probs.forEach((p, i) => {
        expectClose(eq[i], rv.ess_quantile[i], `ess_quantile(${p})`);
        expectClose(mq[i], rv.mcse_quantile[i], `mcse_quantile(${p})`);
        expectClose(q[i], rv.quantile2[i], `quantile2(${p})`);
      });
    });
  });
}

// "large_scale" holds 1e6 + N(0, 1e-3) draws: every double-precision implementation rounds the
// chain means differently there, which moves the raw-scale R-hat/ESS by up to ~1e-6 relative.
// Orrery is checked against exact rational arithmetic (make-fixtures.py) at 1e-9 instead.
test("large_scale raw-scale statistics against exact rational arithmetic", () => {
  const x = caseMatrix(posterior.cases.large_scale);
  const exact = numpy.exact.large_scale;
  const expectClose = close;
  expectClose(rhatBasic(x), exact.rhat_basic, "rhat_basic", 1e-9);
  expectClose(rhatBasic(x, { split: false }), exact.rhat_basic_nosplit, "rhat_basic(split=FALSE)", 1e-9);
  expectClose(essBasic(x), exact.ess_basic, "ess_basic", 1e-9);
  expectClose(essBasic(x, { split: false }), exact.ess_basic_nosplit, "ess_basic(split=FALSE)", 1e-9);
  expectClose(essMean(x), exact.ess_mean, "ess_mean", 1e-9);
  expectClose(mcseMean(x), exact.mcse_mean, "mcse_mean", 1e-9);
});
