import { describe, expect, it } from "vitest";
import { gaussianEuclidean, integratorState, makeIntegrator, type IntegratorName } from "../src/index.js";
import { gaussian, stdNormal } from "./helpers.js";

const cov = Float64Array.of(2, 0.6, 0.3, 0.6, 1, -0.2, 0.3, -0.2, 0.5);

function energy(z: ReturnType<typeof integratorState>, m: ReturnType<typeof gaussianEuclidean>) {
  return -z.logdensity + m.kineticEnergy(z.momentum);
}

function start(ld: ReturnType<typeof stdNormal>) {
  const z = integratorState(ld.dim);
  for (let i = 0; i < ld.dim; i++) {
    z.position[i] = 0.3 + 0.2 * i;
    z.momentum[i] = 1 - 0.4 * i;
  }
  z.logdensity = ld.valueAndGrad(z.position, z.logdensityGrad);
  return z;
}

describe.each<IntegratorName>(["velocityVerlet", "mclachlan", "yoshida"])("integrator %s", (name) => {
  const ld = gaussian(3, cov);
  for (const inv of [Float64Array.of(1, 0.5, 2), Float64Array.of(1, 0.2, 0, 0.2, 1, 0.1, 0, 0.1, 0.7)]) {
    const m = gaussianEuclidean(3, inv);
    it(`is reversible (${m.kind} metric)`, () => {
      const step = makeIntegrator(ld, name);
      const z = start(ld);
      const q0 = z.position.slice();
      const p0 = z.momentum.slice();
      for (let i = 0; i < 25; i++) step(z, 0.1, m);
      for (let i = 0; i < 25; i++) step(z, -0.1, m);
      for (let i = 0; i < 3; i++) {
        expect(z.position[i]).toBeCloseTo(q0[i], 11);
        expect(z.momentum[i]).toBeCloseTo(p0[i], 11);
      }
      // Flipping the momentum retraces the path as well.
      for (let i = 0; i < 25; i++) step(z, 0.1, m);
      for (let i = 0; i < 3; i++) z.momentum[i] = -z.momentum[i];
      for (let i = 0; i < 25; i++) step(z, 0.1, m);
      for (let i = 0; i < 3; i++) expect(z.position[i]).toBeCloseTo(q0[i], 11);
    });

    it(`has the expected order of energy error (${m.kind} metric)`, () => {
      const step = makeIntegrator(ld, name);
      const errAt = (eps: number) => {
        const z = start(ld);
        const h0 = energy(z, m);
        const n = Math.round(1 / eps);
        let worst = 0;
        for (let i = 0; i < n; i++) {
          step(z, eps, m);
          worst = Math.max(worst, Math.abs(energy(z, m) - h0));
        }
        return worst;
      };
      const ratio = errAt(0.1) / errAt(0.05);
      const order = 2; // all three are second-order splittings
      expect(Math.log2(ratio)).toBeGreaterThan(order - 0.3);
      expect(Math.log2(ratio)).toBeLessThan(order + 0.5);
    });
  }
});

it("McLachlan's error is smaller than two half-size leapfrog steps", () => {
  const ld = stdNormal(4);
  const m = gaussianEuclidean(4, new Float64Array(4).fill(1));
  const lf = makeIntegrator(ld, "velocityVerlet");
  const mc = makeIntegrator(ld, "mclachlan");
  const a = start(ld), b = start(ld);
  const h0 = energy(a, m);
  let ea = 0, eb = 0;
  for (let i = 0; i < 20; i++) {
    lf(a, 0.25, m);
    lf(a, 0.25, m);
    mc(b, 0.5, m);
    ea = Math.max(ea, Math.abs(energy(a, m) - h0));
    eb = Math.max(eb, Math.abs(energy(b, m) - h0));
  }
  expect(eb).toBeLessThan(ea);
});
