import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { initToValue } from "@orrery/ppl";
import { parseGaiaCsv } from "../src/catalogue.js";
import { auc } from "../src/figures.js";
import { TRUTH, makeCatalogue, toCsv } from "../src/make-catalogue.js";
import { clusterModel, fieldDistancePrior, initialValues, membershipProbabilities, toModelData } from "../src/model.js";

const meanSd = (v: Float64Array) => {
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  return [mean, Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1))];
};

describe("m67-cluster example", () => {
  test("loadGaiaCsv reads the synthetic catalogue and a Gaia archive export (by column name, skipping incomplete rows)", () => {
    const cat = makeCatalogue(20, 3);
    const back = parseGaiaCsv(toCsv(cat));
    expect(back.n).toBe(20);
    expect(back.isMember).toEqual(cat.isMember);
    expect(Math.abs(back.parallax[5] - cat.parallax[5])).toBeLessThan(1e-4);
    const gaia =
      '"solution_id","source_id","ra","dec","parallax","parallax_error","pmra","pmra_error","pmdec","pmdec_error","ruwe","phot_g_mean_mag"\n' +
      "1636148068921376768,604917470417318912,132.8,11.8,1.14,0.02,-10.9,0.03,-2.9,0.02,1.0,13.2\n" +
      "1636148068921376768,604917470417318913,132.9,11.7,,,,,,,,20.7\n";
    const g = parseGaiaCsv(gaia);
    expect(g.n).toBe(1);
    expect(g.pmra[0]).toBe(-10.9);
    expect(g.gMag[0]).toBe(13.2);
    expect(g.isMember).toBeUndefined();
  });

  test("the field prior is r² e^(−r/L) / (2L³)", () => {
    const L = 1350, r = 2000;
    const lp = fieldDistancePrior(L).logProb(r).item() as number;
    expect(lp).toBeCloseTo(2 * Math.log(r) - r / L - Math.log(2 * L ** 3), 10);
  });

  test("on 200 stars, NUTS recovers d_c, μ_c and f within 3 sd and membership separates members (AUC > 0.9)", async () => {
    const cat = makeCatalogue(200, 11);
    const data = toModelData(cat);
    const mcmc = new MCMC(new NUTS(clusterModel, { initStrategy: initToValue({ values: initialValues(cat, data) }) }), {
      numWarmup: 300,
      numSamples: 300,
      numChains: 1,
      progressBar: false,
    });
    await mcmc.run(random.key(5), data);
    const s = mcmc.getSamples();
    const check = (v: Float64Array, truth: number) => {
      const [mean, sd] = meanSd(v);
      expect(Math.abs(mean - truth)).toBeLessThan(3 * sd);
    };
    check(s.d_c.data as Float64Array, TRUTH.d_c);
    check(s.f.data as Float64Array, TRUTH.f);
    const mu = s.mu_c.data as Float64Array;
    check(mu.filter((_, i) => i % 2 === 0), TRUTH.mu_c[0]);
    check(mu.filter((_, i) => i % 2 === 1), TRUTH.mu_c[1]);
    const prob = membershipProbabilities(s, data);
    expect(auc(prob, cat.isMember!)).toBeGreaterThan(0.9);
  });
});
