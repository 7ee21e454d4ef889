/**
 * The statistical suite: many draws per fixture case, tighter KS and moment checks.
 */
import { describe, expect, it } from "vitest";
import { np, random } from "@orrery/core";
import { type Case, build, caseLabel, cdfFromQuantiles, fixtures, ksStatistic, maxFreqZ, num, toList } from "./helpers.js";

describe.each(fixtures.cases.map((c) => [caseLabel(c), c] as [string, Case]))("%s", (_l, c) => {
  it("20000 draws: KS (or frequencies) and sample mean within 5 standard errors", () => {
    const d = build(c.name, num(c.args));
    const n = 20000;
    const v = toList(d.sample(random.key(123), [n]).astype("float64"));
    if (c.quantiles) {
      const q = num(c.quantiles) as number[];
      const D = ksStatistic(v, (x) => cdfFromQuantiles(q, c.pGrid as number[], x));
      expect(D).toBeLessThan(1.95 / Math.sqrt(n) + 0.006);
    } else if (c.pmf) {
      expect(maxFreqZ(v, c.pmfSupport!, c.pmf)).toBeLessThan(5);
    }
    const m = num(c.mean);
    const vv = num(c.variance);
    if (Number.isFinite(m) && Number.isFinite(vv) && vv > 0) {
      const mean = v.reduce((a, b) => a + b, 0) / n;
      expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(vv / n) + 1e-12 * Math.abs(m));
    }
    void np;
  });
});
