import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { graphPlot } from "@orrery/plot";
import { toDot } from "@orrery/ppl";
import { hrGraph } from "../src/graph.js";
import { TRUTH, hrModel, makeData } from "../src/model.js";

const meanSd = (v: ArrayLike<number>): [number, number] => {
  const a = Array.from(v);
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  return [mean, Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / (a.length - 1))];
};

describe("hr-diagram example", () => {
  const data = makeData(4, 25, 0);

  test("the model graph has the clusters and stars plates (nested) and the observed counts", async () => {
    const g = hrGraph(data);
    expect(g.dependenciesFound).toBe(true);
    const plates = Object.fromEntries(g.plates.map((p) => [p.name, p]));
    expect(Object.keys(plates).sort()).toEqual(["clusters", "stars"]);
    expect(plates.clusters.size).toBe(4);
    expect(plates.stars.size).toBe(25);
    expect(plates.clusters.sites.sort()).toEqual(["M", "counts", "m", "mu"]);
    expect(plates.stars.sites.sort()).toEqual(["M", "counts", "m"]);
    const site = Object.fromEntries(g.sites.map((s) => [s.name, s]));
    expect(site.counts.isObserved).toBe(true);
    expect(site.counts.distribution).toBe("PoissonLogRate");
    expect(site.mu.distribution).toBe("Normal");
    expect(g.sites.filter((s) => s.isObserved).map((s) => s.name)).toEqual(["counts"]);
    for (const name of ["mu0", "sigma0", "sigma_ms"]) expect(site[name].plates).toEqual([]);
    expect(g.edges).toEqual(expect.arrayContaining([["mu0", "mu"], ["sigma0", "mu"], ["mu", "m"], ["sigma_ms", "m"], ["m", "counts"]]));
    const dot = toDot(g);
    expect(dot.match(/subgraph cluster_/g)).toHaveLength(2);
    expect(dot).toContain('"counts" [label="counts\\nPoissonLogRate", shape=ellipse, style=filled');
    const svg = await graphPlot(dot);
    expect(svg).toContain("clusters (4)");
    expect(svg).toContain("stars (25)");
  });

  test("recovers the clusters' distance moduli and the main-sequence scatter", async () => {
    const mcmc = new MCMC(new NUTS(hrModel), { numWarmup: 300, numSamples: 300, numChains: 2, progressBar: false });
    await mcmc.run(random.key(1), data);
    const s = mcmc.getSamples();
    const mu = s.mu.data as Float64Array; // [600, 4, 1]
    const truth = data.mu.tolist() as number[];
    for (let c = 0; c < 4; c++) {
      const [mean, sd] = meanSd(Array.from({ length: 600 }, (_, k) => mu[k * 4 + c]));
      expect(Math.abs(mean - truth[c]), `cluster ${c}`).toBeLessThan(3 * sd);
    }
    const [mean, sd] = meanSd(s.sigma_ms.data as Float64Array);
    expect(Math.abs(mean - TRUTH.sigma_ms)).toBeLessThan(3 * sd);
    expect(mcmc.numDivergences).toBe(0);
  });
});
