/**
 * The page: fit the linear-regression example with NUTS in the browser, with a live progress
 * bar (warmup and sampling), the summary table, the corner plot, and the posterior-predictive
 * band of the line, on the chosen device (cpu, wasm or webgl). On cpu the chains run one after
 * another on the page's thread, or in parallel in Web Workers (`chainMethod: "parallel"`; the
 * page then runs the same fit sequentially too, to compare the time and the draws).
 *
 * What runs where: NUTS's potential and its gradient run on the chosen device
 * (`new MCMC(new NUTS(model), { device })`: on cpu Orrery's compiled JS in float64; on wasm and
 * webgl the chains run vectorized, one tfjs program per batch of gradients in float32, read back
 * into the sampler's float64 vectors),
 * and so does the vectorised posterior-predictive part, `jit(vmap(m·x + b))` over every draw and
 * a fine x grid, and its mean over draws. The sampler's control flow, the summary and the plots
 * run on the page's main thread in plain JS. The chains warm up first (`mcmc.warmup`), then
 * sample (`mcmc.run`); both phases yield to the event loop every ~50 ms, so the bar moves and the
 * page stays responsive throughout.
 */
import { type Array, type ConcreteArray, devicePut, jit, np, random, vmap, withDevice } from "@orrery/core";
import { MCMC, NUTS, type ProgressEvent } from "@orrery/infer";
import { cornerPlot, ppcPlot } from "@orrery/plot";
import { TRUTH, linearModel, makeData } from "../../linear-regression/src/model.js";

type Device = "cpu" | "wasm" | "webgl";
type Chains = "sequential" | "parallel";

const NUM_CHAINS = 4;
const GRID = 400;
/**
 * Iterations per chain: on a tfjs device every batch of gradients (all chains at once, with
 * `chainMethod: "vectorized"`) is a round trip of one tfjs program (about a millisecond on wasm,
 * more on webgl, against well under a microsecond per gradient on cpu for this 2-parameter
 * model), so the fit there is shorter.
 */
const SIZES: Record<Device, { numWarmup: number; numSamples: number }> = {
  cpu: { numWarmup: 500, numSamples: 1000 },
  wasm: { numWarmup: 300, numSamples: 500 },
  webgl: { numWarmup: 150, numSamples: 250 },
};
const params = new URLSearchParams(location.search);
// ?warmup=…&samples=… change the cpu fit's length (e.g. to time parallel chains on a longer run).
for (const [param, key] of [["warmup", "numWarmup"], ["samples", "numSamples"]] as const) {
  const v = Number(params.get(param));
  if (Number.isInteger(v) && v > 0) SIZES.cpu[key] = v;
}

/**
 * The chain worker of `chainMethod: "parallel"`: scripts/build.ts bundles `@orrery/infer/worker`
 * as dist/orrery-infer-worker.js, next to page.js (esbuild does not emit worker scripts by
 * itself), and MCMC gets its URL as `workerUrl`. (`?worker=…` replaces it: the browser test's
 * missing script.)
 */
const WORKER_URL = new URL(params.get("worker") ?? "./orrery-infer-worker.js", import.meta.url);

/** What the page leaves on `window.__orreryFit` after a run (read by the browser test). */
export interface FitReport {
  device: Device;
  /** How the chains ran: "sequential" or "parallel" (Web Workers) on cpu, "vectorized" on wasm and webgl. */
  chainMethod: Chains | "vectorized";
  numChains: number;
  numWarmup: number;
  numSamples: number;
  /** The device the NUTS potential and gradient ran on (the MCMC `device` option). */
  fitDevice: string;
  fitSeconds: number;
  warmupSeconds: number;
  mMean: number;
  bMean: number;
  divergences: number;
  /** Max |device − cpu| of the mean predictive line (0 on cpu). */
  bandMaxAbsDiff: number;
  /** How many times onProgress was called. */
  progressEvents: number;
  /**
   * What the progress line showed at each animation frame painted during the fit, in order
   * (deduplicated): the phase and the overall progress value.
   */
  frames: { phase: string; value: number }[];
  steps: { step: string; device: string; ms: number; note: string }[];
  /** Chains that returned draws (`mcmc.chainTimings`; for "parallel", each timed in its worker). */
  chainsRun: number;
  /** Each chain's warmup + sampling seconds, timed where it ran (a worker, or the page's thread). */
  chainSeconds: number[];
  /** "parallel": the same for the sequential fit run to compare. */
  sequentialChainSeconds: number[];
  /** `navigator.hardwareConcurrency`: the pool has at most this many workers. */
  cores: number;
  /** "parallel": seconds of the same fit run sequentially on the page's thread (0 otherwise). */
  sequentialSeconds: number;
  /** "parallel": whether its draws and extra fields equal the sequential fit's, exactly (null otherwise). */
  drawsEqualSequential: boolean | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const deviceSelect = $<HTMLSelectElement>("device");
const chainsSelect = $<HTMLSelectElement>("chains");
const fitButton = $<HTMLButtonElement>("fit");
const progress = $<HTMLProgressElement>("progress");
const progressText = $<HTMLSpanElement>("progress-text");
const statusLine = $<HTMLParagraphElement>("status");
const summaryPre = $<HTMLPreElement>("summary");
const devicesBody = $<HTMLTableElement>("devices").tBodies[0];
const cornerDiv = $<HTMLDivElement>("corner");
const ppcDiv = $<HTMLDivElement>("ppc");

const data = makeData(50, 0);
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

let runs = 0;
function setState(state: "ready" | "running" | "done" | "error", message: string): void {
  document.body.dataset.state = state;
  if (state === "done" || state === "error") document.body.dataset.runs = String(++runs);
  statusLine.textContent = message;
  statusLine.className = state === "error" ? "error" : "";
}

/** Load a tfjs device's backend on first use (a separate chunk) and wait until it is ready. */
const readyDevices = new Map<Device, Promise<void>>();
function prepareDevice(device: Device): Promise<void> {
  if (device === "cpu") return Promise.resolve();
  let p = readyDevices.get(device);
  if (p === undefined) {
    p =
      device === "wasm"
        ? import("@orrery/backend-wasm").then((m) => m.ready({ wasmPaths: new URL("wasm/", location.href).href }))
        : import("@orrery/backend-webgl").then((m) => m.ready());
    p.catch(() => readyDevices.delete(device));
    readyDevices.set(device, p);
  }
  return p;
}

/** Every draw's line on a grid: [draws, GRID], and the mean line. */
function predictive(m: Array, b: Array, x: Array): { lines: Array; mean: Array } {
  const lines = jit(vmap((mi: Array, bi: Array, xs: Array) => mi.mul(xs).add(bi), { inAxes: [0, 0, null] }))(m, b, x) as Array;
  return { lines, mean: np.mean(lines, { axis: 0 }) };
}

let progressEvents = 0;
let lastPhase = "";
/** The progress bar over both phases: every chain's warmup (`mcmc.warmup`), then every chain's draws (`mcmc.run`). */
function progressFor(size: { numWarmup: number; numSamples: number }): (e: ProgressEvent) => void {
  const { numWarmup, numSamples } = size;
  // Iterations done per chain (chains report one after another, or interleaved when vectorized).
  const done = new Float64Array(NUM_CHAINS);
  let total = 0;
  return (e) => {
    progressEvents++;
    lastPhase = e.phase;
    const now = e.phase === "warmup" ? e.iteration : numWarmup + e.iteration;
    total += now - done[e.chain];
    done[e.chain] = now;
    progress.value = total / (NUM_CHAINS * (numWarmup + numSamples));
    progressText.textContent =
      `chain ${e.chain + 1}/${NUM_CHAINS} ${e.phase} ${e.iteration}/${e.total} · step ${e.stepSize.toPrecision(3)} · ` +
      `acc ${e.meanAcceptProb.toFixed(2)} · div ${e.divergences}`;
  };
}

/** Record what the progress line shows at every animation frame until `stop()`. */
function watchFrames(): { frames: FitReport["frames"]; stop: () => void } {
  const frames: FitReport["frames"] = [];
  let on = true;
  const tick = () => {
    if (!on) return;
    const last = frames[frames.length - 1];
    if (lastPhase !== "" && (last === undefined || last.phase !== lastPhase || last.value !== progress.value)) frames.push({ phase: lastPhase, value: progress.value });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { frames, stop: () => (on = false) };
}

function addStep(report: FitReport, step: string, device: string, ms: number, note: string): void {
  report.steps.push({ step, device, ms, note });
  const row = devicesBody.insertRow();
  for (const v of [step, device, `${ms.toFixed(0)} ms`, note]) row.insertCell().textContent = v;
}

/** The draws and extra fields of a fit, to compare two fits exactly. */
function drawsOf(mcmc: MCMC): Float64Array[] {
  const s = mcmc.getSamples();
  const f = mcmc.getExtraFields();
  return [s.m, s.b, f.acceptProb, f.treeDepth, f.energy].map((a) => Float64Array.from(a.data as ArrayLike<number>));
}

const sameDraws = (a: Float64Array[], b: Float64Array[]) => a.length === b.length && a.every((x, i) => x.length === b[i].length && x.every((v, j) => Object.is(v, b[i][j])));

/**
 * Warm up (key 1) then sample (key 2): the fit, as the page runs it. Returns the warmup's wall
 * time and each chain's own seconds (warmup + sampling, timed where the chain ran).
 */
async function runFit(mcmc: MCMC): Promise<{ warmupSeconds: number; chainSeconds: number[] }> {
  const t0 = performance.now();
  await mcmc.warmup(random.key(1), data);
  const warmupSeconds = (performance.now() - t0) / 1000;
  const warm = mcmc.chainTimings.map((t) => t.warmupSeconds);
  await nextFrame();
  await mcmc.run(random.key(2), data);
  return { warmupSeconds, chainSeconds: mcmc.chainTimings.map((t, i) => t.samplingSeconds + (warm[i] ?? 0)) };
}

async function fit(): Promise<void> {
  const device = deviceSelect.value as Device;
  // On a tfjs device the chains run vectorized: one device call gives every chain its gradient.
  const chainMethod = device === "cpu" ? (chainsSelect.value as Chains) : "vectorized";
  fitButton.disabled = true;
  deviceSelect.disabled = true;
  chainsSelect.disabled = true;
  summaryPre.textContent = "";
  cornerDiv.innerHTML = "";
  ppcDiv.innerHTML = "";
  devicesBody.innerHTML = "";
  progress.value = 0;
  progressText.textContent = "";
  const size = SIZES[device];
  setState("running", `Fitting on ${device}: NUTS, ${NUM_CHAINS} chains × (${size.numWarmup} warmup + ${size.numSamples} draws), ${chainMethod}…`);
  const report: FitReport = {
    device,
    chainMethod,
    numChains: NUM_CHAINS,
    ...size,
    fitDevice: "",
    fitSeconds: 0,
    warmupSeconds: 0,
    mMean: NaN,
    bMean: NaN,
    divergences: 0,
    bandMaxAbsDiff: 0,
    progressEvents: 0,
    frames: [],
    steps: [],
    chainsRun: 0,
    chainSeconds: [],
    sequentialChainSeconds: [],
    cores: navigator.hardwareConcurrency,
    sequentialSeconds: 0,
    drawsEqualSequential: null,
  };
  progressEvents = 0;
  lastPhase = "";
  const watch = watchFrames();
  report.frames = watch.frames;
  try {
    // The device's set-up (the WebAssembly module or the WebGL context), before the fit runs there.
    const t00 = performance.now();
    await prepareDevice(device);
    if (device !== "cpu") addStep(report, `${device} device set-up`, device, performance.now() - t00, device === "wasm" ? "tfjs WebAssembly module loaded" : "WebGL context created");
    await nextFrame();

    const t0 = performance.now();
    const mcmc = new MCMC(new NUTS(linearModel), { ...size, numChains: NUM_CHAINS, onProgress: progressFor(size), device, chainMethod, workerUrl: WORKER_URL });
    report.fitDevice = mcmc.options.device ?? "cpu";
    const timed = await runFit(mcmc);
    report.warmupSeconds = timed.warmupSeconds;
    report.chainSeconds = timed.chainSeconds;
    await nextFrame();
    watch.stop();
    report.fitSeconds = (performance.now() - t0) / 1000;
    report.chainsRun = mcmc.chainTimings.length;
    report.divergences = mcmc.numDivergences;
    report.progressEvents = progressEvents;
    const fitName = `NUTS fit: ${NUM_CHAINS} chains × (${size.numWarmup} warmup + ${size.numSamples} draws)`;
    addStep(report, `${fitName}, ${chainMethod}`, report.fitDevice, report.fitSeconds * 1000,
      chainMethod === "parallel"
        ? `in Web Workers (a pool of up to ${report.cores}, one per core, for warmup and one for sampling), potential and gradient compiled to JS, float64; warmup ${(report.warmupSeconds * 1000).toFixed(0)} ms`
        : device === "cpu"
          ? "on the page's thread, potential and gradient compiled by jit(valueAndGrad) to JS, float64"
          : `potential and gradient as one tfjs program per leapfrog step, float32; warmup ${report.warmupSeconds.toFixed(1)} s`);
    summaryPre.textContent = mcmc.summaryText();
    await nextFrame();

    if (chainMethod === "parallel") {
      // The same fit with the chains one after another on this thread: the time, and the draws
      // (the same keys give the same draws, whichever the chain method).
      const t = performance.now();
      // (An onProgress that does nothing: progress events are built per transition, as for the parallel fit.)
      const seq = new MCMC(new NUTS(linearModel), { ...size, numChains: NUM_CHAINS, chainMethod: "sequential", onProgress: () => {} });
      report.sequentialChainSeconds = (await runFit(seq)).chainSeconds;
      report.sequentialSeconds = (performance.now() - t) / 1000;
      report.drawsEqualSequential = sameDraws(drawsOf(mcmc), drawsOf(seq));
      addStep(report, `${fitName}, sequential (to compare)`, "cpu", report.sequentialSeconds * 1000,
        `on the page's thread; draws and extra fields ${report.drawsEqualSequential ? "identical to" : "DIFFERENT from"} the parallel fit's`);
      await nextFrame();
    }

    const t1 = performance.now();
    const samples = mcmc.getSamples({ groupByChain: true });
    cornerDiv.innerHTML = cornerPlot({ m: samples.m, b: samples.b }, { truths: TRUTH, labels: { m: "m (slope)", b: "b (intercept)" } });
    const flat = mcmc.getSamples();
    report.mMean = np.mean(flat.m).item() as number;
    report.bMean = np.mean(flat.b).item() as number;
    addStep(report, "corner plot (SVG)", "cpu", performance.now() - t1, "@orrery/plot: histograms, KDE contours, d3");

    // The posterior-predictive band: every draw's line on a fine grid, on the chosen device.
    const grid = np.linspace(-2.5, 2.5, GRID);
    const t2 = performance.now();
    const ref = predictive(flat.m, flat.b, grid);
    const refMean = ref.mean.tolist() as number[];
    if (device === "cpu") addStep(report, `predictive lines: jit(vmap(m·x + b)), ${flat.m.shape[0]} draws × ${GRID} x, and their mean`, "cpu", performance.now() - t2, "compiled JS loops, float64");
    let lines = ref.lines as ConcreteArray;
    if (device !== "cpu") {
      const t3 = performance.now();
      const onDevice = withDevice(device, () => {
        const put = (a: Array) => devicePut(a.astype("float32"), device);
        const r = predictive(put(flat.m), put(flat.b), put(grid));
        return { lines: devicePut(r.lines, "cpu") as ConcreteArray, mean: r.mean.tolist() as number[], where: r.lines.device };
      });
      const ms = performance.now() - t3;
      report.bandMaxAbsDiff = Math.max(...onDevice.mean.map((v, i) => Math.abs(v - refMean[i])));
      addStep(report, `predictive lines: jit(vmap(m·x + b)), ${flat.m.shape[0]} draws × ${GRID} x, and their mean`, onDevice.where, ms,
        `tfjs kernels, float32; mean line within ${report.bandMaxAbsDiff.toExponential(1)} of cpu's float64`);
      lines = onDevice.lines;
    }
    const t4 = performance.now();
    ppcDiv.innerHTML = ppcPlot(
      { x: data.x.tolist() as number[], y: data.y.tolist() as number[], yerr: data.yerr.tolist() as number[] },
      { x: grid.tolist() as number[], draws: { data: lines.data as ArrayLike<number>, shape: lines.shape } },
      { kind: "band", xLabel: "x", yLabel: "y", width: 480, height: 360, modelLabel: "m·x + b (68%, 95%)" },
    );
    addStep(report, "band plot: pointwise quantiles (SVG)", "cpu", performance.now() - t4, "@orrery/plot ppcPlot");

    (window as unknown as { __orreryFit: FitReport }).__orreryFit = report;
    setState("done", `Done on ${device} (${chainMethod}): fit in ${report.fitSeconds.toFixed(2)} s, ${report.divergences} divergences. m ≈ ${report.mMean.toFixed(3)} (truth ${TRUTH.m}), b ≈ ${report.bMean.toFixed(3)} (truth ${TRUTH.b}).`);
  } catch (e) {
    watch.stop();
    console.error(e);
    setState("error", `Failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    fitButton.disabled = false;
    deviceSelect.disabled = false;
    chainsSelect.disabled = false;
  }
}

fitButton.addEventListener("click", () => void fit());
const fromUrl = params.get("device");
if (fromUrl === "cpu" || fromUrl === "wasm" || fromUrl === "webgl") deviceSelect.value = fromUrl;
const chainsFromUrl = params.get("chains");
if (chainsFromUrl === "sequential" || chainsFromUrl === "parallel") chainsSelect.value = chainsFromUrl;
fitButton.disabled = false;
setState("ready", "Ready: pick a device and press Fit.");
