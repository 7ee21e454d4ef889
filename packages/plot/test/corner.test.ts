import { describe, expect, it } from "vitest";
import { quantile } from "@orrery/diagnostics";
import { cornerPlot, credibleContours, pointInPolygon, rasterize, SIGMA_LEVELS_2D } from "../src/index.js";
import { byClass, fourParams, gaussian2d, inkFraction, save, texts } from "./helpers.js";

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];

describe("cornerPlot", () => {
  it("draws a correlated 2-D Gaussian as corner.py does", async () => {
    const { x, y } = gaussian2d(4, 2000, 0.8, 3);
    const svg = cornerPlot({ x, y }, { truths: { x: 0, y: 0 } });
    await save("corner-gaussian2d", svg, 2);

    // 3 panels: two marginals and one pair panel with one contour path per level.
    expect(byClass(svg, "panel").length).toBe(3);
    expect(byClass(svg, "marginal").length).toBe(2);
    const contours = byClass(svg, "contour");
    expect(contours.map((c) => Number(attr(c, "data-level"))).sort()).toEqual(SIGMA_LEVELS_2D.map((l) => Number(l.toFixed(4))));
    expect(byClass(svg, "truth").length).toBe(4);
    expect(byClass(svg, "truth-point").length).toBe(1);

    // Labels and quantile titles "x = 0.02 +0.98 −1.00" from the draws' 16/50/84% quantiles.
    const t = texts(svg);
    expect(t).toContain("x");
    expect(t).toContain("y");
    const [lo, mid, hi] = quantile(x, [0.16, 0.5, 0.84]);
    const fmt2 = (v: number) => v.toFixed(2).replace("-", "\u2212");
    expect(t).toContain(`x = ${fmt2(mid)}+${fmt2(hi - mid)}\u2212${fmt2(mid - lo)}`);
    // Tick labels on the bottom row and the left column only.
    expect(byClass(svg, "tick-label").length).toBeGreaterThanOrEqual(6);

    // The picture: ink where the panels are, a blank upper-right triangle.
    const img = await rasterize(svg);
    const w = Number(attr(svg.slice(0, 200), "width"));
    const h = Number(attr(svg.slice(0, 200), "height"));
    expect([img.width, img.height]).toEqual([w, h]);
    const pair = byClass(svg, "pair")[0];
    expect(pair).toBeDefined();
    const rects = [...svg.matchAll(/<clipPath id="[^"]+"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) =>
      m.slice(1, 5).map(Number),
    );
    expect(rects.length).toBe(3);
    const [diag0, , pairRect] = rects; // diagonals first, then the pair panel
    const [px, py, pw, ph] = pairRect;
    expect(inkFraction(img, px + 2, py + 2, pw - 4, ph - 4)).toBeGreaterThan(0.4); // filled contours
    expect(inkFraction(img, diag0[0] + 2, diag0[1] + 2, diag0[2] - 4, diag0[3] - 4)).toBeGreaterThan(0.01);
    expect(inkFraction(img, px + pw + 10, 0, pw - 10, py - 20)).toBeLessThan(0.001); // empty upper triangle
  });

  it("contours enclose their credible fraction of the draws", () => {
    const { x, y } = gaussian2d(2, 3000, -0.6, 11, [1, 2, 0.5, 3]);
    const cs = credibleContours(x.data, y.data);
    expect(cs.map((c) => c.level)).toEqual([...SIGMA_LEVELS_2D]);
    for (const c of cs) {
      let inside = 0;
      for (let i = 0; i < x.data.length; i++) if (c.polygons.some((p) => pointInPolygon(x.data[i], y.data[i], p))) inside++;
      expect(Math.abs(inside / x.data.length - c.level)).toBeLessThan(0.01);
    }
    // For a Gaussian the 2-D 1σ region is the ellipse of Mahalanobis radius 1: compare its area.
    const inner = cs[0].polygons[0][0];
    let area = 0;
    for (let i = 0, j = inner.length - 1; i < inner.length; j = i++) area += (inner[j][0] + inner[i][0]) * (inner[j][1] - inner[i][1]);
    area = Math.abs(area) / 2;
    const ellipse = Math.PI * 0.5 * 3 * Math.sqrt(1 - 0.36);
    expect(area / ellipse).toBeGreaterThan(0.85);
    expect(area / ellipse).toBeLessThan(1.15);
  });

  it("draws 4 parameters with consistent ticks and labels", async () => {
    const d = fourParams();
    const svg = cornerPlot(d, { labels: { m: "m", b: "b", sigma: "σ", f: "f" }, truths: [1.23, 4.2, null, null] });
    await save("corner-4params", svg, 1.5);
    expect(byClass(svg, "panel").length).toBe(10);
    expect(byClass(svg, "diag").length).toBe(4);
    expect(byClass(svg, "contour").length).toBe(6 * 3);
    expect(byClass(svg, "axis-label").length).toBe(4 + 3);
    expect(texts(svg).filter((s) => s.startsWith("σ = ")).length).toBe(1);
    const img = await rasterize(svg, { scale: 0.5 });
    expect(img.width).toBe(Math.round(Number(attr(svg.slice(0, 200), "width")) * 0.5));
  });

  it("overlays fits with a legend, KDE diagonals and vector parameters", async () => {
    const a = gaussian2d(2, 1500, 0.5, 5);
    const b = gaussian2d(2, 1500, -0.3, 6, [0.8, -0.5, 0.7, 1.2]);
    const vec = (g: typeof a) => {
      const data = new Float64Array(2 * 1500 * 2);
      for (let i = 0; i < 3000; i++) {
        data[2 * i] = g.x.data[i];
        data[2 * i + 1] = g.y.data[i];
      }
      return { theta: { data, shape: [2, 1500, 2] }, mu: g.x };
    };
    const svg = cornerPlot(
      [
        { draws: vec(a), label: "NUTS" },
        { draws: vec(b), label: "SA" },
      ],
      { diagonal: "kde", params: ["theta"] },
    );
    await save("corner-overlay", svg, 2);
    expect(texts(svg)).toEqual(expect.arrayContaining(["theta[0]", "theta[1]", "NUTS", "SA"]));
    expect(byClass(svg, "legend").length).toBe(1);
    expect(byClass(svg, "contour").length).toBe(2 * 3);
    expect(byClass(svg, "points").length).toBe(0);
    const colors = new Set(byClass(svg, "marginal").map((m) => attr(m, "stroke")));
    expect(colors.size).toBe(2);
  });

  it("splits chains, takes ranges and names missing parameters", () => {
    const { x, y } = gaussian2d(3, 500, 0.2, 9);
    const svg = cornerPlot({ x, y }, { splitChains: true, ranges: { x: [-5, 5], y: 0.9 } });
    expect(texts(svg)).toEqual(expect.arrayContaining(["chain 0", "chain 1", "chain 2"]));
    expect(() => cornerPlot({ x, y }, { params: ["z"] })).toThrow(/no parameter "z"/);
  });
});
