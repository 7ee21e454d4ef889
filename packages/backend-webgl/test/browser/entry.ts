/**
 * The browser side of the WebGL test: runs the shared device cases on `webgl` and a few
 * device checks, and leaves the results in `window.__orreryResults` for run.ts to read.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Array, ConcreteArray, devicePut, fallbackPrimitives, jit, lax, np, random, special, tfjsCpuKernels, tfjsFallbackCounts } from "@orrery/core";
import { ready } from "../../src/index.js";
import { CASES, ON_DEVICE, checkOnDevice, f32 } from "../../../core/test/devices/device-cases.js";
import { checkPrimitiveOnDevice, primitivesWithCases } from "../../../core/test/devices/every-primitive.js";
import { webglKernelNames } from "../../../core/src/backend/tfjs/webgl-kernels.js";
import { GLSL_ACCURACY, GLSL_CALLS } from "./glsl-cases.js";

interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

/** Run only the cases whose name contains this (the page's `?only=`; run.ts's ONLY). */
const ONLY = new URLSearchParams(location.search).get("only") ?? "";

function run(results: Result[], name: string, fn: () => void): void {
  if (!name.includes(ONLY)) return;
  try {
    fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

/** The elements of an array on any device, as the CPU stores them. */
function words(a: Array): ArrayLike<number> {
  return (devicePut(a, "cpu") as ConcreteArray).data;
}

/** The smallest normal float32. */
const MIN_NORMAL = 1.1754943508222875e-38;

function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

async function main(): Promise<unknown> {
  await ready();
  // Small operands on the CPU side would run on tfjs's CPU kernels (CPU forwarding); test the GLSL ones.
  tf.env().set("WEBGL_CPU_FORWARD", false);
  // Every tfjs rule and GLSL kernel is tested, including those webgl runs through the CPU kernel
  // by default (tfjsCpuKernels); the defaults are checked at the end.
  const defaults = tfjsCpuKernels("webgl", []);
  const results: Result[] = [];
  const before = new Map(ON_DEVICE.map((n) => [n, tfjsFallbackCounts().get(n) ?? 0]));
  for (const [group, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      // GLSL's sin/cos are less accurate than float32 libm (SwiftShader: |error| ≈ 6e-5 on sin).
      const tol = { rtol: Math.max(c.tol?.rtol ?? 0, 2e-4), atol: Math.max(c.tol?.atol ?? 0, 2e-4) };
      run(results, `${group} > ${c.name}`, () => checkOnDevice("webgl", c.f, c.inputs(), tol));
    }
  }
  run(results, "gathers, scatters, sort, running extrema, scan and the special functions ran as tfjs ops", () => {
    const listed = ON_DEVICE.filter((n) => fallbackPrimitives().includes(n));
    assert(listed.length === 0, `fallbackPrimitives() lists ${listed.join(", ")}`);
    const grew = ON_DEVICE.filter((n) => (tfjsFallbackCounts().get(n) ?? 0) !== before.get(n));
    assert(grew.length === 0, `ran on the CPU: ${grew.join(", ")}`);
  });
  for (const name of primitivesWithCases()) {
    run(results, `every primitive > ${name}`, () => {
      const bad = checkPrimitiveOnDevice("webgl", name, { rtol: 2e-4, atol: 2e-4 });
      assert(bad.length === 0, bad.map((b) => b.what).join("\n"));
    });
  }
  for (const name of webglKernelNames()) {
    const title = `GLSL kernel > ${name} runs as one webgl program`;
    if (!title.includes(ONLY)) continue;
    // tf.profile lists the kernels that go through tfjs's engine: a tfjs-ops rule's many, none
    // for a GLSL program run with compileAndRun.
    let error: string | undefined;
    try {
      const call = GLSL_CALLS[name];
      assert(call !== undefined, `no call of ${name} in entry.ts's GLSL_CALLS`);
      const x = devicePut(f32([4, 8], 1, 0.1, 5), "webgl");
      const info = await tf.profile(() => {
        call(x).dispose();
      });
      x.dispose();
      const ops = info.kernels.map((k) => k.name);
      assert(ops.length <= 2, `${name} ran ${ops.length} tfjs kernels (${[...new Set(ops)].join(", ")}): the tfjs-ops rule, not the GLSL kernel`);
    } catch (e) {
      error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    results.push({ name: title, ok: error === undefined, error });
  }
  for (const c of GLSL_ACCURACY) {
    run(results, `GLSL kernel > ${c.name} within ${c.rtol} of the CPU's float64 kernel`, () => {
      const cols = c.args.map((a) => Float32Array.from(a));
      const n = cols[0].length;
      const got = words(c.call(...cols.map((a) => devicePut(new ConcreteArray(a, [n], "float32"), "webgl"))));
      const bad: string[] = [];
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const args = cols.map((a) => a[i]);
        const want = Math.fround(c.ref(...args));
        const g = got[i];
        if (!Number.isFinite(want) || !Number.isFinite(g)) {
          if (!(g === want || (Number.isNaN(g) && Number.isNaN(want)))) bad.push(`${c.name}(${args.join(", ")}) = ${g}, cpu ${want}`);
          continue;
        }
        // GPUs may flush subnormal results to zero.
        if (Math.abs(want) < MIN_NORMAL && Math.abs(g) < MIN_NORMAL) continue;
        const err = Math.abs(g - want) / Math.max(Math.abs(want), c.floor);
        worst = Math.max(worst, err);
        if (err > c.rtol) bad.push(`${c.name}(${args.join(", ")}) = ${g}, cpu ${want} (${err.toExponential(2)})`);
      }
      assert(bad.length === 0, `${bad.length} of ${n} off (worst ${worst.toExponential(2)}):\n${bad.slice(0, 10).join("\n")}`);
    });
  }
  tfjsCpuKernels("webgl", "default");
  run(results, "the primitives webgl runs through the CPU kernel by default run it and agree with the cpu", () => {
    assert(defaults.length > 0, "no defaults");
    for (const name of defaults.filter((n) => primitivesWithCases().includes(n))) {
      const n0 = tfjsFallbackCounts().get(name) ?? 0;
      const bad = checkPrimitiveOnDevice("webgl", name, { rtol: 2e-4, atol: 2e-4 });
      assert(bad.length === 0, `${name}: ${bad.map((b) => b.what).join("\n")}`);
      assert((tfjsFallbackCounts().get(name) ?? 0) > n0, `${name} did not run its CPU kernel`);
    }
  });
  run(results, "arrays live on the webgl backend", () => {
    const x = devicePut(np.array([1, 2, 3], "float32"), "webgl");
    assert(x.device === "webgl", `device ${x.device}`);
    assert(np.sum(x.mul(2)).item() === 12, "sum");
    assert(tf.getBackend() === "webgl", `tfjs backend ${tf.getBackend()}`);
  });
  run(results, "float64 is an error naming webgl", () => {
    let msg = "";
    try {
      devicePut(np.array([1, 2]), "webgl");
    } catch (e) {
      msg = (e as Error).message;
    }
    assert(/float64 is not supported on the webgl device/.test(msg), `message: ${msg}`);
  });
  run(results, "1,000 jitted calls keep tf.memory().numTensors constant", () => {
    const f = jit((x: Array, y: Array) => np.sum(np.tanh(x.mul(y)).add(np.exp(x))));
    const x = devicePut(f32([64], 1), "webgl");
    const y = devicePut(f32([64], 2), "webgl");
    f(x, y).dispose();
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) f(x, y).dispose();
    assert(tf.memory().numTensors === n0, `numTensors ${n0} → ${tf.memory().numTensors}`);
  });
  run(results, "jitted gathers, scatters, sort, cummax, scan and special functions keep numTensors constant", () => {
    const idx = np.array([3, 0, 3, 1], "int32");
    const f = jit((x: Array, u: Array) => {
      const s = lax.scatter(lax.scatterAdd(x, u, [idx], [0]), u, [idx], [0]);
      const [sorted] = lax.sort([s]);
      const [carry, ys] = lax.scan((k: Array, r: Array) => [k.add(special.erfc(r)), special.gammaln(np.abs(r).add(0.5))], np.zeros([3], "float32"), np.cummax(sorted, { axis: 1 }));
      return [np.sum(lax.gather(x, [idx], [0])), np.sum(carry).add(np.sum(ys)).add(np.sum(special.ndtri(special.ndtr(x).mul(0.5))))];
    });
    const x = devicePut(f32([4, 3], 44), "webgl");
    const u = devicePut(f32([4, 3], 45), "webgl");
    for (const o of f(x, u)) o.dispose();
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) for (const o of f(x, u)) o.dispose();
    assert(tf.memory().numTensors === n0, `numTensors ${n0} → ${tf.memory().numTensors}`);
  });
  run(results, "large random draws on webgl equal the CPU's bit for bit", () => {
    const key = random.key(7);
    const dk = devicePut(key, "webgl");
    const n = 300_000;
    const keys = random.split(dk, n);
    const cpuKeys = random.split(key, n);
    const a = words(keys);
    const b = words(cpuKeys);
    let bad = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bad++;
    assert(bad === 0, `split: ${bad} of ${a.length} words differ`);
    const u = words(random.uniform(random.split(dk, 3).index(2), [n], { dtype: "float32" }));
    const v = words(random.uniform(random.split(key, 3).index(2), [n], { dtype: "float32" }));
    bad = 0;
    for (let i = 0; i < n; i++) if (u[i] !== v[i]) bad++;
    assert(bad === 0, `uniform: ${bad} of ${n} differ`);
    const g = jit((k: Array) => random.gamma(random.split(k, 2).index(1), np.full([n / 10], 2.5, "float32"), undefined, { dtype: "float32" }));
    const s = words(g(dk));
    const t = words(g(key));
    bad = 0;
    for (let i = 0; i < s.length; i++) if (s[i] !== t[i]) bad++;
    assert(bad === 0, `jitted gamma: ${bad} of ${s.length} differ`);
  });
  return {
    backend: tf.getBackend(),
    webglVersion: tf.env().getNumber("WEBGL_VERSION"),
    renderer: rendererName(),
    results,
  };
}

function rendererName(): string {
  const gl = document.createElement("canvas").getContext("webgl2");
  if (gl === null) return "no webgl2";
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  return String(ext !== null ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

const w = window as unknown as { __orreryResults?: unknown };
main().then(
  (r) => (w.__orreryResults = r),
  (e) => (w.__orreryResults = { fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
