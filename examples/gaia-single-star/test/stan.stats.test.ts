/**
 * The single-star distance with the EDSD prior (a TransformedDistribution) against Stan
 * (issue #7): on the example's star (makeStar(0)), NUTS with 4 chains gives the posterior mean
 * and sd of r and of the true parallax 1000 / r within 4 combined Monte Carlo standard errors of
 * a long rstan run's (bench/vs-stan/stan/gaia_single_star.stan; the fixture is written by
 * bench/vs-stan/make_reference.ts), and R-hat < 1.01.
 */
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { checkAgainstStan, describeCheck, loadStanReference, sameData } from "../../../bench/vs-stan/reference-check.js";
import { L, exactPosterior, gaiaModel, makeStar } from "../src/model.js";

const ref = loadStanReference(new URL("./fixtures/stan-gaia_single_star.json", import.meta.url));

describe("gaia-single-star against Stan", () => {
  const star = makeStar(0);

  test("the example's generator still makes the reference's data", () => {
    expect(ref.data_source.args).toEqual([0]);
    expect(sameData([star.parallax, star.parallaxErr, L], [ref.data.parallax, ref.data.parallax_err, ref.data.L])).toBe(true);
  });

  test("the Stan reference is the exact posterior (quadrature) within its own 4 MCSE", () => {
    const exact = exactPosterior(star);
    const r = ref.parameters.r;
    expect(Math.abs(r.mean - exact.mean)).toBeLessThan(4 * r.mcse_mean);
    expect(Math.abs(r.sd - exact.sd)).toBeLessThan(4 * r.mcse_sd);
  });

  test("NUTS, 4 chains: mean and sd of r and the true parallax within 4 MCSE of Stan's, R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(gaiaModel), { numWarmup: 1000, numSamples: 25000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), star);
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("gaia-single-star", check));
    expect(check.rows.map((r) => r.name).sort()).toEqual(["r", "true_parallax"]);
    expect(check.failures).toEqual([]);
  });
});
