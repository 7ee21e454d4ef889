import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { Array, ConcreteArray } from "../../src/core/array.js";
import "../../src/core/methods.js";
import * as random from "../../src/random/index.js";
import * as K from "../../src/random/kernels/index.js";
import * as np from "../../src/np/index.js";
import { vmap } from "../../src/api/vmap.js";
import { makeJaxpr } from "../../src/api/make-jaxpr.js";
import { threefry2x32 } from "../../src/primitives/random-ops.js";

interface Fixture {
  threefry2x32: { key: number[]; count: number[]; expected: number[] }[];
  seeds: { seed: number; x64: boolean; key: number[] }[];
  foldIn: { key: number[]; data: number; expected: number[] }[];
  splitFoldInSymmetry: { seed: number; num: number }[];
  uniformFloat32: { partitionable: boolean; key: number[]; splitThenUse?: number; shape: number[]; expected: number[] }[];
}
const fx: Fixture = JSON.parse(readFileSync(new URL("../fixtures/random/jax-known-values.json", import.meta.url), "utf8"));

const data = (x: Array) => (x as ConcreteArray).data;
const u32 = (xs: number[]) => np.array(new Uint32Array(xs));
const rawKey = (k: number[]) => np.array(new Uint32Array(k));

describe("JAX published values through the array API", () => {
  test("threefry2x32 primitive known answers (Random123)", () => {
    for (const c of fx.threefry2x32) {
      // the fixture's flat counter is [x0 half..., x1 half...]
      const half = c.count.length / 2;
      const [o0, o1] = threefry2x32(
        np.array(new Uint32Array([c.key[0]!])).reshape([]),
        np.array(new Uint32Array([c.key[1]!])).reshape([]),
        u32(c.count.slice(0, half)),
        u32(c.count.slice(half)),
      );
      expect([...data(o0), ...data(o1)]).toEqual(c.expected);
    }
  });

  test("key(seed) (x64 seeds) and PRNGKey alias", () => {
    for (const s of fx.seeds.filter((s) => s.x64)) expect(globalThis.Array.from(data(random.key(s.seed)))).toEqual(s.key);
    expect(globalThis.Array.from(data(random.PRNGKey(3)))).toEqual([0, 3]);
    expect(random.key(0).dtype).toBe("uint32");
    expect(random.key(0).shape).toEqual([2]);
    // a traced/int32 array seed behaves as JAX's 32-bit seed
    expect(globalThis.Array.from(data(random.key(np.array(-1, "int32"))))).toEqual([0, 4294967295]);
  });

  test("uniform(key(0)) etc. (partitionable threefry, the JAX default)", () => {
    for (const c of fx.uniformFloat32.filter((c) => c.partitionable)) {
      let key: Array = rawKey(c.key);
      if (c.splitThenUse !== undefined) key = sliceRow(random.split(key), c.splitThenUse);
      const u = random.uniform(key, c.shape, { dtype: "float32" });
      const got = globalThis.Array.from(data(u) as Float32Array);
      expect(got.length).toBe(c.expected.length);
      got.forEach((v, i) => expect(v).toBeCloseTo(c.expected[i]!, 6));
    }
  });

  test("foldIn and the split/foldIn symmetry", () => {
    for (const c of fx.foldIn) expect(globalThis.Array.from(data(random.foldIn(rawKey(c.key), c.data)))).toEqual(c.expected);
    for (const c of fx.splitFoldInSymmetry) {
      const keys = random.split(random.key(c.seed), c.num);
      for (let i = 0; i < c.num; i++) expect(globalThis.Array.from(data(sliceRow(keys, i)))).toEqual(globalThis.Array.from(data(random.foldIn(random.key(c.seed), i))));
    }
  });
});

function sliceRow(keys: Array, i: number): Array {
  return np.split(keys, keys.shape[0]!)[i]!.reshape([2]);
}


describe("the array API equals the kernels exactly", () => {
  const seeds = [0, 1, 42, -7, 2 ** 40 + 5];
  test("split, foldIn, bits", () => {
    for (const s of seeds) {
      const kk = K.keyFromSeed(s);
      expect(globalThis.Array.from(data(random.split(random.key(s))))).toEqual(globalThis.Array.from(K.split(kk, 2)));
      expect(globalThis.Array.from(data(random.split(random.key(s), 7)))).toEqual(globalThis.Array.from(K.split(kk, 7)));
      expect(random.split(random.key(s), [2, 3]).shape).toEqual([2, 3, 2]);
      expect(globalThis.Array.from(data(random.foldIn(random.key(s), 123456)))).toEqual(globalThis.Array.from(K.foldIn(kk, 123456)));
      expect(globalThis.Array.from(data(random.foldIn(random.key(s), -1)))).toEqual(globalThis.Array.from(K.foldIn(kk, -1)));
      for (const w of [8, 16, 32, 64] as const) {
        expect(globalThis.Array.from(data(random.bits(random.key(s), [5], w)))).toEqual(globalThis.Array.from(K.randomBits(kk, w, 5)));
      }
    }
    expect(random.bits(random.key(0), [2, 3], 64).shape).toEqual([2, 3, 2]);
  });

  test("uniform float32 and float64, bit for bit", () => {
    for (const s of seeds) {
      const kk = K.keyFromSeed(s);
      expect(data(random.uniform(random.key(s), [50], { dtype: "float32" }))).toEqual(K.uniformFloat32(kk, 50));
      expect(data(random.uniform(random.key(s), [50], { dtype: "float64" }))).toEqual(K.uniformFloat64(kk, 50));
      expect(data(random.uniform(random.key(s), [50], { minval: -2, maxval: 3 }))).toEqual(K.uniformFloat64(kk, 50, -2, 3));
      expect(data(random.uniform(random.key(s), [50], { dtype: "float32", minval: 0.1, maxval: 0.7 }))).toEqual(
        K.uniformFloat32(kk, 50, 0.1, 0.7),
      );
    }
    // shapes are laid out row-major over the same counters
    expect(globalThis.Array.from(data(random.uniform(random.key(3), [2, 3])))).toEqual(globalThis.Array.from(K.uniformFloat64(K.keyFromSeed(3), 6)));
  });

  test("kernel keys (Uint32Array) are accepted", () => {
    expect(globalThis.Array.from(data(random.split(K.keyFromSeed(5))))).toEqual(globalThis.Array.from(K.split(K.keyFromSeed(5), 2)));
  });
});

describe("transformations", () => {
  test("split/foldIn/uniform under vmap equal the unbatched calls", () => {
    const keys = random.split(random.key(11), 4);
    const sub = vmap((k: Array) => random.split(k, 3))(keys) as Array;
    const fold = vmap((k: Array) => random.foldIn(k, 9))(keys) as Array;
    const u = vmap((k: Array) => random.uniform(k, [5]))(keys) as Array;
    for (let i = 0; i < 4; i++) {
      const k = sliceRow(keys, i);
      expect(np.split(sub, 4)[i]!.tolist()).toEqual([random.split(k, 3).tolist()]);
      expect(np.split(fold, 4)[i]!.reshape([2]).tolist()).toEqual(random.foldIn(k, 9).tolist());
      expect(np.split(u, 4)[i]!.reshape([5]).tolist()).toEqual(random.uniform(k, [5]).tolist());
    }
    // batched keys passed directly to split/foldIn
    expect(random.split(keys, 3).tolist()).toEqual(sub.tolist());
    expect(random.foldIn(keys, 9).tolist()).toEqual(fold.tolist());
  });

  test("foldIn with traced data under vmap", () => {
    const key = random.key(2);
    const out = vmap((d: Array) => random.foldIn(key, d))(np.arange(4, undefined, 1, "int32")) as Array;
    for (let i = 0; i < 4; i++) expect(np.split(out, 4)[i]!.reshape([2]).tolist()).toEqual(random.foldIn(key, i).tolist());
  });

  test("the samplers trace to jaxprs (keys may be tracers)", () => {
    const jaxpr = makeJaxpr((k: Array) => random.normal(random.split(k, 2), [3]));
    expect(() => jaxpr(random.key(0))).toThrow(/batch of 2 keys/);
    const j = makeJaxpr((k: Array) => random.normal(random.foldIn(k, 1), [3]))(random.key(0));
    expect(j.toString()).toContain("threefry2x32");
    const g = makeJaxpr((k: Array, a: Array) => random.gamma(k, a, [2]))(random.key(0), np.array(2.0));
    expect(g.toString()).toContain("random_gamma");
  });
});

describe("errors name the function and say what a key is", () => {
  test("wrong shape, dtype, type", () => {
    expect(() => random.normal(np.array([1, 2]))).toThrow(/random\.normal: invalid key f64\[2\]: a PRNG key is a uint32 array of shape \[2\]/);
    expect(() => random.uniform(np.array([1, 2, 3], "uint32"))).toThrow(/random\.uniform: invalid key u32\[3\]/);
    expect(() => random.gamma(random.split(random.key(0), 3), 1)).toThrow(/random\.gamma: .*batch of 3 keys: map over it with vmap/);
    expect(() => random.split(42 as any)).toThrow(/random\.split: expected a key; a PRNG key is/);
    expect(() => random.bits(random.key(0), [2], 12 as any)).toThrow(/bitWidth/);
    expect(() => random.uniform(random.key(0), [2], { dtype: "int32" })).toThrow(/random\.uniform: dtype must be a float/);
    expect(() => random.normal(random.key(0), [-1])).toThrow(/random\.normal: shape/);
    expect(() => random.key(1.5)).toThrow(/random\.key: the seed must be an integer/);
    expect(() => random.uniform(random.key(0), [3], { minval: np.zeros([2]) })).toThrow(/random\.uniform: parameter shapes/);
  });
});
