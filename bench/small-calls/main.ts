/**
 * ns per call of jitted valueAndGrad of small log densities (the MCMC workload), through
 * the compiled-function interface samplers use and through the public jit API, against a
 * hand-written JS gradient of the same function. Prints a table and writes JSON.
 *
 * Run: node --conditions=source --import tsx bench/small-calls/main.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Array, jit, np, valueAndGrad } from "@orrery/core";
import { hierarchical, linearRegression } from "./models.js";

const here = dirname(fileURLToPath(import.meta.url));

function timeNs(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 2000; i++) fn();
  const samples: number[] = [];
  for (let rep = 0; rep < 7; rep++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs / 7) {
      for (let i = 0; i < 1000; i++) fn();
      n += 1000;
      t = performance.now();
    }
    samples.push(((t - t0) * 1e6) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[3];
}

const rows: Record<string, unknown>[] = [];
for (const model of [linearRegression(), hierarchical()]) {
  const theta = np.array(model.init);
  const vg = jit(valueAndGrad(model.logp));
  const t0 = performance.now();
  const [v0, g0] = vg(theta) as [Array, Array];
  const firstMs = performance.now() - t0;

  // Check agreement with the hand-written gradient.
  const gh = new Float64Array(model.dim);
  const vh = model.handwritten(model.init, gh);
  const gOrr = (g0 as any).data as Float64Array;
  let maxRel = Math.abs((v0 as any).data[0] - vh) / Math.abs(vh);
  for (let i = 0; i < model.dim; i++) maxRel = Math.max(maxRel, Math.abs(gOrr[i] - gh[i]) / Math.max(1e-300, Math.abs(gh[i])));

  const compiled = vg.lower(theta);
  const ins = [Float64Array.from(model.init)];
  const outs = [new Float64Array(1), new Float64Array(model.dim)];
  const nsCompiled = timeNs(() => {
    ins[0][0] += 1e-12;
    compiled.runInto(ins, outs);
  });
  const nsJit = timeNs(() => {
    vg(theta);
  });
  const gbuf = new Float64Array(model.dim);
  const pos = Float64Array.from(model.init);
  const nsHand = timeNs(() => {
    pos[0] += 1e-12;
    model.handwritten(pos, gbuf);
  });
  rows.push({
    model: model.name,
    compiledNs: nsCompiled,
    publicJitNs: nsJit,
    handwrittenNs: nsHand,
    ratioToHandwritten: nsCompiled / nsHand,
    firstCallMs: firstMs,
    maxRelErrVsHandwritten: maxRel,
  });
}

const fmt = (v: unknown) => (typeof v === "number" ? (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(v >= 100 ? 0 : 2)) : String(v));
const cols = ["model", "compiledNs", "publicJitNs", "handwrittenNs", "ratioToHandwritten", "firstCallMs", "maxRelErrVsHandwritten"];
console.log(cols.join("\t"));
for (const r of rows) console.log(cols.map((c) => fmt(r[c])).join("\t"));
const lin = rows[0] as { compiledNs: number; publicJitNs: number; ratioToHandwritten: number };
console.log(
  `\ntargets (linear regression): compiled ≤ 1000 ns: ${lin.compiledNs <= 1000 ? "met" : "not met"}; ` +
    `public jit ≤ 3000 ns: ${lin.publicJitNs <= 3000 ? "met" : "not met"}; within 2× of hand-written: ${lin.ratioToHandwritten <= 2 ? "met" : "not met"}`,
);
mkdirSync(join(here, "..", "results"), { recursive: true });
writeFileSync(
  join(here, "..", "results", "small-calls.json"),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, rows }, null, 2) + "\n",
);
