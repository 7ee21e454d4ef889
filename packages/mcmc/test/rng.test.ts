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
