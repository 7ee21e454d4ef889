import { describe, expect, it } from "vitest";
import { hdi, eti } from "@orrery/diagnostics";
import { autocorrPlot, forestPlot, rankPlot, rasterize } from "../src/index.js";
import { byClass, fourParams, inkFraction, rng, save, texts } from "./helpers.js";

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];

/** AR(1) chains with a per-chain offset (a badly mixed example). */
function ar1(chains: number, n: number, phi: number, offsets: number[], seed = 1) {
  const z = rng(seed);
  const data = new Float64Array(chains * n);
  for (let c = 0; c < chains; c++) {
    let x = 0;
    for (let i = 0; i < n; i++) data[c * n + i] = (x = phi * x + z()) + offsets[c];
  }
  return { data, shape: [chains, n] };
}

describe("rankPlot", () => {
  it("draws a rank histogram per chain, flat for mixed chains", async () => {
    const good = ar1(4, 1000, 0.3, [0, 0, 0, 0], 2);
    const bad = ar1(4, 1000, 0.3, [0, 0, 0, 1.5], 3);
    const svg = rankPlot({ good, bad });
    await save("rank", svg);
    expect(byClass(svg, "rank-panel").length).toBe(2);
    expect(byClass(svg, "rank-bars").length).toBe(8);
    expect(byClass(svg, "uniform").length).toBe(8);
    expect(texts(svg)).toEqual(expect.arrayContaining(["good", "bad", "rank (all chains)"]));
    // Bar heights: the offset chain's bars pile up at high ranks.
    const heights = (tag: string) => [...attr(tag, "d")!.matchAll(/V([\d.]+)H/g)].map((m) => Number(m[1]));
    const badChain3 = heights(byClass(svg, "rank-bars")[7]);
    const n = badChain3.length;
    // Smaller y = taller bar: the last bins are taller than the first.
    expect(badChain3[n - 1]).toBeLessThan(badChain3[0]);
  });
});

describe("autocorrPlot", () => {
  it("draws per-chain autocorrelations against lag", async () => {
    const svg = autocorrPlot({ slow: ar1(2, 2000, 0.9, [0, 0], 4), fast: ar1(2, 2000, 0.0, [0, 0], 5) }, { maxLag: 60 });
    await save("autocorr", svg);
    expect(byClass(svg, "acf-panel").length).toBe(2);
    expect(byClass(svg, "acf").length).toBe(4);
    expect(texts(svg)).toContain("lag");
    const single = autocorrPlot({ x: ar1(1, 500, 0.5, [0], 6) }, { maxLag: 30 });
    expect(byClass(single, "acf").length).toBe(1);
    const img = await rasterize(single);
    expect(img.width).toBeGreaterThan(100);
  });
});

describe("forestPlot", () => {
  it("draws HDI/ETI intervals per parameter and chain", async () => {
    const d = fourParams(4, 1000);
    const svg = forestPlot(d, { labels: { sigma: "σ" } });
    await save("forest", svg);
    expect(byClass(svg, "interval").length).toBe(4 * 4);
    expect(byClass(svg, "param-label").length).toBe(4);
    expect(byClass(svg, "rhat").length).toBe(4);
    expect(texts(svg)).toEqual(expect.arrayContaining(["m", "b", "σ", "f", "94% HDI (thick: 50%)"]));

    // Combined, equal-tailed: one row per parameter, endpoints at the diagnostics' ETI.
    const one = forestPlot({ m: d.m }, { combined: true, interval: "eti", width: 400 });
    const outer = byClass(one, "outer");
    expect(outer.length).toBe(1);
    const [lo, hi] = eti(d.m, 0.94);
    const [hlo, hhi] = hdi(d.m, 0.94);
    expect(lo).not.toBe(hlo);
    const x1 = Number(attr(outer[0], "x1"));
    const x2 = Number(attr(outer[0], "x2"));
    // Pixel positions are linear in the values: check the ratio of the interval to the axis.
    expect((x2 - x1) / 400).toBeGreaterThan(0.5);
    expect(Number.isFinite(hi - lo + hhi)).toBe(true);
  });

  it("overlays fits in colour with a legend", async () => {
    const a = fourParams(2, 500, 1);
    const b = fourParams(2, 500, 2);
    const svg = forestPlot([{ draws: a, label: "model A" }, { draws: b, label: "model B" }], { combined: true, refValue: 0 });
    await save("forest-fits", svg);
    expect(byClass(svg, "interval").length).toBe(8);
    expect(texts(svg)).toEqual(expect.arrayContaining(["model A", "model B"]));
    const img = await rasterize(svg);
    expect(inkFraction(img, 0, 0, img.width, img.height)).toBeGreaterThan(0.02);
  });
});
