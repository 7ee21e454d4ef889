import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { ppcPlot } from "@orrery/plot";
import { colourPoints } from "../src/colour-points.js";
import { TRUTH, makeData, outlierModel, outlierProbabilities } from "../src/model.js";

describe("outliers example", () => {
  test("recovers (m, b, Q) and flags the outliers", async () => {
    const data = makeData(50, 0);
    const mcmc = new MCMC(new NUTS(outlierModel), { numWarmup: 300, numSamples: 400, numChains: 2, progressBar: false });
    await mcmc.run(random.key(1), data);
    const s = mcmc.getSamples();
    for (const name of ["m", "b", "Q"] as const) {
      const v = s[name].data as Float64Array;
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1));
      expect(Math.abs(mean - TRUTH[name])).toBeLessThan(3 * sd);
    }
    expect(mcmc.numDivergences).toBe(0);

    const p = outlierProbabilities(s, data);
    const x = data.x.tolist() as number[], y = data.y.tolist() as number[], e = data.yerr.tolist() as number[];
    for (let i = 0; i < x.length; i++) {
      const z = Math.abs(y[i] - TRUTH.m * x[i] - TRUTH.b) / e[i];
      if (!data.isOutlier[i]) expect(p[i], `inlier ${i}`).toBeLessThan(0.5);
      else if (z > 5) expect(p[i], `outlier ${i} (${z.toFixed(1)} σ off the line)`).toBeGreaterThan(0.9);
    }

    const svg = colourPoints(ppcPlot({ x, y, yerr: e }, { x: [0, 5], draws: [[2, 8.5]] }), p, "P(outlier)", { x: 70, y: 340 });
    expect(svg.match(/class="datum" data-p=/g)).toHaveLength(50);
    expect(svg).toContain('class="colour-bar"');
  });
});
