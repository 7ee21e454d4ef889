/**
 * The line fit with errors in x (a latent x_true per point) against Stan (issue #7): on the
 * example's data (makeXErrorsData(50, 0)), NUTS with 4 chains gives the posterior mean and sd of
 * θ, b⊥, m, b and the 50 x_true within 4 combined Monte Carlo standard errors of a long rstan
 * run's (bench/vs-stan/stan/linreg_xerr.stan; the fixture is written by
 * bench/vs-stan/make_reference.ts), and R-hat < 1.01.
 */
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { checkAgainstStan, describeCheck, loadStanReference, sameData } from "../../../bench/vs-stan/reference-check.js";
import { makeXErrorsData, xErrorsModel } from "../src/x-errors.js";

const ref = loadStanReference(new URL("./fixtures/stan-linreg_xerr.json", import.meta.url));

describe("linear regression with x errors against Stan", () => {
  const { xObs, xerr, yerr, y } = makeXErrorsData(50, 0);

  test("the example's generator still makes the reference's data", () => {
    expect(ref.data_source.args).toEqual([50, 0]);
    expect(sameData([xObs.tolist(), xerr.tolist(), yerr.tolist(), y.tolist()], [ref.data.x_obs, ref.data.xerr, ref.data.yerr, ref.data.y])).toBe(true);
  });

  test("NUTS, 4 chains: every mean and sd within 4 MCSE of Stan's, R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(xErrorsModel), { numWarmup: 1000, numSamples: 10000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), { xObs, xerr, yerr, y });
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("linear regression, x errors", check));
    expect(check.rows.length).toBe(54);
    expect(check.failures).toEqual([]);
  });
});
