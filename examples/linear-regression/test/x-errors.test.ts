import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { X_ERRORS_TRUTH, makeXErrorsData, xErrorsModel } from "../src/x-errors.js";

const meanSd = (v: Float64Array): [number, number] => {
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  return [mean, Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1))];
};

describe("linear regression with errors in x", () => {
  test("recovers the line and the latent abscissae", async () => {
    const data = makeXErrorsData(50, 0);
    const mcmc = new MCMC(new NUTS(xErrorsModel), { numWarmup: 300, numSamples: 400, numChains: 2, progressBar: false });
    await mcmc.run(random.key(1), data);
    const s = mcmc.getSamples();
    for (const name of ["m", "b"] as const) {
      const [mean, sd] = meanSd(s[name].data as Float64Array);
      expect(Math.abs(mean - X_ERRORS_TRUTH[name])).toBeLessThan(3 * sd);
    }
    // Each latent x_true's posterior sits near the true abscissa (most within 3 sd).
    const xt = s.x_true;
    expect(xt.shape).toEqual([800, 50]);
    const draws = xt.data as Float64Array;
    const truth = Float64Array.from(data.xTrue.tolist() as number[]);
    let within = 0;
    for (let i = 0; i < 50; i++) {
      const col = Float64Array.from({ length: 800 }, (_, k) => draws[k * 50 + i]);
      const [mean, sd] = meanSd(col);
      if (Math.abs(mean - truth[i]) < 3 * sd) within++;
    }
    expect(within).toBeGreaterThanOrEqual(48);
    expect(mcmc.numDivergences).toBe(0);
  });
});
