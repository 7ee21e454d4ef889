/** Shared checks: a run's draws against the analytic posterior of the regression. */
import { expect } from "vitest";
import { essBulk, mcseMean, mcseSd, rhat } from "@orrery/diagnostics";
import { type ConcreteArray } from "@orrery/core";
import { analytic } from "./regression.js";

/** Per parameter: the error of the mean and sd in MCSE units, R-hat and bulk ESS. */
export function posteriorCheck(samples: Record<string, ConcreteArray>): { name: string; zMean: number; zSd: number; rhat: number; ess: number }[] {
  const truth = analytic();
  return (["m", "b"] as const).map((name, k) => {
    const v = samples[name];
    const data = v.data as Float64Array;
    const draws = { data, shape: v.shape };
    const mean = data.reduce((a, x) => a + x, 0) / data.length;
    const sd = Math.sqrt(data.reduce((a, x) => a + (x - mean) ** 2, 0) / (data.length - 1));
    return { name, zMean: Math.abs(mean - truth.mean[k]) / mcseMean(draws), zSd: Math.abs(sd - truth.sd[k]) / mcseSd(draws), rhat: rhat(draws), ess: essBulk(draws) };
  });
}

/** Mean (and sd) within 4 MCSE of the analytic posterior, R-hat under `maxRhat`, bulk ESS over `minEss`. */
export function expectPosterior(samples: Record<string, ConcreteArray>, maxRhat: number, minEss: number): void {
  for (const c of posteriorCheck(samples)) {
    expect(c.zMean, `${c.name}: |mean error| / MCSE`).toBeLessThan(4);
    expect(c.zSd, `${c.name}: |sd error| / MCSE(sd)`).toBeLessThan(4);
    expect(c.rhat, `${c.name}: R-hat`).toBeLessThan(maxRhat);
    expect(c.ess, `${c.name}: bulk ESS`).toBeGreaterThan(minEss);
  }
}
