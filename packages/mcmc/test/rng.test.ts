import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { Rng, asRng, rngFromKey } from "../src/index.js";

describe("rng", () => {
  it("is reproducible from a key and differs across keys", () => {
    const a = rngFromKey(random.key(3));
    const b = rngFromKey(random.key(3));
    const c = rngFromKey(random.key(4));
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
    expect(asRng(a)).toBe(a);
  });

  it("draws uniforms in [0, 1) and standard normals", () => {
    const r = new Rng(1, 2, 3, 4);
    const n = 200_000;
    let s = 0, s2 = 0, u = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      const v = r.uniform();
      u += v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(u / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it("normals follow N(0, 1) in the body and in both tails (ziggurat layers, wedges and tail)", () => {
    const r = new Rng(5, 6, 7, 8);
    const n = 400_000;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = r.normal();
    z.sort();
    // Kolmogorov–Smirnov against Φ (Abramowitz–Stegun 7.1.26-class erf, error < 2e-7).
    const erf = (x: number) => {
      const t = 1 / (1 + 0.5 * Math.abs(x));
      const y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
      return x >= 0 ? y : -y;
    };
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(0.5 * (1 + erf(z[i] / Math.SQRT2)) - (i + 0.5) / n));
    expect(d).toBeLessThan(1.63 / Math.sqrt(n)); // 1 % level
    // Beyond the ziggurat's base (r = 3.4426: the tail sampler) and beyond 4, both signs.
    for (const [c, p] of [[3.442619855899, 5.7583e-4], [4, 6.3342e-5]]) {
      const k = z.filter((v) => Math.abs(v) > c).length;
      expect(Math.abs(k - n * p)).toBeLessThan(4 * Math.sqrt(n * p));
      expect(z.filter((v) => v < -c).length).toBeGreaterThan(0);
      expect(z.filter((v) => v > c).length).toBeGreaterThan(0);
    }
  });

  it("splits into independent streams", () => {
    const r = new Rng(9, 8, 7, 6);
    const c1 = r.split();
    const c2 = r.split();
    expect(c1.nextUint32()).not.toBe(c2.nextUint32());
    for (let i = 0; i < 100; i++) {
      const k = r.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
    }
  });
});
