import { describe, expect, it } from "vitest";
import { rasterize, tracePlot } from "../src/index.js";
import { byClass, fourParams, inkFraction, rng, save, texts } from "./helpers.js";

describe("tracePlot", () => {
  it("draws one row per component: per-chain marginals and traces", async () => {
    const d = fourParams(4, 1000);
    const div = new Uint8Array(4000);
    div[123] = div[2500] = 1;
    const svg = tracePlot(d, { labels: { sigma: "σ" }, divergences: div });
    await save("trace-4params", svg);
    expect(byClass(svg, "marginal-panel").length).toBe(4);
    expect(byClass(svg, "trace-panel").length).toBe(4);
    expect(byClass(svg, "trace").length).toBe(16);
    expect(byClass(svg, "marginal").length).toBe(16);
    expect(byClass(svg, "divergence").length).toBe(4);
    expect(texts(svg)).toEqual(expect.arrayContaining(["m", "b", "σ", "f", "chain 0", "chain 3"]));
    const img = await rasterize(svg);
    // Trace panels are densely inked; the gap between rows is not.
    const rect = [...svg.matchAll(/<clipPath id="[^"]+"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) =>
      m.slice(1, 5).map(Number),
    );
    const [tx, ty, tw, th] = rect[1];
    expect(inkFraction(img, tx + 2, ty + 2, tw - 4, th - 4)).toBeGreaterThan(0.3);
  });

  it("expands vector parameters and decimates long chains", () => {
    const z = rng(3);
    const data = Float64Array.from({ length: 2 * 20000 * 3 }, () => z());
    const svg = tracePlot({ theta: { data, shape: [2, 20000, 3] } }, { maxPoints: 1000 });
    expect(texts(svg)).toEqual(expect.arrayContaining(["theta[0]", "theta[1]", "theta[2]"]));
    const d = byClass(svg, "trace")[0].match(/ d="([^"]*)"/)![1];
    expect(d.split("L").length).toBeLessThanOrEqual(1001);
    expect(svg.length).toBeLessThan(400_000);
  });
});
