import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Array, type ConcreteArray, grad, jit, np, valueAndGrad } from "@orrery/core";
import { type ModelFn, potentialEnergy, potentialFromModel } from "@orrery/ppl";
import { gaia, hrDiagram, linear, m67, m67Factor, outliers, reparamLinear, xErrors } from "./seed-models.js";

interface Case {
  z: number[];
  potential: number;
  grad: number[];
}
const fx = JSON.parse(readFileSync(new URL("./fixtures/seed-models.json", import.meta.url), "utf8")) as {
  data: Record<string, number[] & number>;
  models: Record<string, Case[]>;
};
const d = fx.data;
const x = np.array(d.x);
const y = np.array(d.y);
const yerr = np.array(d.yerr);
const xerr = np.array(d.xerr);
const colour = np.array(d.hr_colour);
const counts = np.array(d.hr_counts);
const m67Data = {
  parallaxError: np.array(d.m67_plx_err),
  pmError: np.array(d.m67_pm_err),
  fieldMean: np.array(d.m67_field_mean),
  fieldCov: np.array(d.m67_field_cov),
  L: d.m67_L,
};
const m67Args = [m67Data, np.array(d.m67_pm), np.array(d.m67_plx)];

type Layout = [string, number[]][]; // site name, shape of its value
const m67Layout: Layout = [["d_c", []], ["sigma_c", []], ["mu_c", [2]], ["sigma_mu", []], ["f", []], ["r", [6]]];
const setups: Record<string, { model: ModelFn; args: unknown[]; layout: Layout }[]> = {
  linear: [{ model: linear, args: [x, yerr, y], layout: [["m", []], ["b", []]] }],
  reparam: [{ model: reparamLinear, args: [x, yerr, y], layout: [["theta", []], ["b_perp", []]] }],
  xerrors: [{ model: xErrors, args: [x, xerr, yerr, y], layout: [["m", []], ["b", []], ["sigma", []], ["x_true", [6]]] }],
  outliers: [{ model: outliers, args: [x, yerr, np.array(d.y_out)], layout: [["m", []], ["b", []], ["q", []], ["mu_bg", []], ["sigma_bg", []]] }],
  gaia: [{ model: gaia, args: [d.L, d.plx_err, d.plx], layout: [["r", []]] }],
  // The hierarchical HR-diagram model: mu is [clusters, 1] (plate dim -2), m is [clusters, stars].
  hr: [{ model: hrDiagram, args: [colour, counts], layout: [["mu0", []], ["sigma0", []], ["sigma_ms", []], ["mu", [3, 1]], ["m", [3, 5]]] }],
  // The M67-style mixture, generatively (MixtureGeneral) and with a factor (as examples/m67-cluster).
  m67: [
    { model: m67, args: m67Args, layout: m67Layout },
    { model: m67Factor, args: m67Args, layout: m67Layout },
  ],
};

function toParams(z: number[], layout: Layout): Record<string, Array> {
  const out: Record<string, Array> = {};
  let i = 0;
  for (const [name, shape] of layout) {
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = np.array(z.slice(i, i + size)).reshape(shape);
    i += size;
  }
  return out;
}
function flatGrad(g: Record<string, Array>, layout: Layout): number[] {
  return layout.flatMap(([name]) => globalThis.Array.from((g[name] as ConcreteArray).toTypedArray() as Float64Array));
}
const close = (a: number, b: number, rel = 1e-10): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(b), 1));
};

describe("potentialEnergy of the seed models equals hand-written densities (mpmath/SciPy fixtures)", () => {
  it("every fixture model has a setup", () => expect(Object.keys(setups).sort()).toEqual(Object.keys(fx.models).sort()));
  for (const [name, cases] of Object.entries(fx.models)) for (const { model, args, layout } of setups[name]) {
    const label = `${name} (${model.name})`;
    it(`${label}: value and gradient at ${cases.length} points`, () => {
      for (const c of cases) {
        const p = toParams(c.z, layout);
        close(potentialEnergy(model, args, p).item(), c.potential);
        const g = grad((q: Record<string, Array>) => potentialEnergy(model, args, q))(p) as Record<string, Array>;
        const fg = flatGrad(g, layout);
        expect(fg.length).toBe(c.grad.length);
        fg.forEach((v, i) => close(v, c.grad[i]));
      }
    });
    it(`${label}: potentialFromModel under jit(valueAndGrad)`, () => {
      const pot = potentialFromModel(model, args);
      expect(pot.names).toEqual(layout.map(([n]) => n));
      const vg = jit(valueAndGrad(pot.logp));
      for (const c of cases) {
        const [v, g] = vg(np.array(c.z)) as [Array, Array];
        close(v.item(), -c.potential);
        (g.tolist() as number[]).forEach((gi, i) => close(gi, -c.grad[i]));
      }
    });
  }
});
