/**
 * Hogg et al.'s outlier mixture (the example's priors) against Stan (issue #7): on the example's
 * data (makeData(50, 0)), NUTS with 4 chains gives the posterior mean and sd of m, b, Q, Y_out
 * and V_out within 4 combined Monte Carlo standard errors of a long rstan run's
 * (bench/vs-stan/stan/outliers.stan; the fixture is written by bench/vs-stan/make_reference.ts),
 * and R-hat < 1.01.
 */
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { checkAgainstStan, describeCheck, loadStanReference, sameData } from "../../../bench/vs-stan/reference-check.js";
import { makeData, outlierModel } from "../src/model.js";

const ref = loadStanReference(new URL("./fixtures/stan-outliers.json", import.meta.url));

describe("outliers against Stan", () => {
  const { x, yerr, y } = makeData(50, 0);

  test("the example's generator still makes the reference's data", () => {
    expect(ref.data_source.args).toEqual([50, 0]);
    expect(sameData([x.tolist(), yerr.tolist(), y.tolist()], [ref.data.x, ref.data.yerr, ref.data.y])).toBe(true);
  });

  test("NUTS, 4 chains: every mean and sd within 4 MCSE of Stan's, R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(outlierModel), { numWarmup: 1000, numSamples: 20000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), { x, yerr, y });
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("outliers", check));
    expect(check.rows.map((r) => r.name).sort()).toEqual(["Q", "V_out", "Y_out", "b", "m"]);
    expect(check.failures).toEqual([]);
  });
});
