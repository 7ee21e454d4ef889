import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { TRUTH, linearModel, makeData } from "../src/model.js";

describe("linear-regression example", () => {
  test("recovers the true line within 3 posterior standard deviations", async () => {
    const data = makeData(50, 0);
    const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 300, numSamples: 500, numChains: 2, progressBar: false });
    await mcmc.run(random.key(1), data);
    const s = mcmc.getSamples();
    for (const name of ["m", "b"] as const) {
      const v = s[name].data as Float64Array;
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1));
      expect(Math.abs(mean - TRUTH[name])).toBeLessThan(3 * sd);
    }
    expect(mcmc.numDivergences).toBe(0);
  });
});
