import { describe, test } from "vitest";
import { mcseMean, mcseMedian, mcseQuantile, mcseSd } from "../src/index.js";
import { caseMatrix, expectClose as close, numpy, posterior } from "./helpers.js";
import { forEachPosteriorCase as forEachCase } from "./posterior-cases.js";

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
