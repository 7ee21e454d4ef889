import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { Predictive } from "@orrery/ppl";
import { L, TRUTH, edsdLogDensity, edsdPrior, exactPosterior, gaiaModel, makeStar } from "../src/model.js";

const meanSd = (v: ArrayLike<number>): [number, number] => {
  const a = Array.from(v);
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  return [mean, Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / (a.length - 1))];
};

describe("gaia-single-star example", () => {
  test("the EDSD prior as (L/2)·χ²₆ has density r²e^(−r/L)/(2L³) on a positive support", () => {
    const prior = edsdPrior();
    for (const r of [10, 500, 1350, 4000, 20000]) expect(prior.logProb(r).item()).toBeCloseTo(edsdLogDensity(r), 10);
    expect(prior.support.name).toBe("greaterThan(0)");
  });

  test("the NUTS posterior of r matches the exact posterior and contains the truth", async () => {
    const star = makeStar(0);
    const mcmc = new MCMC(new NUTS(gaiaModel, { targetAcceptProb: 0.9 }), { numWarmup: 300, numSamples: 500, numChains: 2, progressBar: false });
    await mcmc.run(random.key(1), star);
    const r = mcmc.getSamples().r.data as Float64Array;
    expect(Math.min(...r)).toBeGreaterThan(0);
    const [mean, sd] = meanSd(r);
    const exact = exactPosterior(star);
    // The posterior has a long tail (the prior takes over at small parallaxes), so ESS is a few
    // hundred: the mean within 4 Monte Carlo standard errors (batch means: 10 batches per chain).
    const batches = Array.from({ length: 20 }, (_, k) => meanSd(r.subarray(k * 50, k * 50 + 50))[0]);
    const mcse = meanSd(batches)[1] / Math.sqrt(batches.length);
    expect(mcse).toBeLessThan(0.15 * exact.sd);
    expect(Math.abs(mean - exact.mean)).toBeLessThan(4 * mcse);
    expect(Math.abs(sd - exact.sd) / exact.sd).toBeLessThan(0.3);
    expect(Math.abs(mean - TRUTH.r)).toBeLessThan(2 * sd);
  });

  test("the prior predictive draws r from the EDSD prior (mean 3L) and parallaxes around 1000/r", () => {
    const prior = Predictive(gaiaModel, { numSamples: 4000 })(random.key(2), { parallaxErr: 0.25 });
    expect(prior.r.shape).toEqual([4000]);
    expect(prior.parallax.shape).toEqual([4000]);
    const r = prior.r.tolist() as number[];
    const [mean, sd] = meanSd(r);
    expect(Math.abs(mean - 3 * L)).toBeLessThan((4 * Math.sqrt(3) * L) / Math.sqrt(4000)); // EDSD sd √3 L
    expect(sd).toBeGreaterThan(0);
    const plx = prior.parallax.tolist() as number[];
    const [zMean, zSd] = meanSd(plx.map((p, i) => (p - 1000 / r[i]) / 0.25));
    expect(Math.abs(zMean)).toBeLessThan(0.1);
    expect(Math.abs(zSd - 1)).toBeLessThan(0.1);
  });
});
