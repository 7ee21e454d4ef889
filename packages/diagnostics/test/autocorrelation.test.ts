import { expect, test } from "vitest";
import { autocorrelation, autocovariance } from "../src/index.js";
import { MeanAutocovariance } from "../src/autocorrelation.js";
import { expectClose, posterior } from "./helpers.js";

test("autocovariance and autocorrelation match posterior's", () => {
  const { x, autocovariance: acov, autocorrelation: acor } = posterior.autocovariance;
  const a = autocovariance(x);
  const r = autocorrelation(x);
  // at large lags the values are O(1e-3) of lag 0, so compare relative to the lag-0 scale
  a.forEach((v, k) => expectClose(v, acov[k], `acov[${k}]`, k < 20 ? 1e-10 : 1e-10 * Math.abs(acov[0] / acov[k])));
  r.forEach((v, k) => expectClose(v, acor[k], `acor[${k}]`, k < 20 ? 1e-10 : 1e-10 / Math.abs(acor[k])));
});

test("small examples and a constant sequence", () => {
  expect(Array.from(autocovariance([1, 2, 3, 4])).map((v) => +v.toFixed(12))).toEqual([1.25, 0.3125, -0.375, -0.5625]);
  expect(Array.from(autocorrelation([1, 2, 3, 4])).map((v) => +v.toFixed(12))).toEqual([1, 0.25, -0.3, -0.45]);
  expect(Array.from(autocovariance([2, 2, 2]))).toEqual([0, 0, 0]);
  expect(autocovariance([])).toHaveLength(0);
});

test("direct lag sums and the FFT route agree", () => {
  const chains = 3;
  const n = 700;
  const y = new Float64Array(chains * n).map((_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.011));
  for (let c = 0; c < chains; c++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += y[c * n + i];
    for (let i = 0; i < n; i++) y[c * n + i] -= m / n;
  }
  const direct = new MeanAutocovariance(y, chains, n);
  const early = Array.from({ length: 13 }, (_, k) => direct.at(k));
  const viaFft = new MeanAutocovariance(y, chains, n);
  viaFft.at(n - 1); // forces the FFT route
  for (let k = 0; k < 13; k++) expect(Math.abs(early[k] - viaFft.at(k))).toBeLessThan(1e-12 * Math.abs(early[0]));
  for (const k of [100, 350, 699]) {
    let s = 0;
    for (let c = 0; c < chains; c++) for (let i = 0; i + k < n; i++) s += y[c * n + i] * y[c * n + i + k];
    expect(Math.abs(viaFft.at(k) - s / (n * chains))).toBeLessThan(1e-12 * Math.abs(early[0]));
  }
});
