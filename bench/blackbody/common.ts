/** Shared pieces of the blackbody benchmark: sizes, inputs on disk, timing. */
import { readFileSync, writeFileSync } from "node:fs";

export const N_BETA = 100_000;
export const N_LAM = 1000;
/** Steady calls timed after the first one (the median is reported). */
export const STEADY = Number(process.env.BENCH_STEADY ?? 5);

/** The workload's inputs, float64 (the float32 peers get them rounded). */
export interface Inputs {
  betas: Float64Array;
  lam: Float64Array;
  g: Float64Array;
  r: Float64Array;
}

export function writeInputs(path: string, x: Inputs): void {
  const all = new Float64Array(x.betas.length + 3 * x.lam.length);
  all.set(x.betas, 0);
  all.set(x.lam, x.betas.length);
  all.set(x.g, x.betas.length + x.lam.length);
  all.set(x.r, x.betas.length + 2 * x.lam.length);
  writeFileSync(path, new Uint8Array(all.buffer));
}

export function readInputs(path: string): Inputs {
  const buf = readFileSync(path);
  const all = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const B = N_BETA;
  const L = N_LAM;
  return { betas: all.slice(0, B), lam: all.slice(B, B + L), g: all.slice(B + L, B + 2 * L), r: all.slice(B + 2 * L, B + 3 * L) };
}

/** What one worker (one contender, one function) measured. */
export interface WorkerResult {
  contender: string;
  fn: "f" | "df";
  firstMs: number;
  steadyMs: number;
  /** Every steady call, in order. */
  steadyAllMs: number[];
  /** Peak resident set of the worker process, MiB. */
  maxRssMiB: number;
  /** The contender's own compile-time figure where it has one (Orrery: jit cacheInfo().compileMs). */
  reportedCompileMs?: number;
  notes: string[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time `call` once (first) and then STEADY times; returns the output of the last call. */
export async function timeCalls(call: () => Float64Array | Float32Array | Promise<Float64Array | Float32Array>): Promise<{ firstMs: number; steadyAllMs: number[]; out: Float64Array | Float32Array }> {
  let t = performance.now();
  let out = await call();
  const firstMs = performance.now() - t;
  const steadyAllMs: number[] = [];
  for (let k = 0; k < STEADY; k++) {
    t = performance.now();
    out = await call();
    steadyAllMs.push(performance.now() - t);
  }
  return { firstMs, steadyAllMs, out };
}
