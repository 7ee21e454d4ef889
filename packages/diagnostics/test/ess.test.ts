import { describe, test } from "vitest";
import { essBasic, essBulk, essMean, essMedian, essQuantile, essSd, essTail } from "../src/index.js";
import { caseMatrix, expectClose as close, numpy, posterior } from "./helpers.js";
import { forEachPosteriorCase as forEachCase } from "./posterior-cases.js";

describe("ESS against posterior", () => {
  forEachCase((x, r, rv, expectClose) => {
    expectClose(essBulk(x), r.ess_bulk, "ess_bulk");
    expectClose(essTail(x), r.ess_tail, "ess_tail");
    expectClose(essBasic(x), r.ess_basic, "ess_basic");
    expectClose(essBasic(x, { split: false }), r.ess_basic_nosplit, "ess_basic(split=FALSE)");
    expectClose(essMean(x), r.ess_mean, "ess_mean");
    expectClose(essSd(x, { method: "abs" }), r.ess_sd, "ess_sd (posterior 1.4)");
    expectClose(essSd(x), r.ess_sd_squared, "ess_sd (posterior >= 1.6.1)");
    expectClose(essMedian(x), r.ess_median, "ess_median");
    const eq = essQuantile(x, posterior.probs);
    posterior.probs.forEach((p, i) => expectClose(eq[i], rv.ess_quantile[i], `ess_quantile(${p})`));
  });
});

test("large_scale ESS against exact rational arithmetic", () => {
  const x = caseMatrix(posterior.cases.large_scale);
  const exact = numpy.exact.large_scale;
  close(essBasic(x), exact.ess_basic, "ess_basic", 1e-9);
  close(essBasic(x, { split: false }), exact.ess_basic_nosplit, "ess_basic(split=FALSE)", 1e-9);
  close(essMean(x), exact.ess_mean, "ess_mean", 1e-9);
});
