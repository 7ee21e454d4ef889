import { expect, test } from "vitest";
import { formatSummary, summary, type Summary } from "../src/index.js";

const table: Summary = {
  columns: ["mean", "sd", "ess_bulk", "r_hat"],
  rows: [
    { variable: "mu", name: "mu", index: [], values: { mean: 0.01234, sd: 1.5, ess_bulk: 3920.6, r_hat: 1.0012 } },
    { variable: "theta[10]", name: "theta", index: [10], values: { mean: -12.5, sd: NaN, ess_bulk: NaN, r_hat: Infinity } },
  ],
};

test("formatSummary aligns columns, rounds ESS to integers and prints NaN/inf", () => {
  expect(formatSummary(table)).toBe(
    [
      "             mean    sd  ess_bulk  r_hat",
      "mu           0.01  1.50      3921   1.00",
      "theta[10]  -12.50   NaN       NaN    inf",
    ].join("\n"),
  );
});

test("formatSummary options", () => {
  const out = formatSummary(table, { digits: 4, nan: "NA", integerColumns: () => false });
  expect(out.split("\n")[1]).toBe("mu           0.0123  1.5000  3920.6000  1.0012");
  expect(out).toContain("NA");
});

test("formatSummary of a NumPyro-style summary", () => {
  const s = summary({ x: [[0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6]] }, { preset: "numpyro" });
  const lines = formatSummary(s).split("\n");
  expect(lines[0].trim().split(/\s+/)).toEqual(["mean", "std", "median", "5.0%", "95.0%", "n_eff", "r_hat"]);
  expect(lines[1].startsWith("x ")).toBe(true);
  // every line has the same width as the header (right-aligned cells)
  expect(new Set(lines.map((l) => l.length)).size).toBe(1);
});
