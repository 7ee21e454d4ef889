/**
 * The browser side of `bench/device-rules` on webgl: each case three ways on the same device —
 * the GLSL kernel (where the primitive has one), the tfjs-ops rule (GLSL kernels off) and the
 * CPU kernel (read back, CPU, upload) — timed to the result read back on the host, median of the
 * steady calls. Each call first adds a zero (a device input) to the operands, so that they come
 * fresh from a GPU kernel as in a pipeline (an upload that no kernel has used yet stays on the
 * host in tfjs, and reading it back would cost nothing). Leaves its rows in
 * `window.__orreryResults` for webgl.ts.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Array, devicePut, jit, np, tfjsCpuKernels, tfjsFallbackCounts } from "@orrery/core";
import { ready } from "../../packages/backend-webgl/src/index.js";
import { useWebglKernels, webglKernelNames } from "../../packages/core/src/backend/tfjs/webgl-kernels.js";
import { type Case, elementwise, linalg } from "./cases.js";

const STEADY = 7;

/** What one (case, way) measured. */
export interface WebglRow {
  label: string;
  prim: string;
  way: "glsl" | "tfjs ops" | "cpu kernel";
  steadyMs: number;
  firstMs: number;
  /** tfjs kernels per call that went through tfjs's engine (tf.profile; the added zero is one). */
  kernels: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function readBack(a: Array): void {
  (devicePut(a, "cpu") as unknown as { data: unknown }).data;
}

async function measure(c: Case, inputs: Array[], way: WebglRow["way"]): Promise<WebglRow> {
  useWebglKernels(way === "glsl");
  tfjsCpuKernels("webgl", way === "cpu kernel" ? [c.prim] : []);
  const f = jit((...all: Array[]) => c.f(...all.slice(1).map((x) => x.add(all[0]))));
  const args = [devicePut(np.zeros([], "float32"), "webgl"), ...inputs];
  const n0 = tfjsFallbackCounts().get(c.prim) ?? 0;
  let t = performance.now();
  let out = f(...args);
  readBack(out);
  const firstMs = performance.now() - t;
  const all: number[] = [];
  for (let k = 0; k < STEADY; k++) {
    out.dispose();
    t = performance.now();
    out = f(...args);
    readBack(out);
    all.push(performance.now() - t);
  }
  out.dispose();
  args[0].dispose();
  const ranCpu = (tfjsFallbackCounts().get(c.prim) ?? 0) !== n0;
  if (ranCpu !== (way === "cpu kernel")) throw new Error(`${c.label} (${way}): the CPU kernel ${ranCpu ? "ran" : "did not run"}`);
  const zero = devicePut(np.zeros([], "float32"), "webgl");
  const info = await tf.profile(() => {
    f(zero, ...inputs).dispose();
  });
  zero.dispose();
  return { label: c.label, prim: c.prim, way, steadyMs: median(all), firstMs, kernels: info.kernels.length };
}

async function main(): Promise<unknown> {
  await ready();
  tf.env().set("WEBGL_CPU_FORWARD", false);
  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = info === null ? "unknown" : String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
  const glsl = new Set(webglKernelNames());
  const rows: WebglRow[] = [];
  for (const c of [...elementwise(1000), ...elementwise(100_000), ...linalg(100, 16), ...linalg(1, 128)]) {
    const args = c.inputs().map((a) => devicePut(a, "webgl"));
    for (const way of ["glsl", "tfjs ops", "cpu kernel"] as const) {
      if (way === "glsl" && !glsl.has(c.prim)) continue;
      rows.push(await measure(c, args, way));
    }
    for (const a of args) a.dispose();
  }
  useWebglKernels(true);
  tfjsCpuKernels("webgl", "default");
  return { renderer, steady: STEADY, rows };
}

(window as unknown as { __orreryResults?: unknown }).__orreryResults = await main().catch((e: unknown) => ({ fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
