/**
 * The statistical suite of the matrix distributions: 20,000 draws per case.
 */
import { describe, expect, it } from "vitest";
import { np, random } from "@orrery/core";
import * as D from "../src/index.js";
import { cdfFromQuantiles, ksStatistic, toList } from "./helpers.js";
import { corr, entry, lkjCases, num, wishartCases, wishartOf } from "./matrix-helpers.js";

const n = 20000;
const crit = 1.95 / Math.sqrt(n) + 0.006;

describe.each(lkjCases.map((c) => [`LKJCholesky(${c.dimension}, ${c.concentration})`, c] as [string, Record<string, any>]))("%s", (_l, c) => {
  it("every off-diagonal correlation (onion and C-vine) matches 2·Beta(m, m) − 1 (KS), variance within 5%", () => {
    const Dm = c.dimension as number;
    for (const method of ["onion", "cvine"] as const) {
      const Cm = corr(new D.LKJCholesky(Dm, c.concentration, method).sample(random.key(21), [n]));
      for (let i = 1; i < Dm; i++)
        for (let j = 0; j < i; j++) {
          const v = entry(Cm, i, j);
          expect(ksStatistic(v, (x) => cdfFromQuantiles(num(c.offDiagQuantiles), c.pGrid, x)), `${method} C[${i},${j}]`).toBeLessThan(crit);
          const varHat = v.reduce((a, b) => a + b * b, 0) / n;
          expect(Math.abs(varHat / c.offDiagVariance - 1)).toBeLessThan(0.05);
        }
    }
  });
});

describe.each(wishartCases.map((c) => [`Wishart(${c.df}, ${c.scaleMatrix.length}×${c.scaleMatrix.length})`, c] as [string, Record<string, any>]))("%s", (_l, c) => {
  it("W₀₀/S₀₀ ~ χ²(n) (KS); every entry's sample mean within 5 standard errors; sample variances within 10%", () => {
    const d = wishartOf(c);
    const W = d.sample(random.key(22), [n]);
    expect(ksStatistic(entry(W, 0, 0), (x) => cdfFromQuantiles(num(c.w00Quantiles), c.pGrid, x))).toBeLessThan(crit);
    const m = toList(np.mean(W, { axis: 0 }));
    const v = toList(np.var(W, { axis: 0 }));
    const want = (c.mean as number[][]).flat();
    const wantV = (c.variance as number[][]).flat();
    m.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(5 * Math.sqrt(wantV[i] / n)));
    v.forEach((x, i) => expect(Math.abs(x / wantV[i] - 1)).toBeLessThan(0.1));
  });
});
