/**
 * The HR-diagram model against Stan (issue #7): on the example's data (makeData(4, 25, 0)), NUTS
 * with 4 chains gives every quantity's posterior mean and sd within 4 combined Monte Carlo
 * standard errors of a long rstan run's (bench/vs-stan/stan/hr_diagram.stan; the fixture is
 * written by bench/vs-stan/make_reference.ts), and R-hat < 1.01. The quantities: μ₀, σ₀, σ_ms,
 * the 4 clusters' μ_c, the 100 apparent magnitudes m_cs and the 100 absolute magnitudes M_cs.
 */
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { checkAgainstStan, describeCheck, loadStanReference, sameData } from "../../../bench/vs-stan/reference-check.js";
import { hrModel, makeData } from "../src/model.js";

const ref = loadStanReference(new URL("./fixtures/stan-hr_diagram.json", import.meta.url));

describe("hr-diagram against Stan", () => {
  const data = makeData(4, 25, 0);

  test("the example's generator still makes the reference's data", () => {
    expect(ref.data_source.args).toEqual([4, 25, 0]);
    expect(sameData(data.colour.tolist(), ref.data.colour)).toBe(true);
    expect(sameData(data.counts.tolist(), ref.data.counts)).toBe(true);
  });

  test("NUTS, 4 chains: every mean and sd within 4 MCSE of Stan's, R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(hrModel), { numWarmup: 1000, numSamples: 10000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(11), { colour: data.colour, counts: data.counts });
    const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
    console.log(describeCheck("hr-diagram", check));
    expect(check.rows.length).toBe(207);
    expect(check.failures).toEqual([]);
    expect(mcmc.numDivergences).toBe(0);
  });
});
