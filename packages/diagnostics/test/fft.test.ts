import { expect, test } from "vitest";
import { fft, ifft, nextPowerOfTwo } from "../src/index.js";

function naiveDft(re: number[], im: number[]): [number[], number[]] {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * j * k) / n;
      sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

for (const n of [1, 2, 3, 5, 8, 12, 17, 64, 100, 256, 1000]) {
  test(`fft and ifft of length ${n} agree with the naive DFT`, () => {
    const re = Array.from({ length: n }, (_, i) => Math.sin(1.3 * i) + 0.1 * i);
    const im = Array.from({ length: n }, (_, i) => Math.cos(0.7 * i * i));
    const [er, ei] = naiveDft(re, im);
    const r = Float64Array.from(re);
    const m = Float64Array.from(im);
    fft(r, m);
    const scale = Math.max(1, ...er.map(Math.abs));
    for (let k = 0; k < n; k++) {
      expect(Math.abs(r[k] - er[k]) / scale).toBeLessThan(1e-12);
      expect(Math.abs(m[k] - ei[k]) / scale).toBeLessThan(1e-12);
    }
    ifft(r, m);
    for (let k = 0; k < n; k++) {
      expect(r[k]).toBeCloseTo(re[k], 12);
      expect(m[k]).toBeCloseTo(im[k], 12);
    }
  });
}

test("nextPowerOfTwo and length checks", () => {
  expect([0, 1, 2, 3, 1000, 1024, 1025].map(nextPowerOfTwo)).toEqual([1, 1, 2, 4, 1024, 1024, 2048]);
  expect(() => fft(new Float64Array(4), new Float64Array(3))).toThrow(/length/);
});
