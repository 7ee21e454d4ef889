import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { bfmi, drawsArray, readCmdStanCsv, summary, writeCmdStanCsv } from "../../src/index.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "cmdstan");
const files = [1, 2].map((c) => readFileSync(join(dir, `demo-${c}.csv`), "utf8"));

describe("readCmdStanCsv", () => {
  const fit = readCmdStanCsv(files);

  test("splits parameters from sampler columns and names stats as ArviZ does", () => {
    expect(Object.keys(fit.posterior)).toEqual(["mu", "a", "y_rep"]);
    expect(Object.keys(fit.sampleStats)).toEqual(["lp", "acceptance_rate", "step_size", "tree_depth", "n_steps", "diverging", "energy"]);
    expect(fit.sampleStats.lp.shape).toEqual([2, 5]);
    expect(fit.sampleStats.diverging.data[0]).toBe(0);
    expect(readCmdStanCsv(files, { statNames: "cmdstan" }).sampleStats.divergent__.shape).toEqual([2, 5]);
  });

  test("rebuilds containers from column-major name.i.j columns", () => {
    const a = fit.posterior.a;
    expect(a.shape).toEqual([2, 5, 2, 3]);
    // a[r, c] = 10 r + c + i / 100 + chain (1-based r, c), draw i = 10 + k after warmup
    for (const chain of [1, 2]) {
      for (let k = 0; k < 5; k++) {
        for (let r = 1; r <= 2; r++) {
          for (let c = 1; c <= 3; c++) {
            const v = a.data[(((chain - 1) * 5 + k) * 2 + (r - 1)) * 3 + (c - 1)];
            expect(v).toBeCloseTo(10 * r + c + (10 + k) / 100 + chain, 12);
          }
        }
      }
    }
  });

  test("warmup, nan, configuration, adaptation and timing", () => {
    expect(fit.warmup?.posterior.mu.shape).toEqual([2, 3]);
    expect(fit.warmup?.sampleStats.diverging.data[5]).toBe(1); // chain 2, warmup draw 2
    expect(fit.warmup?.posterior.y_rep.data[3]).toBeNaN(); // chain 1, warmup draw 1, y_rep.2
    expect(fit.config.num_samples).toBe("5");
    expect(fit.config.metric).toBe("diag_e");
    expect(fit.adaptation[0]).toEqual({ stepSize: 0.81234, inverseMetric: [0.512, 1.25, 0.97, 1, 1, 1, 1] });
    expect(fit.timing[1]).toEqual({ warmup: 0.012, sampling: 0.034, total: 0.046 });
    expect(fit.columns).toHaveLength(16);
  });

  test("draws feed the diagnostics", () => {
    expect(summary(fit.posterior).rows.map((r) => r.variable).slice(0, 3)).toEqual(["mu", "a[0, 0]", "a[0, 1]"]);
    expect(bfmi(fit.sampleStats.energy)).toHaveLength(2);
  });

  test("errors name the chain and line", () => {
    const bad = files[1].replace("\n-9.1,", "\n-9.1,1,");
    expect(() => readCmdStanCsv([files[0], bad])).toThrow(/chain 1, line \d+: 17 values for 16 columns/);
    expect(() => readCmdStanCsv([files[0], files[1].split("\n").slice(0, -8).join("\n")])).toThrow(/chain 1 has 3 draws/);
    expect(() => readCmdStanCsv(["# only a comment\n"])).toThrow(/no header/);
    expect(() => readCmdStanCsv([])).toThrow(/no files/);
    expect(() => readCmdStanCsv(files[0].replace("0.9,0.81", "0.9,abc"))).toThrow(/not a number/);
  });
});

describe("writeCmdStanCsv", () => {
  test("round-trips draws exactly, in Stan's column order", () => {
    const theta = drawsArray(Float64Array.from({ length: 3 * 4 * 6 }, (_, i) => Math.sin(i) * 1e-7 + i), [3, 4, 2, 3]);
    const mu = drawsArray(Float64Array.of(0.1, NaN, Infinity, -Infinity, 1 / 3, 2, 3, 4, 5, 6, 7, 8), [3, 4]);
    const lp = drawsArray(Float64Array.from({ length: 12 }, (_, i) => -i - 0.5), [3, 4]);
    const diverging = drawsArray(Float64Array.from({ length: 12 }, (_, i) => i % 2), [3, 4]);
    const out = writeCmdStanCsv({ posterior: { mu, theta }, sampleStats: { diverging, lp } }, { comments: ["model = test"] });
    expect(out).toHaveLength(3);
    const header = out[0].split("\n").find((l) => !l.startsWith("#"));
    expect(header).toBe("lp__,divergent__,mu,theta.1.1,theta.2.1,theta.1.2,theta.2.2,theta.1.3,theta.2.3");
    expect(out[0]).toContain("# model = test");
    expect(out[0]).toContain(",nan,");
    expect(out[0]).toContain(",inf,");
    const back = readCmdStanCsv(out);
    expect(back.posterior.theta).toEqual(theta);
    expect(Array.from(back.posterior.mu.data)).toEqual(Array.from(mu.data));
    expect(back.sampleStats.lp).toEqual(lp);
    expect(back.sampleStats.diverging).toEqual(diverging);
  });

  test("warmup and adaptation", () => {
    const mu = drawsArray(Float64Array.of(1, 2, 3, 4), [2, 2]);
    const warm = drawsArray(Float64Array.of(9, 8, 7, 6, 5, 4), [2, 3]);
    const out = writeCmdStanCsv(
      { posterior: { mu } },
      { warmup: { posterior: { mu: warm } }, adaptation: [{ stepSize: 0.5, inverseMetric: [1.5] }, { stepSize: 0.25 }] },
    );
    const back = readCmdStanCsv(out);
    expect(back.warmup?.posterior.mu).toEqual(warm);
    expect(back.posterior.mu).toEqual(mu);
    expect(back.adaptation).toEqual([{ stepSize: 0.5, inverseMetric: [1.5] }, { stepSize: 0.25 }]);
    expect(back.config.save_warmup).toBe("1");
  });

  test("errors", () => {
    const mu = drawsArray(Float64Array.of(1, 2, 3, 4), [2, 2]);
    expect(() => writeCmdStanCsv({ posterior: { "a.b": mu } })).toThrow(/cannot be written/);
    expect(() => writeCmdStanCsv({ posterior: { mu, nu: drawsArray(new Float64Array(6), [2, 3]) } })).toThrow(/expected 2 × 2/);
    expect(() => writeCmdStanCsv({ posterior: {} })).toThrow(/no draws/);
  });
});
