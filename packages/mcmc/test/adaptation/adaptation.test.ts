import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import {
  buildSchedule,
  windowAdaptation,
  dualAveragingInit,
  dualAveragingUpdate,
  findReasonableStepSize,
  hmcInit,
  rngFromKey,
  welfordCovariance,
  welfordInit,
  welfordUpdate,
} from "../../src/index.js";
import { stdNormal } from "../helpers.js";

describe("windowed schedule", () => {
  it("has Stan's windows for 1000 warmup iterations", () => {
    const s = buildSchedule(1000);
    const ends = s.flatMap((x, i) => (x.windowEnd ? [i] : []));
    // 75 fast, windows of 25, 50, 100, 200 and 500 (the last stretched), 50 fast.
    expect(ends).toEqual([99, 149, 249, 449, 949]);
    expect(s.slice(0, 75).every((x) => x.stage === "fast")).toBe(true);
    expect(s.slice(75, 950).every((x) => x.stage === "slow")).toBe(true);
    expect(s.slice(950).every((x) => x.stage === "fast")).toBe(true);
  });

  it("falls back to 15% / 75% / 10% for short warmups", () => {
    const s = buildSchedule(100);
    const ends = s.flatMap((x, i) => (x.windowEnd ? [i] : []));
    expect(ends).toEqual([89]);
    expect(s.findIndex((x) => x.stage === "slow")).toBe(15);
    expect(buildSchedule(10).every((x) => x.stage === "fast" && !x.windowEnd)).toBe(true);
    expect(buildSchedule(150).flatMap((x, i) => (x.windowEnd ? [i] : []))).toEqual([99]);
  });
});

describe("dual averaging", () => {
  it("converges to the step size that gives the target acceptance", () => {
    // Acceptance falls with the step size: a(ε) = exp(-ε²/2); target 0.8 ⇒ ε* = sqrt(-2 log 0.8).
    let da = dualAveragingInit(1);
    for (let i = 0; i < 3000; i++) da = dualAveragingUpdate(da, Math.exp(-(Math.exp(da.logStepSize) ** 2) / 2));
    expect(Math.exp(da.logStepSizeAvg)).toBeCloseTo(Math.sqrt(-2 * Math.log(0.8)), 2);
    expect(da.mu).toBeCloseTo(Math.log(10), 12);
  });

  it("follows Stan's update on the first iteration", () => {
    const da = dualAveragingUpdate(dualAveragingInit(1), 0.5);
    const sBar = (1 / 11) * (0.8 - 0.5);
    expect(da.avgError).toBeCloseTo(sBar, 14);
    expect(da.logStepSize).toBeCloseTo(Math.log(10) - sBar / 0.05, 12);
    expect(da.logStepSizeAvg).toBeCloseTo(da.logStepSize, 12);
  });
});

describe("welford", () => {
  it("matches the two-pass estimates with Stan's regularisation", () => {
    const rng = rngFromKey(random.key(0));
    const n = 50;
    const xs = Array.from({ length: n }, () => Float64Array.of(rng.normal(), 2 * rng.normal() + 1));
    for (const x of xs) x[1] += 0.5 * x[0];
    const d = welfordInit(2), D = welfordInit(2, true);
    for (const x of xs) {
      welfordUpdate(d, x);
      welfordUpdate(D, x);
    }
    const mean = [0, 1].map((j) => xs.reduce((s, x) => s + x[j], 0) / n);
    const cov = (a: number, b: number) => xs.reduce((s, x) => s + (x[a] - mean[a]) * (x[b] - mean[b]), 0) / (n - 1);
    const shrink = n / (n + 5), jitter = 1e-3 * (5 / (n + 5));
    const diag = welfordCovariance(d);
    const dense = welfordCovariance(D);
    expect(diag[0]).toBeCloseTo(shrink * cov(0, 0) + jitter, 12);
    expect(diag[1]).toBeCloseTo(shrink * cov(1, 1) + jitter, 12);
    expect(dense[1]).toBeCloseTo(shrink * cov(0, 1), 12);
    expect(dense[2]).toBeCloseTo(dense[1], 14);
    expect(dense[3]).toBeCloseTo(diag[1], 12);
    expect(welfordCovariance(d, false)[0]).toBeCloseTo(cov(0, 0), 12);
  });
});

describe("findReasonableStepSize", () => {
  it("brackets a one-step acceptance of 0.8", () => {
    const ld = stdNormal(50);
    const rng = rngFromKey(random.key(1));
    const s = hmcInit(ld, new Float64Array(50).fill(0.1));
    const eps = findReasonableStepSize(ld, rng, s, new Float64Array(50).fill(1), 1);
    expect(eps).toBeGreaterThan(0.05);
    expect(eps).toBeLessThan(1);
    const wide = findReasonableStepSize(ld, rng, s, new Float64Array(50).fill(1), 1e-5);
    expect(wide).toBeGreaterThan(0.05);
  });
});

describe("windowAdaptation with adaptation switched off", () => {
  it("adaptMassMatrix false keeps the initial inverse mass matrix and still tunes the step size; adaptStepSize false keeps the step size", () => {
    const ld = stdNormal(2);
    const inv = Float64Array.of(2, 0.5);
    const massOff = windowAdaptation(ld, { adaptMassMatrix: false, initialInverseMassMatrix: inv }).run(random.key(1), [0.1, 0.2], 400);
    expect(Array.from(massOff.parameters.inverseMassMatrix)).toEqual([2, 0.5]);
    expect(massOff.parameters.stepSize).not.toBe(1);
    const stepOff = windowAdaptation(ld, { adaptStepSize: false, initialStepSize: 0.3 }).run(random.key(1), [0.1, 0.2], 400);
    expect(stepOff.parameters.stepSize).toBe(0.3);
    expect(Array.from(stepOff.parameters.inverseMassMatrix)).not.toEqual([1, 1]);
    const both = windowAdaptation(ld, { adaptStepSize: false, adaptMassMatrix: false, initialStepSize: 0.3 }).run(random.key(1), [0.1, 0.2], 100);
    expect(both.parameters.stepSize).toBe(0.3);
    expect(Array.from(both.parameters.inverseMassMatrix)).toEqual([1, 1]);
  });
});
