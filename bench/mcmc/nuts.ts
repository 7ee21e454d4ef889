/**
 * Benchmark: NUTS with Stan's windowed adaptation on
 *   - the 2-parameter linear regression (32 points) of the small-calls benchmark, built with
 *     core's `np` and compiled with `jit(valueAndGrad(logp)).lower(x).runInto` (`fromOrrery`);
 *   - the same regression hand-written in JS (the sampler's own overhead);
 *   - a 100-dimensional standard normal (`fromOrrery`).
 *
 *   node --conditions=source --import tsx bench/mcmc/nuts.ts
 *
 * 4 chains run one after another (1000 warmup + 1000 sampling iterations each), then one longer
 * run (THROUGHPUT=20000 transitions) times the sampler alone. Prints leapfrog
 * steps per second, bulk ESS (min over parameters, @orrery/diagnostics' essBulk) per second,
 * warmup and sampling times, and writes bench/results/mcmc-nuts.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Array as OArray, np, random } from "@orrery/core";
import { essBulk } from "../../packages/diagnostics/src/index.js";
import { type LogDensity, buildNutsKernel, fromFunction, fromOrrery, rngFromKey, windowAdaptation, emptyGradientState } from "../../packages/mcmc/src/index.js";

const CHAINS = 4;
const WARMUP = 1000;
const SAMPLES = 1000;
const THROUGHPUT = Number(process.env.THROUGHPUT ?? 20_000);
const LOG_2PI = Math.log(2 * Math.PI);

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** y ~ Normal(m x + b, yerr), m, b ~ Normal(0, 10); 32 points (the small-calls benchmark's data). */
function regressionData() {
  const r = lcg(1);
  const n = 32;
  const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const yerr = Float64Array.from({ length: n }, () => 0.1 + 0.2 * r());
  const y = Float64Array.from(x, (xi, i) => 2 * xi - 0.5 + yerr[i] * (r() - 0.5));
  return { n, x, y, yerr };
}

function regressionOrrery(): LogDensity {
  const { n, x, y, yerr } = regressionData();
  const X = np.array(x), Y = np.array(y), Yerr = np.array(yerr), logYerr = np.log(Yerr);
  const logp = (theta: OArray): OArray => {
    const m = theta.index(0);
    const b = theta.index(1);
    const z = Y.sub(X.mul(m).add(b)).div(Yerr);
    const like = np.sum(z.square().mul(-0.5).sub(logYerr)).sub(0.5 * n * LOG_2PI);
    const prior = m.square().add(b.square()).mul(-0.5 / 100).sub(LOG_2PI + 2 * Math.log(10));
    return like.add(prior);
  };
  return fromOrrery(logp, 2);
}

function regressionJs(): LogDensity {
  const { n, x, y, yerr } = regressionData();
  const c = -yerr.reduce((s, v) => s + Math.log(v), 0) - 0.5 * n * LOG_2PI - LOG_2PI - 2 * Math.log(10);
  return fromFunction(2, (theta, grad) => {
    const m = theta[0], b = theta[1];
    let lp = 0, gm = 0, gb = 0;
    for (let i = 0; i < n; i++) {
      const iv = 1 / yerr[i];
      const z = (y[i] - (m * x[i] + b)) * iv;
      lp -= 0.5 * z * z;
      const dz = z * iv;
      gm += dz * x[i];
      gb += dz;
    }
    grad[0] = gm - m / 100;
    grad[1] = gb - b / 100;
    return lp + c - (0.5 / 100) * (m * m + b * b);
  });
}

function stdNormalOrrery(dim: number): LogDensity {
  return fromOrrery((x: OArray) => np.sum(x.square()).mul(-0.5), dim);
}

interface Row {
  model: string;
  dim: number;
  warmupMs: number;
  samplingMs: number;
  leapfrogPerSecSampling: number;
  leapfrogPerSecTotal: number;
  /** Leapfrog steps per second over a long run (THROUGHPUT transitions with the adapted tunables). */
  leapfrogPerSecLong: number;
  nsPerLeapfrogLong: number;
  meanLeapfrogPerDraw: number;
  stepSize: number;
  divergences: number;
  minEssBulk: number;
  essPerSecSampling: number;
  essPerSecTotal: number;
  means: number[];
}

function bench(model: string, make: () => LogDensity, init: number[]): Row {
  const tc = performance.now();
  const ld = make();
  const compileMs = performance.now() - tc;
  const dim = ld.dim;
  const kernel = buildNutsKernel(ld);
  const draws = Array.from({ length: dim }, () => Array.from({ length: CHAINS }, () => new Float64Array(SAMPLES)));
  let warmupMs = 0, samplingMs = 0, warmLeap = 0, sampLeap = 0, div = 0, stepSize = 0;
  for (let c = 0; c < CHAINS; c++) {
    const key = random.foldIn(random.key(2024), c);
    const t0 = performance.now();
    const warm = windowAdaptation(ld).run(random.foldIn(key, 0), init, WARMUP);
    const t1 = performance.now();
    const rng = rngFromKey(random.foldIn(key, 1));
    let s = warm.state;
    let spare = emptyGradientState(dim);
    const params = warm.parameters;
    for (let i = 0; i < SAMPLES; i++) {
      const r = kernel(rng, s, params, spare);
      spare = s;
      s = r.state;
      sampLeap += r.info.numIntegrationSteps;
      if (r.info.isDivergent) div++;
      const q = s.position;
      for (let j = 0; j < dim; j++) draws[j][c][i] = q[j];
    }
    const t2 = performance.now();
    warmupMs += t1 - t0;
    samplingMs += t2 - t1;
    warmLeap += warm.numIntegrationSteps;
    stepSize += params.stepSize / CHAINS;
  }
  // Throughput over a longer run with the last chain's tunables (less timer noise).
  const warm = windowAdaptation(ld).run(random.key(77), init, WARMUP);
  const rng = rngFromKey(random.key(78));
  let s = warm.state, spare = emptyGradientState(dim), leap = 0;
  const tl = performance.now();
  for (let i = 0; i < THROUGHPUT; i++) {
    const r = kernel(rng, s, warm.parameters, spare);
    spare = s;
    s = r.state;
    leap += r.info.numIntegrationSteps;
  }
  const longSec = (performance.now() - tl) / 1000;
  let minEss = Infinity;
  const means: number[] = [];
  for (let j = 0; j < dim; j++) {
    minEss = Math.min(minEss, essBulk(draws[j]));
    if (j < 3) means.push(draws[j].reduce((s, ch) => s + ch.reduce((a, v) => a + v, 0), 0) / (CHAINS * SAMPLES));
  }
  void compileMs;
  return {
    model,
    dim,
    warmupMs,
    samplingMs,
    leapfrogPerSecSampling: sampLeap / (samplingMs / 1000),
    leapfrogPerSecTotal: (sampLeap + warmLeap) / ((samplingMs + warmupMs) / 1000),
    leapfrogPerSecLong: leap / longSec,
    nsPerLeapfrogLong: (longSec * 1e9) / leap,
    meanLeapfrogPerDraw: sampLeap / (CHAINS * SAMPLES),
    stepSize,
    divergences: div,
    minEssBulk: minEss,
    essPerSecSampling: minEss / (samplingMs / 1000),
    essPerSecTotal: minEss / ((samplingMs + warmupMs) / 1000),
    means,
  };
}

const models: [string, () => LogDensity, number[]][] = [
  ["linear regression (fromOrrery, jit)", regressionOrrery, [1.5, 0.1]],
  ["linear regression (hand-written JS)", regressionJs, [1.5, 0.1]],
  ["std normal 100-D (fromOrrery, jit)", () => stdNormalOrrery(100), new Array(100).fill(0.5)],
];

// Warm V8 up on a short run of each model, then measure.
for (const [, make, init] of models) windowAdaptation(make()).run(random.key(1), init, 200);
const rows = models.map(([name, make, init]) => bench(name, make, init));

const fmt = (v: number, d = 0) => v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`NUTS + windowed adaptation, ${CHAINS} chains x (${WARMUP} warmup + ${SAMPLES} draws), node ${process.version}, ${cpus()[0]?.model ?? "?"}`);
console.log(
  ["model".padEnd(38), "warmup ms", "sample ms", "leapfrog/s (sampling)", "leapfrog/s (all)", "leapfrog/s (long run)", "ns/leapfrog", "leapfrog/draw", "step", "div", "min ESS bulk", "ESS/s (sampling)", "ESS/s (all)"].join(" | "),
);
for (const r of rows) {
  console.log(
    [
      r.model.padEnd(38),
      fmt(r.warmupMs).padStart(9),
      fmt(r.samplingMs).padStart(9),
      fmt(r.leapfrogPerSecSampling).padStart(21),
      fmt(r.leapfrogPerSecTotal).padStart(16),
      fmt(r.leapfrogPerSecLong).padStart(21),
      fmt(r.nsPerLeapfrogLong).padStart(11),
      fmt(r.meanLeapfrogPerDraw, 2).padStart(13),
      fmt(r.stepSize, 3).padStart(4),
      String(r.divergences).padStart(3),
      fmt(r.minEssBulk).padStart(12),
      fmt(r.essPerSecSampling).padStart(16),
      fmt(r.essPerSecTotal).padStart(11),
    ].join(" | "),
  );
}

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "results", "mcmc-nuts.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, chains: CHAINS, warmup: WARMUP, samples: SAMPLES, rows }, null, 2) + "\n",
);
console.log(`wrote ${out}`);
