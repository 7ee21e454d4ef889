import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import {
  type HMCState,
  type IntegratorName,
  PhasePointPool,
  StagedIntegrator,
  buildHmcKernel,
  buildNutsKernel,
  copyGradientState,
  createHmcStepper,
  createNutsStepper,
  gaussianEuclidean,
  integratorState,
  makeIntegrator,
  velocityVerlet,
  rngFromKey,
  windowAdaptation,
} from "../src/index.js";
import { funnelNonCentred, gaussian, stdNormal } from "./helpers.js";

function corr(dim: number): Float64Array {
  const c = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[i * dim + j] = 0.8 ** Math.abs(i - j);
  return c;
}

describe("StagedIntegrator", () => {
  it.each<[IntegratorName, "diagonal" | "dense"]>([
    ["velocityVerlet", "diagonal"],
    ["velocityVerlet", "dense"],
    ["mclachlan", "diagonal"],
    ["mclachlan", "dense"],
    ["yoshida", "diagonal"],
  ])("%s with a %s metric is bitwise the in-place integrator", (name, kind) => {
    const dim = 4;
    const ld = gaussian(dim, corr(dim));
    const inv = kind === "diagonal" ? Float64Array.of(1, 0.5, 2, 1.5) : corr(dim);
    const metric = gaussianEuclidean(dim, inv);
    const pool = new PhasePointPool(dim);
    const src = pool.take();
    src.position.set([0.3, -1.2, 0.7, 2.1]);
    src.momentum.set([1.1, 0.4, -0.9, 0.2]);
    src.logdensity = ld.valueAndGrad(src.position, src.logdensityGrad);
    const z = integratorState(dim, src);
    const inPlace = makeIntegrator(ld, name);
    const staged = new StagedIntegrator(ld, name);
    let from = src;
    for (let step = 0; step < 5; step++) {
      const eps = step % 2 === 0 ? 0.3 : -0.2;
      inPlace(z, eps, metric);
      const dst = pool.take();
      staged.start(from, dst, eps, metric);
      let gradients = 0;
      do gradients++;
      while (!staged.advance(dst, ld.valueAndGrad(dst.position, dst.logdensityGrad)));
      expect(gradients).toBe(staged.stages);
      expect(Array.from(dst.position)).toEqual(Array.from(z.position));
      expect(Array.from(dst.momentum)).toEqual(Array.from(z.momentum));
      expect(Array.from(dst.logdensityGrad)).toEqual(Array.from(z.logdensityGrad));
      expect(dst.logdensity).toBe(z.logdensity);
      expect(dst.energy).toBe(-z.logdensity + metric.kineticEnergy(z.momentum));
      from = dst;
    }
  });
});

describe("createNutsStepper", () => {
  it("driven one gradient at a time, interleaving chains, gives each chain's kernel draws exactly", () => {
    const ld = funnelNonCentred(6);
    const warm = windowAdaptation(ld).run(random.key(1), new Float64Array(6).fill(0.2), 200);
    const chains = 3;
    // Reference: each chain alone through buildNutsKernel.
    const expected: number[][] = [];
    for (let c = 0; c < chains; c++) {
      const kernel = buildNutsKernel(ld);
      const rng = rngFromKey(random.key(10 + c));
      let s: HMCState = copyGradientState(warm.state);
      const draws: number[] = [];
      for (let i = 0; i < 100; i++) {
        s = kernel(rng, s, warm.parameters).state;
        draws.push(...s.position);
      }
      expected.push(draws);
    }
    // Round-robin: one gradient per chain per turn, as a vectorized driver would.
    const steppers = Array.from({ length: chains }, () => createNutsStepper(ld));
    const rngs = Array.from({ length: chains }, (_, c) => rngFromKey(random.key(10 + c)));
    const states = Array.from({ length: chains }, () => copyGradientState(warm.state));
    const draws: number[][] = Array.from({ length: chains }, () => []);
    const left = new Array<number>(chains).fill(100);
    steppers.forEach((s, c) => s.begin(rngs[c], states[c], warm.parameters));
    while (left.some((n) => n > 0)) {
      for (let c = 0; c < chains; c++) {
        if (left[c] === 0) continue;
        const s = steppers[c];
        if (!s.done) s.supply(ld.valueAndGrad(s.position, s.gradient));
        if (s.done) {
          s.finish(states[c]);
          draws[c].push(...states[c].position);
          if (--left[c] > 0) s.begin(rngs[c], states[c], warm.parameters);
        }
      }
    }
    expect(draws).toEqual(expected);
  });

  it("holds O(tree depth) phase points however long the trajectories", () => {
    const ld = stdNormal(3);
    const stepper = createNutsStepper(ld, { maxTreeDepth: 8 });
    const rng = rngFromKey(random.key(3));
    let state: HMCState = { position: new Float64Array(3).fill(0.1), logdensity: 0, logdensityGrad: new Float64Array(3) };
    state.logdensity = ld.valueAndGrad(state.position, state.logdensityGrad);
    let maxSteps = 0;
    const pool = (stepper as unknown as { pool: PhasePointPool }).pool;
    for (let i = 0; i < 50; i++) {
      // A tiny step size: every trajectory runs to the maximum depth (255 leapfrog steps).
      stepper.begin(rng, state, { stepSize: 0.01, inverseMassMatrix: Float64Array.of(1, 1, 1) });
      while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
      const r = stepper.finish();
      state = r.state;
      maxSteps = Math.max(maxSteps, r.info.numIntegrationSteps);
    }
    expect(maxSteps).toBe(255);
    expect(pool.size).toBeLessThanOrEqual(3 * 8 + 5);
  });

  it("rejects a bad step size before touching the state", () => {
    const stepper = createNutsStepper(stdNormal(2));
    const state = { position: Float64Array.of(0, 0), logdensity: 0, logdensityGrad: Float64Array.of(0, 0) };
    expect(() => stepper.begin(rngFromKey(random.key(0)), state, { stepSize: 0, inverseMassMatrix: Float64Array.of(1, 1) })).toThrow(/step size must be positive/);
  });
});

describe("createHmcStepper", () => {
  it("gives buildHmcKernel's draws exactly, also when a trajectory leaves the support", () => {
    const ld = stdNormal(3);
    const walled = { dim: 3, valueAndGrad: (x: Float64Array, g: Float64Array) => (x[0] > 1.2 ? -Infinity : ld.valueAndGrad(x, g)) };
    for (const target of [ld, walled]) {
      const kernel = buildHmcKernel(target);
      const stepper = createHmcStepper(target);
      const [r1, r2] = [rngFromKey(random.key(5)), rngFromKey(random.key(5))];
      let a: HMCState = { position: Float64Array.of(0.1, 0.2, -0.3), logdensity: 0, logdensityGrad: new Float64Array(3) };
      a.logdensity = target.valueAndGrad(a.position, a.logdensityGrad);
      let b = copyGradientState(a);
      let gradients = 0;
      for (let i = 0; i < 200; i++) {
        const params = { stepSize: 0.4, inverseMassMatrix: Float64Array.of(1, 2, 0.5), numIntegrationSteps: 1 + (i % 7) };
        const ra = kernel(r1, a, params);
        stepper.begin(r2, b, params);
        while (!stepper.done) {
          gradients++;
          stepper.supply(target.valueAndGrad(stepper.position, stepper.gradient));
        }
        const rb = stepper.finish();
        expect(rb.info).toEqual(ra.info);
        expect(Array.from(rb.state.position)).toEqual(Array.from(ra.state.position));
        a = ra.state;
        b = rb.state;
      }
      expect(gradients).toBeGreaterThan(200);
    }
  });
});

describe("a user's in-place integrator (a function of the log density)", () => {
  it("gives NUTS and HMC the same draws as the named integrator it implements", () => {
    const ld = funnelNonCentred(4);
    const custom = { integrator: (d: typeof ld) => velocityVerlet(d) };
    const params = { stepSize: 0.3, inverseMassMatrix: Float64Array.of(1, 2, 1, 0.5), numIntegrationSteps: 6 };
    for (const [named, own] of [
      [buildNutsKernel(ld), buildNutsKernel(ld, custom)],
      [buildHmcKernel(ld), buildHmcKernel(ld, custom)],
    ] as const) {
      const [r1, r2] = [rngFromKey(random.key(8)), rngFromKey(random.key(8))];
      let a: HMCState = { position: Float64Array.of(0.5, 0.1, -0.2, 0.3), logdensity: 0, logdensityGrad: new Float64Array(4) };
      a.logdensity = ld.valueAndGrad(a.position, a.logdensityGrad);
      let b = copyGradientState(a);
      for (let i = 0; i < 100; i++) {
        const ra = named(r1, a, params);
        const rb = own(r2, b, params);
        expect(rb.info).toEqual(ra.info);
        expect(Array.from(rb.state.position)).toEqual(Array.from(ra.state.position));
        a = ra.state;
        b = rb.state;
      }
    }
  });
});
