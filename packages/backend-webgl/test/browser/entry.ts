/**
 * The browser side of the WebGL test: runs the shared device cases on `webgl` and a few
 * device checks, and leaves the results in `window.__orreryResults` for run.ts to read.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Array, devicePut, jit, np } from "@orrery/core";
import { ready } from "../../src/index.js";
import { CASES, checkOnDevice, f32 } from "../../../core/test/devices/device-cases.js";

interface Result {
  name: string;
  ok: boolean;
  error?: string;
}

function run(results: Result[], name: string, fn: () => void): void {
  try {
    fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

async function main(): Promise<unknown> {
  await ready();
  const results: Result[] = [];
  for (const [group, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      // GLSL's sin/cos are less accurate than float32 libm (SwiftShader: |error| ≈ 6e-5 on sin).
      const tol = { rtol: Math.max(c.tol?.rtol ?? 0, 2e-4), atol: Math.max(c.tol?.atol ?? 0, 2e-4) };
      run(results, `${group} > ${c.name}`, () => checkOnDevice("webgl", c.f, c.inputs(), tol));
    }
  }
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
