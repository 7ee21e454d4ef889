/**
 * Benchmark: `summary` of 100 parameters × 4 chains × 10,000 draws (target: under 1 s).
 *
 *   node --import tsx bench/diagnostics/summary.ts
 *
 * The draws are AR(1) chains with autocorrelations from 0 to 0.95 (a seeded generator), so the
 * ESS's Geyer sequence runs from a few lags to a few hundred. Prints a table and writes
 * bench/results/diagnostics-summary.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus } from "node:os";
import {
  essBulk, essTail, formatSummary, hdi, mcseMean, mcseSd, rhat, summary, type SummaryPreset,
} from "../../packages/diagnostics/src/index.js";

const PARAMS = 100;
const CHAINS = 4;
const DRAWS = 10_000;
const REPEATS = 5;

/** xoshiro128** with a Box–Muller normal: deterministic draws without dependencies. */
function rng(seed: number): () => number {
  let a = seed >>> 0, b = 0x9e3779b9, c = 0x243f6a88, d = 0xb7e15162;
  const next = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return (r >>> 0) / 4294967296;
  };
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  for (let i = 0; i < 16; i++) next();
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) { const s = spare; spare = undefined; return s; }
    const u = 1 - next(), v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

function makeDraws(): Float64Array {
  const normal = rng(12345);
  const data = new Float64Array(CHAINS * DRAWS * PARAMS);
  // layout [chains, draws, PARAMS]: one "theta" with an event shape of 100
  for (let p = 0; p < PARAMS; p++) {
    const phi = (0.95 * p) / (PARAMS - 1);
    const sdInnov = Math.sqrt(1 - phi * phi);
    for (let c = 0; c < CHAINS; c++) {
      let x = normal();
      for (let i = 0; i < DRAWS; i++) {
        x = phi * x + sdInnov * normal();
        data[(c * DRAWS + i) * PARAMS + p] = x;
      }
    }
  }
  return data;
}

function time(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const data = makeDraws();
const draws = { theta: { data, shape: [CHAINS, DRAWS, PARAMS] } };

interface Result { case: string; median_ms: number; min_ms: number; runs_ms: number[] }
const results: Result[] = [];
function bench(name: string, f: () => void, repeats = REPEATS): void {
  f(); // warm-up (JIT, FFT plans, normal-score table)
  const runs = Array.from({ length: repeats }, () => time(f));
  results.push({ case: name, median_ms: median(runs), min_ms: Math.min(...runs), runs_ms: runs });
}

for (const preset of ["arviz", "numpyro", "posterior"] as SummaryPreset[]) {
  bench(`summary preset=${preset} (${PARAMS} params × ${CHAINS} × ${DRAWS})`, () => summary(draws, { preset }));
}
// The single-statistic functions on one parameter (each recomputes its own sort/ranks).
const one = { data: new Float64Array(CHAINS * DRAWS), shape: [CHAINS, DRAWS] };
for (let c = 0; c < CHAINS; c++) for (let i = 0; i < DRAWS; i++) one.data[c * DRAWS + i] = data[(c * DRAWS + i) * PARAMS + 50];
bench("rhat (1 param)", () => rhat(one), 20);
bench("essBulk (1 param)", () => essBulk(one), 20);
bench("essTail (1 param)", () => essTail(one), 20);
bench("mcseMean (1 param)", () => mcseMean(one), 20);
bench("mcseSd (1 param)", () => mcseSd(one), 20);
bench("hdi (1 param)", () => hdi(one), 20);

const s = summary(draws);
console.log(formatSummary({ columns: s.columns, rows: s.rows.filter((_, i) => i % 20 === 0 || i === PARAMS - 1) }));
console.log();
const nameWidth = Math.max(...results.map((r) => r.case.length));
console.log(`${"case".padEnd(nameWidth)}  ${"median ms".padStart(10)}  ${"min ms".padStart(10)}`);
for (const r of results) {
  console.log(`${r.case.padEnd(nameWidth)}  ${r.median_ms.toFixed(1).padStart(10)}  ${r.min_ms.toFixed(1).padStart(10)}`);
}
const target = results[0].median_ms < 1000 ? "met" : "MISSED";
console.log(`\ntarget (summary under 1000 ms): ${target}`);

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "results", "diagnostics-summary.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      benchmark: "diagnostics-summary",
      params: PARAMS, chains: CHAINS, draws: DRAWS, repeats: REPEATS,
      node: process.version, cpu: cpus()[0]?.model ?? "unknown", date: new Date().toISOString(),
      target_ms: 1000, target_met: target === "met",
      results,
    },
    null,
    2,
  ) + "\n",
);
console.log(`wrote ${out}`);
