/**
 * `MCMC`: run a model kernel (NUTS, HMC, SA, BarkerMH, AIES, ESS) on an Orrery model, as
 * numpyro.infer.MCMC. The sampling loop knows kernels only through {@link ModelKernel}.
 */
import { type Array, ConcreteArray, type ProgramDescription, jit, np, random, vmap } from "@orrery/core";
import { formatSummary, summary, type SummaryPreset } from "@orrery/diagnostics";
import { type LogDensity, fromOrrery, rngFromKey } from "@orrery/mcmc";
import { type FlatPotential, potentialFromModel } from "@orrery/ppl";
import { type KernelRunner, type ModelKernel, valueOnlyDensity } from "./kernel.js";
import { type ProgressEvent, makeReporter } from "./progress.js";
import { type BatchedLogDensity, type DeviceLogDensity, type DevicePotential, batchedLogDensity, checkMcmcDevice, devicePotential, modelLogDensity } from "./device-density.js";
import { type ChainRun, type FieldArray, type UnitLoop, allocRuns, sampleUnit, warmupUnit } from "./unit-loop.js";
import { type UnitResult, type UnitsJob, describeDensity, runParallel } from "./parallel.js";
import { HMC, NUTS } from "./hmc.js";
import { BarkerMH } from "./barker.js";
import { SA } from "./sa.js";
import { batchedValueDensity, runLockstep } from "./lockstep.js";
import { checkVectorizable, runVectorized } from "./vectorized.js";
import { type ChainWorker } from "./worker-host.js";

/** Options of `MCMC` (NumPyro's names in camelCase). */
export interface MCMCOptions {
  numWarmup: number;
  numSamples: number;
  /** Independent chains (default 1). */
  numChains?: number;
  /** Keep every `thinning`-th draw (default 1). */
  thinning?: number;
  /**
   * How chains run: "sequential" (default: one after another), "parallel" (each chain in a
   * worker: a worker thread in Node, a module Web Worker in a browser, at most one per core; for
   * NUTS, HMC, SA and BarkerMH on cpu, not for the ensemble kernels, whose walkers move
   * together), or "vectorized" (NUTS, HMC, SA and BarkerMH: all chains in one thread, their
   * log densities evaluated together by one batched call of the compiled potential). All three
   * make the same draws from the same key. In a browser, "parallel" needs the worker script in
   * your bundle: see `workerUrl`.
   */
  chainMethod?: "sequential" | "parallel" | "vectorized";
  /**
   * `chainMethod: "parallel"`: the URL of the chain worker script, `@orrery/infer/worker` as
   * your bundler emits it (ignored by the other chain methods). In a browser it is started as a
   * module worker. Without it, `@orrery/infer` starts
   * `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`, which webpack 5
   * and Vite bundle by themselves; esbuild does not, so with esbuild add `@orrery/infer/worker`
   * as an entry point and pass its URL here. In Node the default is the package's own
   * `dist/worker.js`; pass a path or `file:` URL if you bundle your program.
   *
   * @example
   * ```ts
   * // esbuild: entryPoints: { app: "src/app.ts", "orrery-worker": "@orrery/infer/worker" }
   * const mcmc = new MCMC(new NUTS(model), {
   *   numWarmup: 500, numSamples: 1000, numChains: 4, chainMethod: "parallel",
   *   workerUrl: new URL("./orrery-worker.js", import.meta.url),
   * });
   * ```
   */
  workerUrl?: string | URL;
  /**
   * `chainMethod: "parallel"`: start a chain worker yourself (instead of `workerUrl`), e.g. with
   * Vite's `?worker` import, or to count or name workers. It must run `@orrery/infer/worker`: a
   * browser `Worker` made with `{ type: "module" }`, or a Node `worker_threads` `Worker`.
   * Called once per worker of the pool (at most one per core, each running several chains
   * in turn); `MCMC` terminates them when the run ends.
   *
   * @example
   * ```ts
   * const mcmc = new MCMC(new NUTS(model), {
   *   numWarmup: 500, numSamples: 1000, numChains: 4, chainMethod: "parallel",
   *   createWorker: () => new Worker(new URL("./orrery-worker.js", import.meta.url), { type: "module", name: "mcmc" }),
   * });
   * ```
   */
  createWorker?: () => ChainWorker;
  /**
   * Where the potential and its gradient are evaluated (gradient kernels: NUTS, HMC, BarkerMH):
   * "cpu" (default: Orrery's compiled JS, float64, the fastest for small and medium models) or
   * a tfjs device, "tfjs-cpu", "wasm" or "webgl", registered by importing its backend package
   * (`@orrery/backend-wasm`, …) and awaiting its `ready()`. On a tfjs device the potential runs
   * in float32 (the model's array arguments are uploaded once per run as float32; the sampler's
   * own vectors stay float64 on the host, and the value and gradient are read back at every
   * leapfrog step). Initial points, `getSamples` and summaries stay on cpu. Chains run
   * sequentially. The device memory is freed when the run ends. (`defaultDevice()` is not
   * consulted: it decides where creation functions put new arrays, not where MCMC runs.)
   *
   * @example
   * ```ts
   * import { ready } from "@orrery/backend-wasm";
   * await ready();
   * const mcmc = new MCMC(new NUTS(model), { numWarmup: 500, numSamples: 1000, device: "wasm" });
   * ```
   */
  device?: string;
  /** A live progress line per chain on a terminal (default true; off when not a TTY or in CI). */
  progressBar?: boolean;
  /**
   * Called as warmup and sampling progress (e.g. to drive a progress bar in a browser): after
   * every transition, or, for chains in workers (`chainMethod: "parallel"`), at most every
   * ~50 ms per chain and at the last transition of each phase.
   */
  onProgress?: (e: ProgressEvent) => void;
  /** Stop early: draws made so far are kept. */
  signal?: AbortSignal;
}


interface UnitRun<S> {
  postWarmup: S;
  last: S;
}

/** Wall-clock seconds a chain (or ensemble) spent in warmup and in sampling. */
export interface UnitTiming {
  warmupSeconds: number;
  samplingSeconds: number;
}

/** Extra fields per draw, as NumPyro's `get_extra_fields()`: one array per field the kernel reports, shaped like the draws. */
export type ExtraFields<F extends string = string> = Record<F, ConcreteArray>;

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

// How many draws a unit keeps: ceil(numSamples / thinning).
const keepOf = (o: MCMCOptions) => Math.ceil(o.numSamples / (o.thinning ?? 1));

/**
 * Markov chain Monte Carlo on a model: `run(key, ...modelArgs)` warms up (windowed
 * adaptation) and samples each chain, keeping draws as they come; `getSamples()` returns
 * constrained values by site (and deterministic sites), `printSummary()` the diagnostics table.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 500, numSamples: 1000, numChains: 4 });
 * await mcmc.run(random.key(0), { x, yerr, y });
 * mcmc.printSummary();
 * const { m, b } = mcmc.getSamples();
 * ```
 */
export class MCMC<S = unknown, F extends string = string> {
  readonly numChains: number;
  private chains: ChainRun<F>[] = [];
  private units: UnitRun<S>[] = [];
  private potential: FlatPotential | null = null;
  private logDensity: LogDensity | null = null;
  private modelArgs: unknown[] = [];
  private warmedUp: S[] | null = null;
  private samplesCache: Record<string, ConcreteArray> | null = null;
  private program: ProgramDescription | null = null;
  private batched: BatchedLogDensity | null = null;
  private batchedPotential: DevicePotential | null = null;
  private timings: UnitTiming[] = [];

  constructor(
    readonly kernel: ModelKernel<S, F>,
    readonly options: MCMCOptions,
  ) {
    const { numWarmup, numSamples } = options;
    if (!(Number.isInteger(numWarmup) && numWarmup >= 0)) throw new RangeError(`MCMC: numWarmup must be a non-negative integer, got ${numWarmup}`);
    if (!(Number.isInteger(numSamples) && numSamples >= 1)) throw new RangeError(`MCMC: numSamples must be a positive integer, got ${numSamples}`);
    this.numChains = options.numChains ?? 1;
    if (!(Number.isInteger(this.numChains) && this.numChains >= 1)) throw new RangeError(`MCMC: numChains must be a positive integer, got ${this.numChains}`);
    const thin = options.thinning ?? 1;
    if (!(Number.isInteger(thin) && thin >= 1)) throw new RangeError(`MCMC: thinning must be a positive integer, got ${thin}`);
    const method = options.chainMethod ?? "sequential";
    if (method === "vectorized") checkVectorizable(kernel);
    if (method === "parallel" && kernel.isEnsemble) {
      throw new Error(`MCMC: ${kernel.name} moves its walkers together, so its chains cannot run in parallel; use chainMethod "sequential"`);
    }
    if (method === "parallel" && !(kernel instanceof NUTS || kernel instanceof HMC || kernel instanceof SA || kernel instanceof BarkerMH)) {
      throw new Error(`MCMC: the ${kernel.name} kernel cannot run in a worker (NUTS, HMC, SA and BarkerMH can); use chainMethod "sequential"`);
    }
    if (options.device !== undefined) checkMcmcDevice(kernel, options.device, method);
    kernel.checkNumChains(this.numChains);
  }

  private setup(args: unknown[]): FlatPotential {
    if (this.potential === null) {
      this.potential = potentialFromModel(this.kernel.model, args);
      this.modelArgs = args;
    }
    return this.potential;
  }

  private compile(pot: FlatPotential, init: Float64Array): LogDensity {
    if (this.logDensity === null) {
      const device = this.options.device ?? "cpu";
      if (device !== "cpu") this.logDensity = modelLogDensity(this.kernel.model, this.modelArgs, pot, device);
      else this.logDensity = this.kernel.usesGradient ? fromOrrery(pot.logp, init) : valueOnlyDensity(pot.logp, init);
      if ((this.options.chainMethod ?? "sequential") === "parallel") this.program = describeDensity(pot.logp, init);
    }
    return this.logDensity;
  }

  /**
   * Run only the warmup; a following `run` continues from the adapted states (as NumPyro's
   * `warmup` then `run`).
   *
   * @example
   * ```ts
   * await mcmc.warmup(random.key(0), data);
   * await mcmc.run(random.key(1), data); // no second warmup
   * ```
   */
  async warmup(key: Array, ...args: unknown[]): Promise<void> {
    try {
      await this.runChains(key, args, true);
    } finally {
      this.releaseDevice();
    }
  }

  // A density on a tfjs device holds the model's data there: free it after each run (the next
  // run uploads it again).
  private releaseDevice(): void {
    if (this.logDensity !== null && "dispose" in this.logDensity) {
      (this.logDensity as DeviceLogDensity).dispose();
      this.logDensity = null;
    }
    if (this.batchedPotential !== null) {
      this.batched?.dispose();
      this.batchedPotential.dispose();
      this.batched = null;
      this.batchedPotential = null;
    }
  }

  /**
   * Warm up (unless `warmup` ran) and sample every chain. Draws are stored as they are made;
   * an aborted run keeps them.
   *
   * @example
   * ```ts
   * await mcmc.run(random.key(0), data);
   * ```
   */
  async run(key: Array, ...args: unknown[]): Promise<void> {
    try {
      await this.runChains(key, args, false);
    } finally {
      this.releaseDevice();
    }
  }

  private async runChains(key: Array, args: unknown[], warmupOnly: boolean): Promise<void> {
    const pot = this.setup(args);
    const keys = random.split(key, this.numChains);
    const report = makeReporter(this.options);
    // A unit is one chain, or one ensemble of numChains walkers.
    const width = this.kernel.isEnsemble ? this.numChains : 1;
    const numUnits = this.numChains / width;
    this.samplesCache = null;
    if (!warmupOnly) {
      this.chains = [];
      this.units = [];
    }
    const unitKeys = Array_from(numUnits, (u) => Array_from(width, (w) => splitN(np.index(keys, u * width + w), 3)));
    const resuming = this.warmedUp !== null && !warmupOnly;
    const method = this.options.chainMethod ?? "sequential";
    // Runs outside the sequential loop: every unit's start (or resumed state) and keys.
    const inits = method === "sequential" || resuming ? null : unitKeys.map((ck) => pot.init(ck[0][0], this.kernel.initStrategy));
    const job = (): UnitsJob => ({
      units: unitKeys.map((ck, u) => ({ init: inits === null ? null : inits[u], resume: resuming ? this.warmedUp![u] : undefined, warmKey: ck[0][1], sampleKey: ck[0][2] })),
      numWarmup: this.options.numWarmup,
      numSamples: this.options.numSamples,
      thin: this.options.thinning ?? 1,
      keep: keepOf(this.options),
      warmupOnly,
      signal: this.options.signal,
      report,
    });
    if (method === "vectorized") {
      // (Resuming, only the shape of the example position matters.)
      const ld = this.compile(pot, inits === null ? new Float64Array(pot.dim) : inits[0]);
      const kernel = this.kernel as unknown as NUTS | HMC | SA | BarkerMH;
      if (this.batched === null) {
        const device = this.options.device ?? "cpu";
        if (device !== "cpu") this.batchedPotential = devicePotential(this.kernel.model, this.modelArgs, pot, device);
        // SA is gradient-free (and runs on cpu): its batch evaluates values only, as its single density does.
        this.batched = kernel.usesGradient
          ? batchedLogDensity(this.batchedPotential?.logp ?? pot.logp, pot.dim, this.numChains, device)
          : batchedValueDensity(pot.logp, pot.dim, this.numChains);
      }
      const vjob = { ...job(), ld, batched: this.batched, pause: yieldToEventLoop };
      const results = kernel instanceof NUTS || kernel instanceof HMC ? await runVectorized(kernel, vjob) : await runLockstep(kernel, vjob);
      this.storeResults(results, warmupOnly);
      return;
    }
    if (method === "parallel") {
      if (inits !== null) this.compile(pot, inits[0]);
      const source = { workerUrl: this.options.workerUrl, createWorker: this.options.createWorker };
      this.storeResults(await runParallel(this.kernel, { ...job(), program: this.program!, dim: pot.dim }, source), warmupOnly);
      return;
    }
    const starts: S[] = [];
    for (let u = 0; u < numUnits; u++) {
      if (this.options.signal?.aborted) break;
      const chainKeys = unitKeys[u];
      const [, warmKey, sampleKey] = chainKeys[0];
      const loop = this.loopFor(u, report);
      let runner: KernelRunner<S, F>;
      const timing: UnitTiming = { warmupSeconds: 0, samplingSeconds: 0 };
      if (resuming) {
        runner = this.kernel.start(this.compile(pot, new Float64Array(pot.dim)), [], this.warmedUp![u]);
      } else {
        const inits = chainKeys.map(([initKey]) => pot.init(initKey, this.kernel.initStrategy));
        const ld = this.compile(pot, inits[0]);
        runner = this.kernel.start(ld, inits);
        const t0 = performance.now();
        await warmupUnit(runner, rngFromKey(warmKey), loop);
        timing.warmupSeconds = (performance.now() - t0) / 1000;
      }
      this.timings[u] = timing;
      if (warmupOnly) {
        starts.push(runner.snapshot());
        continue;
      }
      const runs = allocRuns(runner.width, keepOf(this.options), pot.dim, this.kernel.fields);
      this.chains.push(...runs);
      const unitRun: UnitRun<S> = { postWarmup: runner.snapshot(), last: undefined as S };
      this.units.push(unitRun);
      const t1 = performance.now();
      await sampleUnit(runner, rngFromKey(sampleKey), loop, runs);
      timing.samplingSeconds = (performance.now() - t1) / 1000;
      unitRun.last = runner.snapshot();
    }
    if (warmupOnly) this.warmedUp = starts;
  }

  // Draws, states and timings of chains run elsewhere (worker threads, or vectorized).
  private storeResults(results: UnitResult[], warmupOnly: boolean): void {
    this.timings = results.map((r) => r.timing);
    if (warmupOnly) this.warmedUp = results.map((r) => r.postWarmup as S);
    else
      for (const r of results) {
        this.chains.push(...(r.runs as ChainRun<F>[]));
        this.units.push({ postWarmup: r.postWarmup as S, last: r.last as S });
      }
  }

  private loopFor(unit: number, report: UnitLoop["report"]): UnitLoop {
    return {
      unit,
      dim: this.potential!.dim,
      numWarmup: this.options.numWarmup,
      numSamples: this.options.numSamples,
      thin: this.options.thinning ?? 1,
      stopped: () => this.options.signal?.aborted === true,
      report,
      pause: yieldToEventLoop,
    };
  }

  /**
   * Wall-clock seconds each chain (or ensemble) spent in warmup and sampling in the last
   * `warmup`/`run` (for parallel chains, measured in each worker).
   *
   * @example
   * ```ts
   * mcmc.chainTimings[0].samplingSeconds;
   * ```
   */
  get chainTimings(): UnitTiming[] {
    return this.timings.map((t) => ({ ...t }));
  }

  /**
   * The state of every chain after warmup (to resume sampling later): one per chain, or one
   * per ensemble for the ensemble kernels (AIES, ESS).
   *
   * @example
   * ```ts
   * mcmc.postWarmupState[0].stepSize; // NUTS: the adapted step size of chain 0
   * ```
   */
  get postWarmupState(): S[] {
    return this.units.map((u) => u.postWarmup);
  }

  /**
   * The state of every chain (or ensemble) after its last transition.
   *
   * @example
   * ```ts
   * const last = mcmc.lastState[0];
   * ```
   */
  get lastState(): S[] {
    return this.units.map((u) => u.last);
  }

  private unconstrainedDraws(): [Float64Array, number] {
    if (this.chains.length === 0) throw new Error("MCMC: no draws yet; call run() first");
    const dim = this.potential!.dim;
    const n = Math.min(...this.chains.map((c) => c.count));
    const all = new Float64Array(this.chains.length * n * dim);
    this.chains.forEach((c, k) => all.set(c.draws.subarray(0, n * dim), k * n * dim));
    return [all, n];
  }

  /**
   * Posterior draws by site, constrained (and deterministic sites), shape [draws, ...] with
   * chains concatenated, or [chains, draws, ...] with `groupByChain`.
   *
   * @example
   * ```ts
   * const { m } = mcmc.getSamples();                       // [numChains·numSamples]
   * const byChain = mcmc.getSamples({ groupByChain: true }); // m: [numChains, numSamples]
   * ```
   */
  getSamples(options: { groupByChain?: boolean } = {}): Record<string, ConcreteArray> {
    if (this.samplesCache === null) {
      const [all, n] = this.unconstrainedDraws();
      const pot = this.potential!;
      const total = this.chains.length * n;
      const theta = new ConcreteArray(all, [total, pot.dim], "float64");
      const constrained = jit(vmap((t: Array) => pot.constrain(t)))(theta) as Record<string, ConcreteArray>;
      this.samplesCache = constrained;
    }
    const [, n] = this.unconstrainedDraws();
    const out: Record<string, ConcreteArray> = {};
    for (const [name, v] of Object.entries(this.samplesCache)) {
      out[name] = options.groupByChain ? (np.reshape(v, [this.chains.length, n, ...v.shape.slice(1)]) as ConcreteArray) : v;
    }
    return out;
  }

  /**
   * Per-draw sampler statistics, shaped like `getSamples`' draws: for NUTS/HMC `diverging`,
   * `acceptProb`, `treeDepth`, `numSteps`, `energy`; for SA `acceptProb`, `diverging`; for
   * BarkerMH `acceptProb`; for AIES `acceptProb`; for ESS `numExpansions`, `numContractions`, `mu`.
   *
   * @example
   * ```ts
   * const { diverging } = mcmc.getExtraFields();
   * ```
   */
  getExtraFields(options: { groupByChain?: boolean } = {}): ExtraFields<F> {
    const [, n] = this.unconstrainedDraws();
    const out = {} as ExtraFields<F>;
    for (const [name, dtype] of Object.entries(this.kernel.fields) as [F, "float64" | "int32" | "bool"][]) {
      const first = this.chains[0].fields[name];
      const data = new (first.constructor as new (len: number) => FieldArray)(this.chains.length * n);
      this.chains.forEach((c, k) => data.set(c.fields[name].subarray(0, n) as never, k * n));
      const shape = options.groupByChain ? [this.chains.length, n] : [this.chains.length * n];
      out[name] = new ConcreteArray(data, shape, dtype);
    }
    return out;
  }

  /**
   * Divergent transitions after warmup, over all chains (0 for kernels without the notion).
   *
   * @example
   * ```ts
   * if (mcmc.numDivergences > 0) console.warn("divergences");
   * ```
   */
  get numDivergences(): number {
    return this.chains.reduce((s, c) => {
      const d = (c.fields as Record<string, FieldArray>).diverging;
      if (d === undefined) return s;
      for (let i = 0; i < c.count; i++) s += d[i];
      return s;
    }, 0);
  }

  /**
   * The summary table (mean, sd, intervals, MCSE, bulk/tail ESS, R-hat) as text, with the
   * number of divergences and how to inspect them.
   *
   * @example
   * ```ts
   * console.log(mcmc.summaryText({ preset: "numpyro" }));
   * ```
   */
  summaryText(options: { preset?: SummaryPreset; prob?: number; excludeDeterministic?: boolean; sites?: readonly string[] } = {}): string {
    const samples = this.getSamples({ groupByChain: true });
    for (const s of options.sites ?? []) {
      if (!(s in samples)) throw new Error(`summaryText: no site "${s}"; the sites are ${Object.keys(samples).join(", ")}`);
    }
    const names = (options.sites ?? Object.keys(samples)).filter((n) => !options.excludeDeterministic || this.potential!.names.includes(n));
    const record: Record<string, ConcreteArray> = {};
    for (const n of names) record[n] = samples[n];
    const table = formatSummary(summary(record, { preset: options.preset ?? "numpyro", prob: options.prob }));
    if (!("diverging" in this.kernel.fields)) return `${table}\n`;
    const d = this.numDivergences;
    const div =
      d === 0
        ? "Number of divergences: 0"
        : `Number of divergences: ${d} — inspect them with getExtraFields().diverging; consider a higher targetAcceptProb or a reparameterisation`;
    return `${table}\n\n${div}\n`;
  }

  /**
   * Print the summary table (NumPyro's `print_summary`).
   *
   * @example
   * ```ts
   * mcmc.printSummary();
   * ```
   */
  printSummary(options: { preset?: SummaryPreset; prob?: number; excludeDeterministic?: boolean; sites?: readonly string[] } = {}): void {
    console.log(this.summaryText(options));
  }
}

function splitN(key: Array, n: number): Array[] {
  const ks = random.split(key, n);
  return Array_from(n, (i) => np.index(ks, i));
}

function Array_from<T>(n: number, f: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(f(i));
  return out;
}
