/**
 * The step-wise window adaptation (`start` / `step` / `update` / `result`) against the
 * synchronous loop `run` was before it became a wrapper: the same draws, tunables and counts,
 * bit for bit.
 */
import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import {
  type HMCState,
  type InverseMassMatrix,
  type LogDensity,
  type WindowAdaptationOptions,
  type WindowAdaptationResult,
  buildHmcKernel,
  buildNutsKernel,
  buildSchedule,
  copyGradientState,
  createNutsStepper,
  dualAveragingInit,
  dualAveragingUpdate,
  emptyGradientState,
  findReasonableStepSize,
  initGradientState,
  rngFromKey,
  welfordCovariance,
  welfordInit,
  welfordReset,
  welfordUpdate,
  windowAdaptation,
} from "../../src/index.js";
import { funnelNonCentred, gaussian } from "../helpers.js";

/** `windowAdaptation(ld, options).run` as it was written before the step-wise form (one loop). */
function referenceRun(ld: LogDensity, options: WindowAdaptationOptions, key: number, position: Float64Array, numSteps: number, trace: Float64Array[]): WindowAdaptationResult {
  const dim = ld.dim;
  const dense = options.isMassMatrixDiagonal === false;
  const nuts = options.algorithm !== "hmc" ? buildNutsKernel(ld, options) : null;
  const hmc = options.algorithm === "hmc" ? buildHmcKernel(ld, options) : null;
  const step = (rng: ReturnType<typeof rngFromKey>, s: HMCState, p: { stepSize: number; inverseMassMatrix: InverseMassMatrix }, out: HMCState) =>
    nuts !== null ? nuts(rng, s, p, out) : hmc!(rng, s, { ...p, numIntegrationSteps: options.numIntegrationSteps! }, out);
  const rng = rngFromKey(random.key(key));
  let state = initGradientState(ld, position);
  let spare = emptyGradientState(dim);
  let inverseMassMatrix: Float64Array = options.initialInverseMassMatrix?.slice() ?? identity(dim, dense);
  let stepSize = findReasonableStepSize(ld, rng, state, inverseMassMatrix, options.initialStepSize ?? 1, options);
  let da = dualAveragingInit(stepSize);
  const welford = welfordInit(dim, dense);
  const schedule = buildSchedule(numSteps, options);
  let numDivergent = 0;
  let numIntegrationSteps = 0;
  for (let i = 0; i < numSteps; i++) {
    const { state: next, info } = step(rng, state, { stepSize, inverseMassMatrix }, spare);
    spare = state;
    state = next;
    trace.push(state.position.slice());
    if (info.isDivergent) numDivergent++;
    numIntegrationSteps += info.numIntegrationSteps;
    da = dualAveragingUpdate(da, info.acceptanceRate, options);
    stepSize = Math.exp(da.logStepSize);
    const sch = schedule[i];
    if (sch.stage === "slow") {
      welfordUpdate(welford, state.position);
      if (sch.windowEnd) {
        inverseMassMatrix = welfordCovariance(welford, true);
        welfordReset(welford);
        stepSize = findReasonableStepSize(ld, rng, state, inverseMassMatrix, stepSize, options);
        da = dualAveragingInit(stepSize);
      }
    }
  }
  const finalStepSize = numSteps > 0 && da.step > 0 ? Math.exp(da.logStepSizeAvg) : stepSize;
  return { state, parameters: { stepSize: finalStepSize, inverseMassMatrix }, numDivergent, numIntegrationSteps };
}

function identity(dim: number, dense: boolean): Float64Array {
  if (!dense) return new Float64Array(dim).fill(1);
  const m = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) m[i * dim + i] = 1;
  return m;
}

function expectSame(a: WindowAdaptationResult, b: WindowAdaptationResult): void {
  expect(Array.from(a.state.position)).toEqual(Array.from(b.state.position));
  expect(Array.from(a.state.logdensityGrad)).toEqual(Array.from(b.state.logdensityGrad));
  expect(a.state.logdensity).toBe(b.state.logdensity);
  expect(a.parameters.stepSize).toBe(b.parameters.stepSize);
  expect(Array.from(a.parameters.inverseMassMatrix)).toEqual(Array.from(b.parameters.inverseMassMatrix));
  expect(a.numDivergent).toBe(b.numDivergent);
  expect(a.numIntegrationSteps).toBe(b.numIntegrationSteps);
}

const cov = Float64Array.of(1, 0.6, 0.2, 0.6, 2, -0.3, 0.2, -0.3, 0.5);
const cases: { name: string; ld: LogDensity; options: WindowAdaptationOptions; n: number }[] = [
  { name: "NUTS, diagonal, 1000 steps (five windows)", ld: gaussian(3, cov), options: {}, n: 1000 },
  { name: "NUTS, dense, 150 steps (short schedule)", ld: gaussian(3, cov), options: { isMassMatrixDiagonal: false }, n: 150 },
  { name: "HMC, 300 steps, funnel", ld: funnelNonCentred(4), options: { algorithm: "hmc", numIntegrationSteps: 7, targetAcceptanceRate: 0.9 }, n: 300 },
  { name: "NUTS, 12 steps (all fast)", ld: gaussian(3, cov), options: { initialStepSize: 0.1 }, n: 12 },
];

describe("windowAdaptation, step by step", () => {
  for (const c of cases) {
    it(`${c.name}: start/step gives the draws, tunables and counts of the old run`, () => {
      const x0 = Float64Array.from({ length: c.ld.dim }, (_, i) => 0.3 - 0.2 * i);
      const refTrace: Float64Array[] = [];
      const ref = referenceRun(c.ld, c.options, 7, x0, c.n, refTrace);

      // run (now start + step to the end)
      expectSame(windowAdaptation(c.ld, c.options).run(random.key(7), x0, c.n), ref);

      // start + step, one transition per step, checking each draw and the onStep calls
      const seen: number[] = [];
      const w = windowAdaptation(c.ld, { ...c.options, onStep: (i) => seen.push(i) }).start(random.key(7), x0, c.n);
      expect(w.numSteps).toBe(c.n);
      for (let i = 0; i < c.n; i++) {
        expect(w.done).toBe(false);
        expect(w.iteration).toBe(i);
        const info = w.step();
        expect(w.iteration).toBe(i + 1);
        expect(info.stepSize).toBe(w.parameters.stepSize);
        expect(Array.from(w.state.position)).toEqual(Array.from(refTrace[i]));
      }
      expect(w.done).toBe(true);
      expect(seen).toEqual(Array.from({ length: c.n }, (_, i) => i));
      expectSame(w.result(), ref);
      expect(() => w.step()).toThrow(/done/);
    });
  }

  it("update() after transitions made elsewhere (a NUTS stepper drawing from w.rng) is step()", () => {
    const ld = gaussian(3, cov);
    const x0 = Float64Array.of(0.5, -0.5, 1);
    const ref = windowAdaptation(ld).run(random.key(3), x0, 400);
    const w = windowAdaptation(ld).start(random.key(3), x0, 400);
    const stepper = createNutsStepper(ld);
    while (!w.done) {
      stepper.begin(w.rng, w.state, w.parameters);
      while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
      const { state, info } = stepper.finish();
      w.update(state, info);
    }
    expectSame(w.result(), ref);
    expect(() => w.update(copyGradientState(w.state), { acceptanceRate: 1, isDivergent: false, numIntegrationSteps: 1 })).toThrow(/done/);
  });

  it("result() before the end and a zero-step warmup", () => {
    const ld = gaussian(3, cov);
    const w = windowAdaptation(ld).start(random.key(0), [0, 0, 0], 10);
    w.step();
    expect(() => w.result()).toThrow(/before the warmup is done \(1 of 10/);
    const z = windowAdaptation(ld).start(random.key(0), [0, 0, 0], 0);
    expect(z.done).toBe(true);
    expectSame(z.result(), windowAdaptation(ld).run(random.key(0), [0, 0, 0], 0));
  });
});
