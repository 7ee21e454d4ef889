import { describe, expect, test } from "vitest";
import { mad, mean, median, quantile, sd, variance } from "../src/index.js";
import { caseMatrix, caseNames, expectClose as close, posterior, type FixtureNumber } from "./helpers.js";

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

describe("mean, sd, median, mad and quantile2 against R", () => {
  forEachCase((x, r, rv, expectClose) => {
    expectClose(mean(x.data), r.mean, "mean");
    expectClose(sd(x.data), r.sd, "sd");
    expectClose(median(x), r.median, "median");
    expectClose(mad(x), r.mad, "mad");
    const q = quantile(x, posterior.probs);
    posterior.probs.forEach((p, i) => expectClose(q[i], rv.quantile2[i], `quantile2(${p})`));
  });
});

test("compensated mean returns a constant exactly and handles infinities", () => {
  expect(mean(new Float64Array(1000).fill(0.1))).toBe(0.1);
  expect(variance(new Float64Array(1000).fill(0.1))).toBe(0);
  expect(mean([1, Infinity])).toBe(Infinity);
  expect(mean([-Infinity, Infinity])).toBeNaN();
  expect(variance([1])).toBeNaN();
  expect(mean([1e8 + 0.125, 1e8 + 0.25, 1e8 + 0.375])).toBe(1e8 + 0.25);
});
