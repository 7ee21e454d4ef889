/**
 * The tfjs lowering rules that compose many tfjs ops (special functions as fixed-depth series
 * and continued fractions, Cholesky/triangular solve/LU column by column) against the CPU kernel
 * the same device runs instead (download, Orrery's CPU kernel in float32, upload), on the
 * devices whose tensors live in host memory. Same jitted program and inputs both ways, switched
 * with `tfjsCpuKernels`; median of the steady calls, first call, kernels per call and the
 * largest relative difference between the two results. Prints a table and writes JSON.
 *
 * Run: node --conditions=source --import tsx bench/device-rules/main.ts [tfjs-cpu|wasm ...]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { type Array, devicePut, jit, tfjsCpuKernels, tfjsFallbackCounts } from "@orrery/core";
import { elementwise, linalg } from "./cases.js";
import { ready as wasmReady } from "@orrery/backend-wasm";
import { ready as tfjsCpuReady } from "@orrery/backend-tfjs-cpu";

const here = dirname(fileURLToPath(import.meta.url));
const STEADY = Number(process.env.BENCH_STEADY ?? 7);

interface Row {
  device: string;
  prim: string;
  label: string;
  ruleMs: number;
  ruleFirstMs: number;
  cpuKernelMs: number;
  cpuKernelFirstMs: number;
  /** rule time / CPU kernel time (over 1: the CPU kernel is faster). */
  ratio: number;
  kernelsPerCall: number;
  maxRelDiff: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** First-call and median steady time of `call`, disposing every result but the last. */
function time(call: () => Array): { firstMs: number; steadyMs: number; out: Array } {
  let t = performance.now();
  let out = call();
  const firstMs = performance.now() - t;
  const all: number[] = [];
  for (let k = 0; k < STEADY; k++) {
    out.dispose();
    t = performance.now();
    out = call();
    all.push(performance.now() - t);
  }
  return { firstMs, steadyMs: median(all), out };
}

/** The number of tfjs kernels one call runs (tfjs's profiler). */
async function countKernels(call: () => Array): Promise<number> {
  const info = await tf.profile(() => {
    call().dispose();
  });
  return info.kernels.length;
}

/** The largest |a − b| / max(|b|, 1e-30) (NaN where only one of them is NaN). */
function maxRelDiff(a: Array, b: Array): number {
  const fx = [(a.tolist() as unknown)].flat(Infinity as 1) as number[];
  const fy = [(b.tolist() as unknown)].flat(Infinity as 1) as number[];
  let m = 0;
  for (let i = 0; i < fx.length; i++) {
    if (Number.isNaN(fx[i]) !== Number.isNaN(fy[i])) return NaN;
    if (fx[i] === fy[i] || Number.isNaN(fx[i])) continue;
    m = Math.max(m, Math.abs(fx[i] - fy[i]) / Math.max(Math.abs(fy[i]), 1e-30));
  }
  return m;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const devs = wanted.length > 0 ? wanted : ["tfjs-cpu", "wasm"];
  await tfjsCpuReady();
  await wasmReady();
  const cases = [...elementwise(1000), ...elementwise(100_000), ...linalg(100, 16), ...linalg(1, 128)];
  const rows: Row[] = [];
  for (const device of devs) {
    for (const c of cases) {
      const args = c.inputs().map((a) => devicePut(a, device));
      // A fresh jit per path so that each first call includes its own tracing.
      tfjsCpuKernels(device, []);
      const before = tfjsFallbackCounts().get(c.prim) ?? 0;
      const ruleFn = jit(c.f);
      const rule = time(() => ruleFn(...args));
      const kernelsPerCall = await countKernels(() => ruleFn(...args));
      if ((tfjsFallbackCounts().get(c.prim) ?? 0) !== before) throw new Error(`${c.label}: the ${c.prim} rule fell back to the CPU kernel on ${device}`);
      tfjsCpuKernels(device, [c.prim]);
      const cpuFn = jit(c.f);
      const cpu = time(() => cpuFn(...args));
      if ((tfjsFallbackCounts().get(c.prim) ?? 0) === before) throw new Error(`${c.label}: the CPU kernel of ${c.prim} did not run on ${device}`);
      const row: Row = {
        device,
        prim: c.prim,
        label: c.label,
        ruleMs: rule.steadyMs,
        ruleFirstMs: rule.firstMs,
        cpuKernelMs: cpu.steadyMs,
        cpuKernelFirstMs: cpu.firstMs,
        ratio: rule.steadyMs / cpu.steadyMs,
        kernelsPerCall,
        maxRelDiff: maxRelDiff(rule.out, cpu.out),
      };
      rule.out.dispose();
      cpu.out.dispose();
      for (const a of args) a.dispose();
      rows.push(row);
      console.log(
        [device.padEnd(9), row.label.padEnd(30), `rule ${row.ruleMs.toFixed(3).padStart(9)} ms`, `cpu kernel ${row.cpuKernelMs.toFixed(3).padStart(8)} ms`, `ratio ${row.ratio.toFixed(2).padStart(7)}`, `kernels/call ${String(row.kernelsPerCall).padStart(5)}`, `max rel Δ ${row.maxRelDiff.toExponential(1)}`].join("  "),
      );
    }
  }
  for (const device of devs) tfjsCpuKernels(device, "default");
  mkdirSync(join(here, "../results"), { recursive: true });
  const out = join(here, "../results/device-rules.json");
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), cpus: cpus()[0]?.model, loadavg: loadavg(), steady: STEADY, rows }, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

await main();
