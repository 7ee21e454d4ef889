import { describe, expect, test } from "vitest";
import { drawsArray, hdi, summary, summaryRecords, type SummaryColumn } from "../src/index.js";
import { caseMatrix, caseNames, decode, expectClose, numpy, posterior, type FixtureNumber } from "./helpers.js";

// The summary shares sorts and intermediate results between columns (ScalarStats); every column
// must still equal posterior's value for every draw set.
const ALL: SummaryColumn[] = [
  "mean", "sd", "median", "mad", "mcse_mean", "mcse_sd", "mcse_median", "ess_bulk", "ess_tail",
  "ess_mean", "ess_median", "r_hat", "rhat_basic",
  { stat: "ess_sd", label: "ess_sd_squared" },
  { quantile: 0.05 }, { quantile: 0.95 }, { essQuantile: 0.25 }, { mcseQuantile: 0.975 },
];
const R_NAME: Record<string, string> = { r_hat: "rhat" };
const LOOSE: Record<string, Set<string>> = { large_scale: new Set(["rhat_basic", "ess_mean", "mcse_mean"]) };

describe("summary columns equal posterior's", () => {
  for (const name of caseNames) {
    test(name, () => {
      const c = posterior.cases[name];
      const s = summary({ x: { data: caseMatrix(c).data, shape: [c.chains, c.draws] } }, { columns: ALL });
      const v = s.rows[0].values;
      const r = c.results as Record<string, FixtureNumber>;
      const rv = c.results as Record<string, FixtureNumber[]>;
      const probs = posterior.probs;
      for (const col of s.columns) {
        const rel = LOOSE[name]?.has(col) ? 1e-6 : 1e-10;
        if (col === "q5") expectClose(v[col], rv.quantile2[probs.indexOf(0.05)], col, rel);
        else if (col === "q95") expectClose(v[col], rv.quantile2[probs.indexOf(0.95)], col, rel);
        else if (col === "ess_q25") expectClose(v[col], rv.ess_quantile[probs.indexOf(0.25)], col, rel);
        else if (col === "mcse_q97.5") expectClose(v[col], rv.mcse_quantile[probs.indexOf(0.975)], col, rel);
        else expectClose(v[col], r[R_NAME[col] ?? col], col, rel);
      }
    });
  }
});

test("posterior preset reproduces summarise_draws on a two-variable draws_array", () => {
  const f = posterior.summarise_draws;
  const draws = Object.fromEntries(
    Object.entries(f.data).map(([k, d]) => [k, drawsArray(Float64Array.from(d, decode), [f.chains, f.draws])]),
  );
  const s = summary(draws, { preset: "posterior", columns: undefined });
  expect(s.columns).toEqual(["mean", "median", "sd", "mad", "q5", "q95", "rhat", "ess_bulk", "ess_tail"]);
  const withMcse = summary(draws, {
    preset: "posterior",
    columns: ["mean", "median", "sd", "mad", { quantile: 0.05 }, { quantile: 0.95 }, { stat: "r_hat", label: "rhat" },
      "ess_bulk", "ess_tail", "mcse_mean", "mcse_sd"],
  });
  expect(withMcse.columns).toEqual(f.columns);
  expect(withMcse.rows.map((r) => r.variable)).toEqual(f.variables);
  f.rows.forEach((row, i) => {
    for (const col of f.columns) expectClose(withMcse.rows[i].values[col], row[col], `${f.variables[i]} ${col}`);
    for (const col of s.columns) expectClose(s.rows[i].values[col], row[col], `${f.variables[i]} ${col}`);
  });
});

describe("presets", () => {
  const c = posterior.cases.ar1;
  const x = caseMatrix(c);
  const theta = drawsArray(new Float64Array(c.chains * c.draws * 2), [c.chains, c.draws, 2]);
  // theta[.., 0] = ar1 draws, theta[.., 1] = 2 * ar1 draws
  for (let j = 0; j < c.chains * c.draws; j++) {
    (theta.data as Float64Array)[2 * j] = x.data[j];
    (theta.data as Float64Array)[2 * j + 1] = 2 * x.data[j];
  }

  test("arviz: columns, row names and values", () => {
    const s = summary({ theta });
    expect(s.columns).toEqual(["mean", "sd", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"]);
    expect(s.rows.map((r) => r.variable)).toEqual(["theta[0]", "theta[1]"]);
    expect(s.rows[1].index).toEqual([1]);
    const [lo, hi] = hdi(x, 0.94);
    expect(s.rows[0].values["hdi_3%"]).toBe(lo);
    expect(s.rows[0].values["hdi_97%"]).toBe(hi);
    expectClose(s.rows[0].values.ess_bulk, c.results.ess_bulk as number, "ess_bulk");
    // ESS and R-hat are invariant to scaling
    expectClose(s.rows[1].values.ess_bulk, c.results.ess_bulk as number, "ess_bulk of 2x");
    expectClose(s.rows[1].values.mean, 2 * (c.results.mean as number), "mean of 2x");
    const eti = summary({ theta }, { interval: "eti", prob: 0.9 });
    expect(eti.columns.slice(2, 4)).toEqual(["eti_5%", "eti_95%"]);
    const ref = numpy.cases.ar1.eti[numpy.eti_probs.indexOf(0.9)]!;
    expectClose(eti.rows[0].values["eti_5%"], ref[0], "eti lower");
    expectClose(eti.rows[0].values["eti_95%"], ref[1], "eti upper");
  });

  test("numpyro: print_summary's columns and values", () => {
    const s = summary({ theta }, { preset: "numpyro" });
    expect(s.columns).toEqual(["mean", "std", "median", "5.0%", "95.0%", "n_eff", "r_hat"]);
    expect(s.rows.map((r) => r.variable)).toEqual(["theta[0]", "theta[1]"]);
    const ref = numpy.cases.ar1;
    const v = s.rows[0].values;
    expectClose(v.std, ref.std, "std");
    expectClose(v.median, ref.median, "median");
    const hp = ref.hpdi[numpy.hdi_probs.indexOf(0.9)]!;
    expectClose(v["5.0%"], hp[0], "5.0%");
    expectClose(v["95.0%"], hp[1], "95.0%");
    expectClose(v.n_eff, ref.n_eff, "n_eff");
    expectClose(v.r_hat, ref.split_r_hat, "r_hat");
  });

  test("posterior: one-based row names", () => {
    const s = summary({ theta: drawsArray(new Float64Array(2 * 10 * 6).map((_, i) => Math.sin(i)), [2, 10, 2, 3]) }, { preset: "posterior" });
    expect(s.rows.map((r) => r.variable)).toEqual([
      "theta[1,1]", "theta[1,2]", "theta[1,3]", "theta[2,1]", "theta[2,2]", "theta[2,3]",
    ]);
    const a = summary({ theta: drawsArray(new Float64Array(2 * 10 * 6).map((_, i) => Math.sin(i)), [2, 10, 2, 3]) });
    expect(a.rows[5].variable).toBe("theta[1, 2]");
  });
});

describe("inputs and options", () => {
  test("single-quantity inputs are named x", () => {
    const chains = [[0.1, 0.5, -0.3, 1.2, 0.8], [0.4, -0.9, 0.2, 0.0, 1.1]];
    const fromChains = summary(chains, { columns: ["mean", "r_hat"] });
    expect(fromChains.rows[0].variable).toBe("x");
    const flat = Float64Array.from(chains.flat());
    const fromArray = summary({ data: flat, shape: [2, 5] }, { columns: ["mean", "r_hat"] });
    const fromMatrix = summary({ data: flat, chains: 2, draws: 5 }, { columns: ["mean", "r_hat"] });
    expect(fromArray.rows[0].values).toEqual(fromChains.rows[0].values);
    expect(fromMatrix.rows[0].values).toEqual(fromChains.rows[0].values);
    const oneChain = summary(chains[0], { columns: ["mean"] });
    expect(oneChain.rows[0].values.mean).toBeCloseTo(0.46, 14);
  });

  test("nested arrays (ArviZ from_dict layout), varNames, rowName and records", () => {
    const draws = {
      a: [[1, 2, 3, 4], [2, 3, 4, 5]],
      b: [[[1, 10], [2, 20], [3, 30], [4, 40]], [[1, 11], [2, 21], [3, 31], [5, 41]]],
    };
    const s = summary(draws, { varNames: ["b"], columns: ["mean"], rowName: (n, i) => `${n}.${i.map((k) => k + 1).join(".")}` });
    expect(s.rows.map((r) => r.variable)).toEqual(["b.1", "b.2"]);
    expect(s.rows[1].values.mean).toBeCloseTo(25.5, 12);
    expect(summaryRecords(s)[0]).toEqual({ variable: "b.1", mean: 2.625 });
    expect(() => summary(draws, { varNames: ["c"] })).toThrow(/no quantity named "c"/);
    expect(() => summary(draws, { prob: 1.5 })).toThrow(/prob/);
  });
});
