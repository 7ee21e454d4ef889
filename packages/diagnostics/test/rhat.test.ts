import { describe, test } from "vitest";
import { rhat, rhatBasic, rhatBulk, rhatTail } from "../src/index.js";
import { caseMatrix, expectClose as close, numpy, posterior } from "./helpers.js";
import { forEachPosteriorCase as forEachCase } from "./posterior-cases.js";

describe("rhat, rhatBasic against posterior", () => {
  forEachCase((x, r, _rv, expectClose) => {
    expectClose(rhat(x), r.rhat, "rhat");
    const b = rhatBulk(x);
    const t = rhatTail(x);
    expectClose(Number.isNaN(b) || Number.isNaN(t) ? NaN : Math.max(b, t), r.rhat, "max(rhatBulk, rhatTail)");
    expectClose(rhatBasic(x), r.rhat_basic, "rhat_basic");
    expectClose(rhatBasic(x, { split: false }), r.rhat_basic_nosplit, "rhat_basic(split=FALSE)");
  });
});

test("large_scale R-hat against exact rational arithmetic", () => {
  const x = caseMatrix(posterior.cases.large_scale);
  const exact = numpy.exact.large_scale;
  close(rhatBasic(x), exact.rhat_basic, "rhat_basic", 1e-9);
  close(rhatBasic(x, { split: false }), exact.rhat_basic_nosplit, "rhat_basic(split=FALSE)", 1e-9);
});
