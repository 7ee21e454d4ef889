import { describe, expect, it } from "vitest";
import { graphPlot, layeredGraphPlot, rasterize, toDot, type ModelGraph } from "../src/index.js";
import { byClass, inkFraction, save, texts } from "./helpers.js";

// Eight schools, as NumPyro's render_model draws it.
const schools: ModelGraph = {
  nodes: [
    { name: "mu", distribution: "Normal" },
    { name: "tau", distribution: "HalfCauchy" },
    { name: "theta", distribution: "Normal", plates: ["J"] },
    { name: "obs", distribution: "Normal", observed: true, plates: ["J"] },
  ],
  edges: [["mu", "theta"], ["tau", "theta"], ["theta", "obs"]],
  plates: { J: 8 },
};

describe("graphPlot", () => {
  it("writes DOT as render_model styles it", () => {
    const dot = toDot(schools);
    expect(dot).toContain('subgraph "cluster_J"');
    expect(dot).toContain('label="J (8)"');
    expect(dot).toMatch(/"obs" \[[^\]]*style=filled/);
    expect(dot).toContain('"mu" -> "theta";');
    expect(() => toDot({ nodes: [{ name: "a" }], edges: [["a", "b"]] })).toThrow(/unknown site "b"/);
  });

  it("lays out layers top to bottom with plates and shaded observed sites", async () => {
    const svg = layeredGraphPlot(schools);
    await save("graph-layered", svg, 2);
    expect(byClass(svg, "node").length).toBe(4);
    expect(byClass(svg, "observed").length).toBe(1);
    expect(byClass(svg, "plate").length).toBe(1);
    expect(byClass(svg, "edge").length).toBe(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(["mu", "tau", "theta", "obs", "J (8)", "HalfCauchy"]));
    const layerOf = (name: string) => Number(svg.match(new RegExp(`data-name="${name}" data-layer="(\\d+)"`))![1]);
    expect([layerOf("mu"), layerOf("tau"), layerOf("theta"), layerOf("obs")]).toEqual([0, 0, 1, 2]);
    // Edges point down.
    for (const e of byClass(svg, "edge")) {
      const y1 = Number(e.match(/y1="([\d.]+)"/)![1]);
      const y2 = Number(e.match(/y2="([\d.]+)"/)![1]);
      expect(y2).toBeGreaterThan(y1);
    }
    const img = await rasterize(svg);
    expect(inkFraction(img, 0, 0, img.width, img.height)).toBeGreaterThan(0.02);
  });

  it("renders with Graphviz (wasm) in Node", async () => {
    const svg = await graphPlot(schools);
    await save("graph-graphviz", svg, 2);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(["mu", "obs", "J (8)"]));
    const img = await rasterize(svg);
    expect(img.width).toBeGreaterThan(50);
    expect(await graphPlot(schools, { engine: "layered" })).toContain('class="plate"');
  });
});
