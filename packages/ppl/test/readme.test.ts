/** The README's example runs. */
import { expect, it } from "vitest";
import { grad, jit, np, random, valueAndGrad } from "@orrery/core";
import { HalfNormal, Normal } from "@orrery/distributions";
import { Predictive, initializeModel, modelGraph, plate, potentialEnergy, potentialFromModel, sample, seed, toDot, trace } from "@orrery/ppl";

it("README example", () => {
  function model(x: np.ArrayLike, y?: np.ArrayLike) {
    const xs = np.asArray(x);
    const m = sample("m", new Normal(0, 10));
    const b = sample("b", new Normal(0, 10));
    const sigma = sample("sigma", new HalfNormal(1));
    plate("data", xs.shape[0], () => {
      sample("y", new Normal(m.mul(xs).add(b), sigma), { obs: y });
    });
  }
  const x = np.array([0, 1, 2, 3]);
  const y = np.array([0.1, 1.1, 1.9, 3.2]);
  const tr = trace(seed(model, 0)).getTrace(x, y);
  expect(tr.y.isObserved).toBe(true);
  const p = { m: np.array(1), b: np.array(0), sigma: np.array(0) };
  const pe = potentialEnergy(model, [x, y], p);
  const g = grad((q: typeof p) => potentialEnergy(model, [x, y], q))(p);
  const pot = potentialFromModel(model, [x, y]);
  const [lp, gg] = jit(valueAndGrad(pot.logp))(pot.ravel(p));
  expect(lp.item()).toBeCloseTo(-pe.item(), 12);
  expect(gg.tolist()).toEqual([g.m.item(), g.b.item(), g.sigma.item()].map((v) => -v));
  const info = initializeModel(random.key(1), model, { modelArgs: [x, y] });
  expect(Number.isFinite(info.paramInfo.potentialEnergy.item())).toBe(true);
  expect(Number.isFinite(jit(valueAndGrad(pot.logp))(np.array(pot.init(random.key(0))))[0].item())).toBe(true);
  const prior = Predictive(model, { numSamples: 1000 })(random.key(2), x);
  expect(prior.y.shape).toEqual([1000, 4]);
  expect(toDot(modelGraph(model, x, y))).toContain('"sigma" -> "y";');
});
