/**
 * `MCMC`: run a model kernel (NUTS, HMC) on an Orrery model, as numpyro.infer.MCMC.
 */
import { type Array, ConcreteArray, jit, np, random, vmap } from "@orrery/core";
import { formatSummary, summary, type SummaryPreset } from "@orrery/diagnostics";
import {
  type HMCState,
  type InverseMassMatrix,
  type LogDensity,
  buildHmcKernel,
  buildNutsKernel,
  copyGradientState,
  fromOrrery,
  initGradientState,
  rngFromKey,
  windowAdaptation,
} from "@orrery/mcmc";
import { type FlatPotential, potentialFromModel } from "@orrery/ppl";
import { type ModelKernel } from "./kernels.js";
import { type ProgressEvent, progressReporter } from "./progress.js";

/** Options of `MCMC` (NumPyro's names in camelCase). */
export interface MCMCOptions {
  numWarmup: number;
  numSamples: number;
  /** Independent chains (default 1). */
  numChains?: number;
  /** Keep every `thinning`-th draw (default 1). */
  thinning?: number;
  /** How chains run: "sequential" (the one available now). */
  chainMethod?: "sequential" | "parallel" | "vectorized";
  /** A live progress line per chain on a terminal (default true; off when not a TTY or in CI). */
  progressBar?: boolean;
  /** Called as sampling progresses (e.g. to drive a progress bar in a browser). */
  onProgress?: (e: ProgressEvent) => void;
  /** Stop early: draws made so far are kept. */
  signal?: AbortSignal;
}

/** The adapted state of a chain after warmup: where it is and its tunables. */
export interface ChainState {
  state: HMCState;
  stepSize: number;
  inverseMassMatrix: InverseMassMatrix;
}

interface ChainRun {
  /** Unconstrained draws, row-major [count, dim]. */
  draws: Float64Array;
  count: number;
  diverging: Uint8Array;
  acceptProb: Float64Array;
  treeDepth: Int32Array;
  numSteps: Int32Array;
  energy: Float64Array;
  warmupDivergences: number;
  last: ChainState;
  postWarmup: ChainState;
}

/** Extra fields per draw, as NumPyro's `get_extra_fields()`. */
export interface ExtraFields {
  diverging: ConcreteArray;
  acceptProb: ConcreteArray;
  treeDepth: ConcreteArray;
  numSteps: ConcreteArray;
  energy: ConcreteArray;
}

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

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
export class MCMC {
  readonly numChains: number;
  private chains: ChainRun[] = [];
  private potential: FlatPotential | null = null;
  private logDensity: LogDensity | null = null;
  private warmedUp: ChainState[] | null = null;
  private samplesCache: Record<string, ConcreteArray> | null = null;

  constructor(
    readonly kernel: ModelKernel,
    readonly options: MCMCOptions,
  ) {
    const { numWarmup, numSamples } = options;
    if (!(Number.isInteger(numWarmup) && numWarmup >= 0)) throw new RangeError(`MCMC: numWarmup must be a non-negative integer, got ${numWarmup}`);
    if (!(Number.isInteger(numSamples) && numSamples >= 1)) throw new RangeError(`MCMC: numSamples must be a positive integer, got ${numSamples}`);
    this.numChains = options.numChains ?? 1;
    if (!(Number.isInteger(this.numChains) && this.numChains >= 1)) throw new RangeError(`MCMC: numChains must be a positive integer, got ${this.numChains}`);
    const method = options.chainMethod ?? "sequential";
    if (method !== "sequential") {
      throw new Error(`MCMC: chainMethod "${method}" is not available yet; use "sequential" (chains run one after another)`);
    }
  }

  private setup(args: unknown[]): [FlatPotential, LogDensity] {
    if (this.potential === null) {
      this.potential = potentialFromModel(this.kernel.model, args);
    }
    return [this.potential, this.logDensity!];
  }

  private compile(pot: FlatPotential, init: Float64Array): LogDensity {
    if (this.logDensity === null) this.logDensity = fromOrrery(pot.logp, init);
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
    await this.runChains(key, args, true);
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
    await this.runChains(key, args, false);
  }

  private async runChains(key: Array, args: unknown[], warmupOnly: boolean): Promise<void> {
    const [pot] = this.setup(args);
    const keys = random.split(key, this.numChains);
    const report = progressReporter(this.options.progressBar ?? true, this.options.onProgress);
    const thin = this.options.thinning ?? 1;
    const keep = Math.ceil(this.options.numSamples / thin);
    const adapt = this.kernel.adaptationOptions();
    const starts: ChainState[] = [];
    this.samplesCache = null;
    if (!warmupOnly) this.chains = [];
    for (let c = 0; c < this.numChains; c++) {
      if (this.options.signal?.aborted) break;
      const [initKey, warmKey, sampleKey] = splitN(np.index(keys, c), 3);
      let start: ChainState;
      if (this.warmedUp !== null && !warmupOnly) {
        start = this.warmedUp[c];
      } else {
        const init = pot.init(initKey, this.kernel.options.initStrategy);
        const ld = this.compile(pot, init);
        start = this.warmupChain(ld, init, warmKey, c, adapt, report);
      }
      starts.push(start);
      if (warmupOnly) continue;
      this.chains.push(await this.sampleChain(this.logDensity!, start, sampleKey, c, keep, thin, report));
    }
    if (warmupOnly) this.warmedUp = starts;
  }

  private warmupChain(ld: LogDensity, init: Float64Array, key: Array, chain: number, adapt: ReturnType<ModelKernel["adaptationOptions"]>, report: (e: ProgressEvent, force?: boolean) => void): ChainState {
    const numWarmup = this.options.numWarmup;
    const o = this.kernel.options;
    if (numWarmup === 0 || (o.adaptStepSize === false && o.adaptMassMatrix === false)) {
      const state = initGradientState(ld, init, "MCMC");
      return { state, stepSize: o.stepSize ?? 1, inverseMassMatrix: o.inverseMassMatrix ?? new Float64Array(ld.dim).fill(1) };
    }
    let accSum = 0;
    let divergences = 0;
    const res = windowAdaptation(ld, {
      ...adapt,
      onStep: (i, info) => {
        accSum += info.acceptanceRate;
        if (info.isDivergent) divergences++;
        if (this.options.signal?.aborted) throw new Error("MCMC: aborted during warmup");
        report({ chain, phase: "warmup", iteration: i + 1, total: numWarmup, stepSize: info.stepSize, meanAcceptProb: accSum / (i + 1), divergences }, i + 1 === numWarmup);
      },
    }).run(rngFromKey(key), init, numWarmup);
    return { state: res.state, stepSize: res.parameters.stepSize, inverseMassMatrix: res.parameters.inverseMassMatrix };
  }

  private async sampleChain(
    ld: LogDensity,
    start: ChainState,
    key: Array,
    chain: number,
    keep: number,
    thin: number,
    report: (e: ProgressEvent, force?: boolean) => void,
  ): Promise<ChainRun> {
    const dim = ld.dim;
    const numSamples = this.options.numSamples;
    const isNuts = this.kernel.name === "NUTS";
    const o = this.kernel.options;
    const nuts = isNuts ? buildNutsKernel(ld, { maxTreeDepth: o.maxTreeDepth ?? 10, integrator: o.integrator }) : null;
    const hmc = isNuts ? null : buildHmcKernel(ld, { integrator: o.integrator });
    const params = { stepSize: start.stepSize, inverseMassMatrix: start.inverseMassMatrix, numIntegrationSteps: o.numSteps ?? 10 };
    const rng = rngFromKey(key);
    const run: ChainRun = {
      draws: new Float64Array(keep * dim),
      count: 0,
      diverging: new Uint8Array(keep),
      acceptProb: new Float64Array(keep),
      treeDepth: new Int32Array(keep),
      numSteps: new Int32Array(keep),
      energy: new Float64Array(keep),
      warmupDivergences: 0,
      postWarmup: { ...start, state: copyGradientState(start.state) },
      last: start,
    };
    // Two state buffers, swapped: no allocation per transition.
    let state = copyGradientState(start.state);
    let spare = copyGradientState(start.state);
    let accSum = 0;
    let divergences = 0;
    let sliceStart = Date.now();
    for (let i = 0; i < numSamples; i++) {
      if (this.options.signal?.aborted) break;
      const { state: next, info } = nuts !== null ? nuts(rng, state, params, spare) : hmc!(rng, state, params, spare);
      spare = state === next ? spare : state;
      state = next;
      accSum += info.acceptanceRate;
      if (info.isDivergent) divergences++;
      if (i % thin === 0) {
        const k = run.count++;
        run.draws.set(state.position, k * dim);
        run.diverging[k] = info.isDivergent ? 1 : 0;
        run.acceptProb[k] = info.acceptanceRate;
        run.treeDepth[k] = "treeDepth" in info ? info.treeDepth : 0;
        run.numSteps[k] = info.numIntegrationSteps;
        run.energy[k] = info.energy;
      }
      report({ chain, phase: "sample", iteration: i + 1, total: numSamples, stepSize: params.stepSize, meanAcceptProb: accSum / (i + 1), divergences }, i + 1 === numSamples);
      if (Date.now() - sliceStart > 50) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
    run.last = { state: copyGradientState(state), stepSize: params.stepSize, inverseMassMatrix: params.inverseMassMatrix };
    return run;
  }

  /** The adapted state of every chain after warmup (to resume sampling later). */
  get postWarmupState(): ChainState[] {
    return this.chains.map((c) => c.postWarmup);
  }

  /** The state of every chain after its last transition. */
  get lastState(): ChainState[] {
    return this.chains.map((c) => c.last);
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
   * Per-draw sampler statistics: divergences, acceptance statistic, tree depth, leapfrog steps
   * and energy, shaped like `getSamples`' draws.
   *
   * @example
   * ```ts
   * const { diverging } = mcmc.getExtraFields();
   * ```
   */
  getExtraFields(options: { groupByChain?: boolean } = {}): ExtraFields {
    const [, n] = this.unconstrainedDraws();
    const cat = <T extends Float64Array | Int32Array | Uint8Array>(pick: (c: ChainRun) => T, ctor: new (len: number) => T, dtype: "float64" | "int32" | "bool") => {
      const data = new ctor(this.chains.length * n);
      this.chains.forEach((c, k) => data.set(pick(c).subarray(0, n) as never, k * n));
      const shape = options.groupByChain ? [this.chains.length, n] : [this.chains.length * n];
      return new ConcreteArray(data, shape, dtype);
    };
    return {
      diverging: cat((c) => c.diverging, Uint8Array, "bool"),
      acceptProb: cat((c) => c.acceptProb, Float64Array, "float64"),
      treeDepth: cat((c) => c.treeDepth, Int32Array, "int32"),
      numSteps: cat((c) => c.numSteps, Int32Array, "int32"),
      energy: cat((c) => c.energy, Float64Array, "float64"),
    };
  }

  /** Divergent transitions after warmup, over all chains. */
  get numDivergences(): number {
    return this.chains.reduce((s, c) => s + c.diverging.subarray(0, c.count).reduce((a, b) => a + b, 0), 0);
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
  summaryText(options: { preset?: SummaryPreset; prob?: number; excludeDeterministic?: boolean } = {}): string {
    const samples = this.getSamples({ groupByChain: true });
    const names = Object.keys(samples).filter((n) => !options.excludeDeterministic || this.potential!.names.includes(n));
    const record: Record<string, ConcreteArray> = {};
    for (const n of names) record[n] = samples[n];
    const table = formatSummary(summary(record, { preset: options.preset ?? "numpyro", prob: options.prob }));
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
  printSummary(options: { preset?: SummaryPreset; prob?: number; excludeDeterministic?: boolean } = {}): void {
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
