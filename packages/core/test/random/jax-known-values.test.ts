import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  foldIn,
  keyFromSeed,
  randomBits,
  split,
  threefry2x32,
  threefry2x32Counter,
  threefry2x32Flat,
  threefryPair,
  lastWord1,
  uniformFloat32,
} from "../../src/random/kernels/index.js";

interface Fixture {
  threefry2x32: { source: string; key: number[]; count: number[]; expected: number[] }[];
  seeds: { source: string; seed: number; x64: boolean; key: number[] }[];
  split: { source: string; partitionable: boolean; key: number[]; num: number; expected: number[][] }[];
  foldIn: { source: string; key: number[]; data: number; expected: number[] }[];
  splitFoldInSymmetry: { source: string; seed: number; num: number }[];
  bits: {
    source: string;
    partitionable: boolean;
    seed: number;
    bitWidth: 8 | 16 | 32 | 64;
    expected: (number | string)[];
  }[];
  uniformFloat32: {
    source: string;
    partitionable: boolean;
    key: number[];
    splitThenUse?: number;
    shape: number[];
    expected: number[];
    decimals: "printed" | number;
  }[];
}

const fx: Fixture = JSON.parse(
  readFileSync(new URL("../fixtures/random/jax-known-values.json", import.meta.url), "utf8"),
);

const u32 = (xs: number[]) => new Uint32Array(xs);

describe("threefry2x32 known answers (Random123 / JAX testThreefry2x32)", () => {
  for (const c of fx.threefry2x32) {
    test(c.source.slice(0, 80) + ` [${c.count.length} words]`, () => {
      expect(Array.from(threefry2x32Flat(u32(c.key), u32(c.count)))).toEqual(c.expected);
    });
  }

  test("the elementwise kernel, the counter form and the scalar form agree", () => {
    const [k0, k1] = [0x13198a2e, 0x03707344];
    const n = 1000;
    const x0 = new Uint32Array(n);
    const x1 = new Uint32Array(n);
    for (let i = 0; i < n; i++) x1[i] = i;
    const a0 = new Uint32Array(n);
    const a1 = new Uint32Array(n);
    threefry2x32(k0, k1, x0, x1, a0, a1);
    const b0 = new Uint32Array(n);
    const b1 = new Uint32Array(n);
    threefry2x32Counter(k0, k1, 0, n, b0, b1);
    expect(b0).toEqual(a0);
    expect(b1).toEqual(a1);
    for (let i = 0; i < n; i += 97) {
      expect(threefryPair(k0, k1, 0, i)).toBe(a0[i]);
      expect(lastWord1()).toBe(a1[i]);
    }
    // In-place use (outputs aliasing inputs).
    threefry2x32(k0, k1, x0, x1, x0, x1);
    expect(x0).toEqual(a0);
    expect(x1).toEqual(a1);
  });

  test("the counter form carries into the high word at 2^32", () => {
    const a0 = new Uint32Array(2);
    const a1 = new Uint32Array(2);
    threefry2x32Counter(5, 6, 2 ** 32 - 1, 2, a0, a1);
    expect(a0[0]).toBe(threefryPair(5, 6, 0, 0xffffffff));
    expect(a0[1]).toBe(threefryPair(5, 6, 1, 0));
    expect(a1[1]).toBe(lastWord1());
  });
});

describe("keyFromSeed (JAX test_prng_seeds_and_keys)", () => {
  for (const c of fx.seeds) {
    test(`seed ${c.seed}, x64=${c.x64}`, () => {
      expect(Array.from(keyFromSeed(c.seed, { x64: c.x64 }))).toEqual(c.key);
      expect(Array.from(keyFromSeed(BigInt(c.seed), { x64: c.x64 }))).toEqual(c.key);
    });
  }

  test("64-bit seeds beyond 2^32 split into high and low words", () => {
    expect(Array.from(keyFromSeed(2 ** 40 + 5))).toEqual([256, 5]);
    expect(Array.from(keyFromSeed(2n ** 63n - 1n))).toEqual([0x7fffffff, 0xffffffff]);
    expect(Array.from(keyFromSeed(-(2n ** 63n)))).toEqual([0x80000000, 0]);
    expect(Array.from(keyFromSeed(2 ** 40 + 5, { x64: false }))).toEqual([0, 5]);
  });

  test("rejects non-integers and out-of-range seeds", () => {
    expect(() => keyFromSeed(1.5)).toThrow(/integer/);
    expect(() => keyFromSeed(NaN)).toThrow(/integer/);
    expect(() => keyFromSeed(2n ** 64n)).toThrow(/64 bits/);
  });
});

describe("split and foldIn (JAX testPRNGValues)", () => {
  for (const c of fx.split) {
    test(`split(${c.key}, ${c.num}) partitionable=${c.partitionable}`, () => {
      const out = split(u32(c.key), c.num, { partitionable: c.partitionable });
      expect(Array.from(out)).toEqual(c.expected.flat());
    });
  }
  for (const c of fx.foldIn) {
    test(`foldIn(${c.key}, ${c.data})`, () => {
      expect(Array.from(foldIn(u32(c.key), c.data))).toEqual(c.expected);
    });
  }
  for (const c of fx.splitFoldInSymmetry) {
    test(`partitionable split(key(${c.seed}), ${c.num})[i] == foldIn(key, i)`, () => {
      const key = keyFromSeed(c.seed);
      const keys = split(key, c.num);
      for (let i = 0; i < c.num; i++) {
        expect(Array.from(keys.subarray(2 * i, 2 * i + 2))).toEqual(Array.from(foldIn(key, i)));
      }
    });
  }

  test("split defaults to 2 keys; a prefix of split(key, n) is split(key, m) when partitionable", () => {
    const key = keyFromSeed(123);
    expect(split(key).length).toBe(4);
    expect(split(key, 5).subarray(0, 6)).toEqual(split(key, 3));
    expect(split(key, 0).length).toBe(0);
  });
});

describe("randomBits (JAX testRngRandomBits, _RANDOM_VALUES_CASES 'bits')", () => {
  for (const c of fx.bits) {
    test(`seed ${c.seed}, uint${c.bitWidth}, partitionable=${c.partitionable}`, () => {
      const n = c.expected.length;
      const out = randomBits(keyFromSeed(c.seed), c.bitWidth, n, { partitionable: c.partitionable });
      if (c.bitWidth === 64) {
        const got = [];
        for (let i = 0; i < n; i++) got.push(((BigInt(out[2 * i]!) << 32n) | BigInt(out[2 * i + 1]!)).toString());
        expect(got).toEqual(c.expected);
      } else {
        expect(Array.from(out)).toEqual(c.expected);
      }
    });
  }

  test("legacy 8/16/32-bit streams are views of one another (testRngRandomBitsViewProperty)", () => {
    const key = keyFromSeed(1701);
    const opts = { partitionable: false };
    const w32 = randomBits(key, 32, 20, opts);
    const w16 = randomBits(key, 16, 40, opts);
    const w8 = randomBits(key, 8, 80, opts);
    const view16 = new Uint16Array(w32.buffer);
    const view8 = new Uint8Array(w32.buffer);
    expect(Array.from(w16)).toEqual(Array.from(view16));
    expect(Array.from(w8)).toEqual(Array.from(view8));
  });

  test("partitionable bits: 32-bit = xor of the block, 64-bit = (hi, lo), 8/16 = truncated xor", () => {
    const key = keyFromSeed(9);
    const b64 = randomBits(key, 64, 7);
    const b32 = randomBits(key, 32, 7);
    const b16 = randomBits(key, 16, 7);
    const b8 = randomBits(key, 8, 7);
    for (let i = 0; i < 7; i++) {
      const x = (b64[2 * i]! ^ b64[2 * i + 1]!) >>> 0;
      expect(b32[i]).toBe(x);
      expect(b16[i]).toBe(x & 0xffff);
      expect(b8[i]).toBe(x & 0xff);
    }
    // Prefix-stable: element i does not depend on the count.
    expect(randomBits(key, 32, 3)).toEqual(b32.subarray(0, 3));
  });

  test("odd legacy counts pad the counter with one zero", () => {
    const key = keyFromSeed(5);
    const odd = randomBits(key, 32, 3, { partitionable: false });
    // threefry_2x32 of iota(3): x0 = [0, 1], x1 = [2, 0]; output [o0(0), o0(1), o1(0)].
    expect(odd[0]).toBe(threefryPair(0, 5, 0, 2));
    expect(odd[2]).toBe(lastWord1());
    expect(odd[1]).toBe(threefryPair(0, 5, 1, 0));
  });

  test("validates its arguments", () => {
    expect(() => randomBits(keyFromSeed(0), 12 as 8, 3)).toThrow(/bitWidth/);
    expect(() => randomBits(keyFromSeed(0), 32, -1)).toThrow(/count/);
    expect(() => randomBits(new Uint32Array(3), 32, 1)).toThrow(/length 2/);
  });
});

describe("uniformFloat32 (jax.random.uniform published values)", () => {
  for (const c of fx.uniformFloat32) {
    test(`${c.source.slice(0, 70)}... partitionable=${c.partitionable}`, () => {
      const opts = { partitionable: c.partitionable };
      let key = u32(c.key);
      if (c.splitThenUse !== undefined) {
        const i = c.splitThenUse;
        key = split(key, 2, opts).slice(2 * i, 2 * i + 2);
      }
      const n = c.shape.reduce((a, b) => a * b, 1);
      const got = uniformFloat32(key, n, 0, 1, opts);
      expect(got.length).toBe(c.expected.length);
      for (let i = 0; i < n; i++) {
        const e = c.expected[i]!;
        if (c.decimals === "printed") {
          // NumPy prints a float32 as its shortest round-tripping string, cut to at most 8
          // decimals ("maxprec"): either it parses back to our float32 exactly, or it was
          // cut and lies within half a unit of the 8th decimal.
          const exact = Math.fround(e) === got[i];
          expect(exact || Math.abs(got[i]! - e) <= 5e-9).toBe(true);
        } else {
          expect(Math.abs(got[i]! - e)).toBeLessThanOrEqual(0.5 * 10 ** -c.decimals + 1e-12);
        }
      }
    });
  }
});
