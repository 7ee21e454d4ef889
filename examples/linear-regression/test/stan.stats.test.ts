/**
 * The line fit (θ, b⊥) against Stan (issue #7): on the example's data (makeData(50, 0)), NUTS
 * with 4 chains gives the posterior mean and sd of θ, b⊥, m and b within 4 combined Monte Carlo
 * standard errors of a long rstan run's (bench/vs-stan/stan/linreg_theta.stan; the fixture is
 * written by bench/vs-stan/make_reference.ts), and R-hat < 1.01; and the same check rejects the
 * posterior of slightly different data.
 */
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { checkAgainstStan, describeCheck, loadStanReference, sameData } from "../../../bench/vs-stan/reference-check.js";
import { linearModel, makeData } from "../src/model.js";

const ref = loadStanReference(new URL("./fixtures/stan-linreg_theta.json", import.meta.url));

describe("linear regression (θ, b⊥) against Stan", () => {
  const data = makeData(50, 0);

  test("the example's generator still makes the reference's data", () => {
    expect(ref.data_source.args).toEqual([50, 0]);
    expect(sameData([data.x.tolist(), data.yerr.tolist(), data.y.tolist()], [ref.data.x, ref.data.yerr, ref.data.y])).toBe(true);
  });

  test("NUTS, 4 chains: every mean and sd within 4 MCSE of Stan's, R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 1000, numSamples: 25000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), data);
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("linear regression (θ, b⊥)", check));
    expect(check.rows.map((r) => r.name).sort()).toEqual(["b", "b_perp", "m", "theta"]);
    expect(check.failures).toEqual([]);
  });

  test("the check has power: with every yerr 3% larger (posterior sds ~3% wider) it fails", async () => {
    const wider = { ...data, yerr: data.yerr.mul(1.03) };
    const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 1000, numSamples: 25000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), wider);
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("linear regression with yerr × 1.03 (must fail)", check));
    expect(check.failures.length).toBeGreaterThan(0);
    expect(check.maxZSd).toBeGreaterThan(4);
  });
});
