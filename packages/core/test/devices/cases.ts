/**
 * The vitest suite every tfjs device runs (the backend packages call `deviceSuite(name)` from
 * their own test files; core's own suite stays CPU-only): the shared cases of
 * `device-cases.ts` plus placement, lifetime, error and leak tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Array, TfjsArray, customVjp, defaultDevice, grad, jacfwd, devicePut, fallbackPrimitives, jit, lax, np, scope, special, tfjsCpuKernels, tfjsFallbackCounts, withDevice } from "../../src/index.js";
import { CASES, ON_DEVICE, checkOnDevice, f32 } from "./device-cases.js";
import { checkPrimitiveOnDevice, primitivesWithCases } from "./every-primitive.js";

export { CASES, ON_DEVICE, checkOnDevice, expectTreeClose, f32 } from "./device-cases.js";

/** Register the whole device suite for `device` (its backend must be registered and ready). */
export function deviceSuite(device: string, memory: () => number): void {
  // The shared cases and the every-primitive check test every tfjs lowering rule, including
  // those this device runs through the CPU kernel by default (tfjsCpuKernels).
  let defaults: string[] = [];
  beforeAll(() => {
    defaults = tfjsCpuKernels(device, []);
  });
  afterAll(() => {
    tfjsCpuKernels(device, "default");
  });

  describe(`${device}: same results as cpu (float32)`, () => {
    const before = new Map<string, number>();
    for (const [group, cases] of Object.entries(CASES)) {
      describe(group, () => {
        for (const c of cases) {
          it(c.name, () => {
            if (before.size === 0) for (const n of ON_DEVICE) before.set(n, tfjsFallbackCounts().get(n) ?? 0);
            checkOnDevice(device, c.f, c.inputs(), c.tol);
          });
        }
      });
    }
    it("gathers, scatters, sort, running extrema, scan and the special functions ran as tfjs ops (no CPU fallback)", () => {
      const listed = fallbackPrimitives();
      expect(ON_DEVICE.filter((n) => listed.includes(n))).toEqual([]);
      const grew = ON_DEVICE.filter((n) => (tfjsFallbackCounts().get(n) ?? 0) !== (before.get(n) ?? 0));
      expect(grew).toEqual([]);
    });
  });

  describe(`${device}: every primitive's example cases, eager and jitted, as on the cpu`, () => {
    for (const name of primitivesWithCases()) {
      it(name, () => {
        expect(checkPrimitiveOnDevice(device, name)).toEqual([]);
      });
    }
  });

  describe(`${device}: the primitives it runs through the CPU kernel by default`, () => {
    it("tfjsCpuKernels gets and sets the list per device, restores the default and rejects unknown names", () => {
      expect(tfjsCpuKernels(device, ["lgamma"])).toEqual([]);
      expect(tfjsCpuKernels(device, "default")).toEqual(["lgamma"]);
      expect(tfjsCpuKernels(device, [])).toEqual(defaults);
      expect(() => tfjsCpuKernels(device, ["lgama"])).toThrow(`tfjsCpuKernels: unknown primitive "lgama"`);
      expect(() => tfjsCpuKernels("tpu", [])).toThrow(`tfjsCpuKernels: unknown device "tpu"`);
      expect(tfjsCpuKernels(device)).toEqual([]);
    });

    it("run their CPU kernel (the fallback count grows) and agree with the cpu, eager and jitted", () => {
      tfjsCpuKernels(device, "default");
      try {
        for (const name of defaults.filter((n) => primitivesWithCases().includes(n))) {
          const n0 = tfjsFallbackCounts().get(name) ?? 0;
          expect(checkPrimitiveOnDevice(device, name), name).toEqual([]);
          expect(tfjsFallbackCounts().get(name) ?? 0, name).toBeGreaterThan(n0);
        }
      } finally {
        tfjsCpuKernels(device, []);
      }
    });
  });

  describe(`${device}: exact where the device holds the values exactly`, () => {
    it("fmod of large quotients and large int32s matches the CPU exactly", () => {
      const x = np.array([1e10, -1e10, 3e38, 1e-30, 7e20], "float32");
      const y = np.array([3, 3.3, 1e-30, 3e-31, -0.1], "float32");
      const a = np.array([-2147483647, 2147483647, -2147483648, 123456789, 2147483647], "int32");
      const b = np.array([10, -1000, 3, -7, 2147483646], "int32");
      checkOnDevice(device, (u: Array, v: Array, p: Array, q: Array) => [np.fmod(u, v), np.fmod(p, q)], [x, y, a, b], { rtol: 0, atol: 0 });
    });

    it("int32 cumulative sums wrap around 2^31 as on the CPU", () => {
      const a = np.array([[2147483000, 1000, 2147483647, -5], [-2147483648, -1, 7, 2147483647]], "int32");
      checkOnDevice(device, (p: Array) => [np.cumsum(p, 1), np.cumsum(p, 0)], [a], { rtol: 0, atol: 0 });
    });
  });

  describe(`${device}: arrays and placement`, () => {
    it("devicePut, device, tolist, item, back to cpu", () => {
      const x = devicePut(np.array([[1, 2], [3, 4]], "float32"), device);
      expect(x).toBeInstanceOf(TfjsArray);
      expect(x.device).toBe(device);
      expect(x.tolist()).toEqual([[1, 2], [3, 4]]);
      expect(np.sum(x).item()).toBe(10);
      const back = devicePut(x, "cpu");
      expect(back.device).toBe("cpu");
      expect(back.tolist()).toEqual([[1, 2], [3, 4]]);
      expect(devicePut(x, device)).toBe(x);
      const t = devicePut({ a: np.ones([2], "float32"), b: [np.arange(3)] }, device);
      expect(t.a.device).toBe(device);
      expect(t.b[0].device).toBe(device);
      expect(t.b[0].dtype).toBe("int32");
    });

    it("withDevice/defaultDevice: creation functions create float32 on the device", () => {
      expect(defaultDevice()).toBe("cpu");
      const [z, a, l, e, r] = withDevice(device, () => [np.zeros([2]), np.array([1.5, 2]), np.linspace(0, 1, 3), np.eye(2), np.arange(3)]);
      for (const v of [z, a, l, e, r]) expect(v.device).toBe(device);
      expect([z.dtype, a.dtype, l.dtype, e.dtype, r.dtype]).toEqual(["float32", "float32", "float32", "float32", "int32"]);
      expect(defaultDevice()).toBe("cpu");
      expect(np.zeros([2]).device).toBe("cpu");
      expect(np.zerosLike(z).device).toBe(device);
    });

    it("bool arrays", () => {
      const b = devicePut(np.array([true, false, true]), device);
      expect(b.dtype).toBe("bool");
      expect(np.logicalNot(b).tolist()).toEqual([false, true, false]);
      expect(np.where(b, 1, 2).tolist()).toEqual([1, 2, 1]);
    });

    it("dispose frees the tensor; scope frees intermediates", () => {
      const x = devicePut(np.array([1, 2, 3], "float32"), device);
      const n0 = memory();
      const y = scope(() => np.exp(x).mul(2).add(1).sum());
      expect(memory()).toBe(n0 + 1);
      expect(y.item()).toBeCloseTo(2 * (Math.E + Math.E ** 2 + Math.E ** 3) + 3, 3);
      y.dispose();
      expect(memory()).toBe(n0);
      x.dispose();
      expect(() => x.add(1)).toThrow(/after dispose/);
      expect(np.zeros([2]).dispose()).toBeUndefined(); // a no-op on cpu
    });
  });

  describe(`${device}: errors`, () => {
    it("float64 is a clear error naming the device and the dtype", () => {
      expect(() => devicePut(np.array([1, 2]), device)).toThrow(new RegExp(`float64 is not supported on the ${device} device`));
      const x = devicePut(np.array([1, 2], "float32"), device);
      expect(() => x.astype("float64")).toThrow(new RegExp(`convert_element_type: float64 is not supported on the ${device} device`));
      expect(() => withDevice(device, () => np.array(new Float64Array([1, 2])))).toThrow(/float64/);
    });

    it("a customVjp function's backward pass runs on the device; forward mode is refused as on the cpu", () => {
      const sq = customVjp((x: Array) => x.mul(x));
      sq.defVjp((x: Array) => [x.mul(x), x], (x: Array, g: Array) => [g.mul(x).mul(2)]);
      const x = devicePut(np.array([1, 3], "float32"), device);
      const g = grad((v: Array) => np.sum(sq(v)))(x);
      expect(g.device).toBe(device);
      expect(g.tolist()).toEqual([2, 6]);
      expect(() => jacfwd((v: Array) => sq(v))(x)).toThrow(/Forward-mode/);
      expect(fallbackPrimitives()).not.toContain("custom_lin");
    });

    it("unknown devices name the package to import", () => {
      expect(() => devicePut(np.ones([2], "float32"), "webgpu")).toThrow(/unknown device "webgpu"; known devices: cpu/);
    });
  });

  describe(`${device}: jit keeps no tensors alive`, () => {
    it("10,000 jitted calls leave tf.memory().numTensors unchanged", () => {
      const f = jit((x: Array, y: Array) => np.sum(np.tanh(x.mul(y)).add(np.exp(x))));
      const x = devicePut(f32([16], 40), device);
      const y = devicePut(f32([16], 41), device);
      f(x, y).dispose(); // the first call traces and uploads constants
      const n0 = memory();
      let acc = 0;
      for (let i = 0; i < 10_000; i++) {
        const out = f(x, y);
        if (i % 1000 === 0) acc += out.item();
        out.dispose();
      }
      expect(memory()).toBe(n0);
      expect(Number.isFinite(acc)).toBe(true);
    });

    it("jitted gathers, scatters, sort, cummax, scan and special functions keep numTensors unchanged", () => {
      const idx = np.array([3, 0, 3, 1], "int32");
      const f = jit((x: Array, u: Array) => {
        const g = lax.gather(x, [idx], [0]);
        const s = lax.scatter(lax.scatterAdd(x, u, [idx], [0]), u, [idx], [0]);
        const [sorted] = lax.sort([s]);
        const c = np.cummax(sorted, { axis: 1 });
        const [carry, ys] = lax.scan((k: Array, r: Array) => [k.add(special.erfc(r)), special.gammaln(np.abs(r).add(0.5))], np.zeros([3], "float32"), c);
        return [np.sum(g), np.sum(carry).add(np.sum(ys)).add(np.sum(special.ndtri(special.ndtr(x).mul(0.5))))];
      });
      const x = devicePut(f32([4, 3], 44), device);
      const u = devicePut(f32([4, 3], 45), device);
      for (const o of f(x, u)) o.dispose();
      const n0 = memory();
      for (let i = 0; i < 200; i++) for (const o of f(x, u)) o.dispose();
      expect(memory()).toBe(n0);
    });

    it("clearCache() and the LRU eviction free jit's device copies of closed-over constants", () => {
      const grid = f32([8], 7); // a cpu constant: jit uploads it to the device once and keeps it
      const x = devicePut(f32([8], 8), device);
      const n0 = memory();
      const f = jit((v: Array) => np.sum(v.mul(grid)));
      f(x).dispose();
      expect(memory()).toBe(n0 + 1);
      f.clearCache();
      expect(memory()).toBe(n0);
      const g = jit((v: Array) => v.mul(grid).sum(), { cacheSize: 1 });
      g(x).dispose();
      const x2 = devicePut(f32([2, 8], 9), device);
      g(x2).dispose(); // a second signature evicts the first
      x2.dispose();
      g.clearCache();
      expect(memory()).toBe(n0);
    });
  });
}

/** Cases that need two tfjs devices registered. */
export function mixingSuite(a: string, b: string): void {
  describe(`mixing ${a} and ${b}`, () => {
    it("an op on two devices is an error naming both", () => {
      const x = devicePut(np.ones([2], "float32"), a);
      const y = devicePut(np.ones([2], "float32"), b);
      expect(() => np.add(x, y)).toThrow(`add: operands are on ${a} and ${b}; move one with devicePut`);
      expect(() => jit((u: Array, v: Array) => u.mul(v))(x, y)).toThrow(`arguments are on ${a} and ${b}; move one with devicePut`);
      expect(np.add(x, devicePut(y, a)).device).toBe(a);
    });

    it("CPU arrays follow the device (uncommitted, as in JAX)", () => {
      const x = devicePut(np.ones([2], "float32"), a);
      expect(x.add(np.array([1, 2], "float32")).device).toBe(a);
    });
  });
}
