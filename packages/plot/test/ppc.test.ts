import { describe, expect, it } from "vitest";
import { ppcPlot, rasterize } from "../src/index.js";
import { byClass, inkFraction, rng, save, texts } from "./helpers.js";

function lineFit(seed = 1) {
  const z = rng(seed);
  const x = Array.from({ length: 20 }, (_, i) => i / 2);
  const yerr = x.map(() => 0.5 + 0.2 * Math.abs(z()));
  const y = x.map((t, i) => 1.2 * t + 0.5 + yerr[i] * z());
  const grid = Array.from({ length: 50 }, (_, i) => (i * 9.5) / 49);
  const draws = Array.from({ length: 400 }, () => {
    const m = 1.2 + 0.04 * z();
    const b = 0.5 + 0.2 * z();
    return grid.map((t) => m * t + b);
  });
  return { data: { x, y, yerr }, model: { x: grid, draws } };
}

describe("ppcPlot", () => {
  it("overlays draws of the model on data with error bars", async () => {
    const { data, model } = lineFit();
    const svg = ppcPlot(data, model, { xLabel: "x", yLabel: "y", title: "posterior predictive" });
    await save("ppc-draws", svg);
    expect(byClass(svg, "datum").length).toBe(20);
    expect(byClass(svg, "errorbars").length).toBe(1);
    expect(byClass(svg, "draw").length).toBe(50);
    expect(texts(svg)).toEqual(expect.arrayContaining(["x", "y", "posterior predictive", "data", "model"]));
  });

  it("draws credible bands and the median", async () => {
    const { data, model } = lineFit(2);
    const flat = { data: Float64Array.from(model.draws.flat()), shape: [400, 50] };
    const svg = ppcPlot(data, { x: model.x, draws: flat }, { kind: "band" });
    await save("ppc-band", svg);
    expect(byClass(svg, "band").length).toBe(2);
    expect(byClass(svg, "median").length).toBe(1);
    const img = await rasterize(svg);
    expect(img.width).toBe(640);
    expect(inkFraction(img, 100, 50, 500, 300)).toBeGreaterThan(0.03);
    expect(() => ppcPlot(data, { x: [0, 1], draws: flat })).toThrow(/do not match 2 grid points/);
  });
});
