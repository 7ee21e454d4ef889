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
import { type Array, ConcreteArray, devicePut, grad, jit, lax, np, random, special, tfjsCpuKernels, tfjsFallbackCounts } from "@orrery/core";
import { ready as wasmReady } from "@orrery/backend-wasm";
import { ready as tfjsCpuReady } from "@orrery/backend-tfjs-cpu";

const here = dirname(fileURLToPath(import.meta.url));
const STEADY = Number(process.env.BENCH_STEADY ?? 7);

/** Deterministic float32 values in [lo, hi) (log-spaced when `log`). */
function values(n: number, lo: number, hi: number, seed: number, log = false): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[i] = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
  }
  return out;
}

const f32 = (data: Float32Array, shape: number[]): Array => new ConcreteArray(data, shape, "float32");

/** A batch of `b` well-conditioned symmetric positive definite n×n matrices (float32). */
function spd(b: number, n: number): Array {
  const out = new Float32Array(b * n * n);
  const r = values(b * n * n, -1, 1, 7);
  for (let k = 0; k < b; k++) {
    const o = k * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let m = 0; m < n; m++) s += r[o + i * n + m] * r[o + j * n + m];
        out[o + i * n + j] = out[o + j * n + i] = s / n + (i === j ? 1 : 0);
      }
    }
  }
  return f32(out, [b, n, n]);
}

interface Case {
  /** The primitive whose rule is measured. */
  prim: string;
  label: string;
  f: (...xs: Array[]) => Array;
  inputs: () => Array[];
}

function elementwise(n: number): Case[] {
  const x = (lo: number, hi: number, seed: number, log = false) => f32(values(n, lo, hi, seed, log), [n]);
  const size = n.toLocaleString("en-US");
  return [
    { prim: "lgamma", label: `gammaln, ${size}`, f: (a) => special.gammaln(a), inputs: () => [x(0.01, 50, 1)] },
    { prim: "digamma", label: `digamma, ${size}`, f: (a) => special.digamma(a), inputs: () => [x(0.01, 50, 1)] },
    { prim: "erfc", label: `erfc, ${size}`, f: (a) => special.erfc(a), inputs: () => [x(-5, 5, 2)] },
    { prim: "ndtr", label: `ndtr, ${size}`, f: (a) => special.ndtr(a), inputs: () => [x(-8, 8, 2)] },
    { prim: "log_ndtr", label: `logNdtr, ${size}`, f: (a) => special.logNdtr(a), inputs: () => [x(-30, 5, 2)] },
    { prim: "ndtri", label: `ndtri, ${size}`, f: (a) => special.ndtri(a), inputs: () => [x(1e-6, 1, 3)] },
    { prim: "erf_inv", label: `erfinv, ${size}`, f: (a) => special.erfinv(a), inputs: () => [x(-0.999, 0.999, 3)] },
    { prim: "bessel_i0e", label: `i0e, ${size}`, f: (a) => special.i0e(a), inputs: () => [x(-50, 50, 4)] },
    { prim: "bessel_i1e", label: `i1e, ${size}`, f: (a) => special.i1e(a), inputs: () => [x(-50, 50, 4)] },
    { prim: "igamma", label: `gammainc, ${size}`, f: (a, b) => special.gammainc(a, b), inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)] },
    { prim: "igammac", label: `gammaincc, ${size}`, f: (a, b) => special.gammaincc(a, b), inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)] },
    {
      prim: "igamma_grad_a",
      label: `∂gammainc/∂a, ${size}`,
      f: (a, b) => grad((u: Array) => np.sum(special.gammainc(u, b)))(a),
      inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)],
    },
    {
      prim: "random_gamma_grad",
      label: `∂gamma draw/∂α, ${size}`,
      f: (a) => grad((u: Array) => np.sum(random.gamma(random.key(1), u)))(a),
      inputs: () => [x(0.01, 100, 5, true)],
    },
    { prim: "betainc", label: `betainc, ${size}`, f: (a, b, c) => special.betainc(a, b, c), inputs: () => [x(0.1, 50, 7, true), x(0.1, 50, 8, true), x(0, 1, 9)] },
    { prim: "betaincinv", label: `betaincinv, ${size}`, f: (a, b, c) => special.betaincinv(a, b, c), inputs: () => [x(0.5, 50, 7, true), x(0.5, 50, 8, true), x(0.001, 0.999, 9)] },
    { prim: "polygamma", label: `polygamma(1, x), ${size}`, f: (a) => special.polygamma(1, a), inputs: () => [x(0.01, 50, 1)] },
  ];
}

function linalg(b: number, n: number): Case[] {
  const size = `${b}×${n}×${n}`;
  return [
    { prim: "cholesky", label: `cholesky, ${size}`, f: (a) => lax.cholesky(a, { symmetrizeInput: false }), inputs: () => [spd(b, n)] },
    {
      prim: "triangular_solve",
      label: `triangular_solve, ${size}`,
      f: (a, y) => lax.triangularSolve(a, y, { leftSide: true, lower: true }),
      inputs: () => [spd(b, n), f32(values(b * n * 4, -1, 1, 11), [b, n, 4])],
    },
    { prim: "lu", label: `lu, ${size}`, f: (a) => lax.lu(a)[0], inputs: () => [spd(b, n)] },
  ];
}

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
