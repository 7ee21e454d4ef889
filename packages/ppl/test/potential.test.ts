import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Array, type ConcreteArray, grad, jit, np, valueAndGrad } from "@orrery/core";
import { type ModelFn, potentialEnergy, potentialFromModel } from "@orrery/ppl";
import { gaia, linear, outliers, reparamLinear, xErrors } from "./seed-models.js";

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

type Layout = [string, number][]; // site name, size (0 for a scalar)
const setups: Record<string, { model: ModelFn; args: unknown[]; layout: Layout }> = {
  linear: { model: linear, args: [x, yerr, y], layout: [["m", 0], ["b", 0]] },
  reparam: { model: reparamLinear, args: [x, yerr, y], layout: [["theta", 0], ["b_perp", 0]] },
  xerrors: { model: xErrors, args: [x, xerr, yerr, y], layout: [["m", 0], ["b", 0], ["sigma", 0], ["x_true", 6]] },
  outliers: { model: outliers, args: [x, yerr, np.array(d.y_out)], layout: [["m", 0], ["b", 0], ["q", 0], ["mu_bg", 0], ["sigma_bg", 0]] },
  gaia: { model: gaia, args: [d.L, d.plx_err, d.plx], layout: [["r", 0]] },
};

function toParams(z: number[], layout: Layout): Record<string, Array> {
  const out: Record<string, Array> = {};
  let i = 0;
  for (const [name, size] of layout) {
    out[name] = size === 0 ? np.array(z[i]) : np.array(z.slice(i, i + size));
    i += Math.max(size, 1);
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
  for (const [name, cases] of Object.entries(fx.models)) {
    const { model, args, layout } = setups[name];
    it(`${name}: value and gradient at ${cases.length} points`, () => {
      for (const c of cases) {
        const p = toParams(c.z, layout);
        close(potentialEnergy(model, args, p).item(), c.potential);
        const g = grad((q: Record<string, Array>) => potentialEnergy(model, args, q))(p) as Record<string, Array>;
        flatGrad(g, layout).forEach((v, i) => close(v, c.grad[i]));
      }
    });
    it(`${name}: potentialFromModel under jit(valueAndGrad)`, () => {
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
