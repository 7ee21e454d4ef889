/**
 * The ensemble model kernels of numpyro.infer.ensemble: `AIES` (affine-invariant ensemble
 * sampling, emcee's stretch and differential-evolution moves) and `ESS` (ensemble slice sampling,
 * zeus). Gradient-free; the walkers of one ensemble are `MCMC`'s chains.
 *
 * Both update the ensemble half at a time: each walker of the active half moves using only the
 * other (frozen) half, which keeps the joint ensemble's target invariant.
 */
import { type LogDensity, type Rng, cholesky, logDensityValue } from "@orrery/mcmc";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";
import { type FieldDtype, type KernelRunner, type ModelKernel, type StepReport, checkPositive, checkPositiveInt, countedWarmup } from "./kernel.js";

/** The state of an ensemble: every walker's position (`numWalkers × dim`, row-major), its log density, and ESS's scale μ. */
export interface EnsembleChainState {
  numWalkers: number;
  dim: number;
  positions: Float64Array;
  logdensities: Float64Array;
  /** ESS's (adapted) scale factor; 1 for AIES. */
  mu: number;
}

/** Options shared by the ensemble kernels. */
export interface EnsembleOptions {
  /** Split the walkers into halves at random at every iteration (AIES default false, ESS default true). */
  randomizeSplit?: boolean;
  /** Where each walker starts (default `initToUniform()`: walkers spread over (−2, 2) in unconstrained space). */
  initStrategy?: InitStrategy;
}

/** AIES's moves: emcee's differential-evolution move (the default) and Goodman & Weare's stretch move. */
export type AIESMove = { readonly kind: "de"; readonly sigma: number; readonly g0?: number } | { readonly kind: "stretch"; readonly a: number };

/** ESS's moves: along differences of two walkers (the default), along random directions, or along draws from the other half's Gaussian fit. */
export type ESSMove = { readonly kind: "differential" } | { readonly kind: "random" } | { readonly kind: "gaussian" };

/** Options of {@link AIES}. */
export interface AIESOptions extends EnsembleOptions {
  /** One move, or moves with their selection weights (normalised), NumPyro's `{move: prob}` (default `AIES.DEMove()`). */
  moves?: AIESMove | ReadonlyArray<readonly [AIESMove, number]>;
}

/** Options of {@link ESS}. */
export interface ESSOptions extends EnsembleOptions {
  /** One move, or moves with their selection weights (default `ESS.DifferentialMove()`). */
  moves?: ESSMove | ReadonlyArray<readonly [ESSMove, number]>;
  /** Maximum stepping-out steps per update (default 10 000). */
  maxSteps?: number;
  /** Maximum expansions (and, separately, contractions) per update before giving up with an error (default 10 000). */
  maxIter?: number;
  /** The initial scale factor μ (default 1). */
  initMu?: number;
  /** Tune μ during warmup (default true). */
  tuneMu?: boolean;
}

/** AIES's extra field: each walker's Metropolis acceptance probability at each draw. */
export type AIESField = "acceptProb";

/** ESS's extra fields: each walker's stepping-out expansions and shrinking contractions at each draw, and the scale μ. */
export type ESSField = "numExpansions" | "numContractions" | "mu";

type Weighted<M> = { moves: M[]; cumulative: Float64Array };

function weighted<M extends { kind: string }>(moves: M | ReadonlyArray<readonly [M, number]> | undefined, dflt: M, valid: readonly string[], where: string): Weighted<M> {
  const list: (readonly [M, number])[] = moves === undefined ? [[dflt, 1]] : "kind" in moves ? [[moves as M, 1]] : [...(moves as ReadonlyArray<readonly [M, number]>)];
  if (list.length === 0) throw new RangeError(`${where}: moves is empty; give at least one move`);
  let total = 0;
  for (const entry of list) {
    const [m, w] = entry;
    if (m === null || typeof m !== "object" || !valid.includes(m.kind)) {
      throw new TypeError(`${where}: each move must be one of ${valid.map((v) => `${where}.${v}`).join(", ")} (made by its static function); got ${JSON.stringify(m)}`);
    }
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`${where}: each move's probability must be ≥ 0; got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError(`${where}: the moves' probabilities sum to 0`);
  const cumulative = new Float64Array(list.length);
  let acc = 0;
  list.forEach(([, w], i) => (cumulative[i] = acc += w / total));
  return { moves: list.map(([m]) => m), cumulative };
}

function pick<M>(rng: Rng, w: Weighted<M>): M {
  if (w.moves.length === 1) return w.moves[0];
  const u = rng.uniform();
  for (let i = 0; i < w.cumulative.length; i++) if (u < w.cumulative[i]) return w.moves[i];
  return w.moves[w.moves.length - 1];
}

function checkWalkers(numChains: number, where: string): void {
  if (numChains < 4 || numChains % 2 !== 0) {
    throw new RangeError(
      `${where}: an ensemble kernel's chains are its walkers, and it needs an even number of at least 4 (at least twice the number of unconstrained parameters is advised); got numChains ${numChains}. Pass e.g. numChains: 2 × dim or more to MCMC`,
    );
  }
}

/**
 * The machinery both ensemble kernels share: walker storage, the half split, init and resume.
 * `update(rng, active, inactive, half)` moves the active half in place.
 */
function ensembleRunner<F extends string>(
  ld: LogDensity,
  positions: Float64Array[],
  resume: EnsembleChainState | undefined,
  randomizeSplit: boolean,
  where: string,
  update: (rng: Rng, s: EnsembleChainState, active: Int32Array, inactive: Int32Array, warmup: boolean) => void,
  endIteration: (s: EnsembleChainState, warmup: boolean) => StepReport,
  writeFields: (s: EnsembleChainState, w: number, out: Record<F, Float64Array | Int32Array | Uint8Array>, k: number) => void,
): KernelRunner<EnsembleChainState, F> {
  const dim = ld.dim;
  let s: EnsembleChainState;
  if (resume !== undefined) {
    s = { ...resume, positions: resume.positions.slice(), logdensities: resume.logdensities.slice() };
  } else {
    const W = positions.length;
    const pos = new Float64Array(W * dim);
    const lps = new Float64Array(W);
    const scratch = new Float64Array(dim);
    positions.forEach((p, w) => {
      pos.set(p, w * dim);
      lps[w] = logDensityValue(ld, pos.subarray(w * dim, (w + 1) * dim), scratch);
      if (!Number.isFinite(lps[w])) throw new RangeError(`${where}: the log density of walker ${w} at its initial position is ${lps[w]}`);
    });
    if (W < 2 * dim) console.warn(`${where}: at least 2 × (number of parameters) walkers is strongly recommended; numChains ${W}, parameters ${dim}`);
    s = { numWalkers: W, dim, positions: pos, logdensities: lps, mu: 1 };
  }
  const W = s.numWalkers;
  const half = W >> 1;
  const order = Int32Array.from({ length: W }, (_, i) => i);
  const first = new Int32Array(half);
  const second = new Int32Array(W - half);
  const iterate = (rng: Rng, warmup: boolean): StepReport => {
    if (randomizeSplit) {
      for (let i = W - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    first.set(order.subarray(0, half));
    second.set(order.subarray(half));
    update(rng, s, first, second, warmup);
    update(rng, s, second, first, warmup);
    return endIteration(s, warmup);
  };
  return {
    width: W,
    startWarmup: (rng, numWarmup) => countedWarmup(numWarmup, () => iterate(rng, true)),
    step: (rng) => iterate(rng, false),
    position: (w) => s.positions.subarray(w * dim, (w + 1) * dim),
    writeFields: (w, out, k) => writeFields(s, w, out, k),
    snapshot: () => ({ ...s, positions: s.positions.slice(), logdensities: s.logdensities.slice() }),
  };
}

/** Two distinct walkers of `inactive`, uniformly among ordered pairs. */
function pair(rng: Rng, inactive: Int32Array): [number, number] {
  const h = inactive.length;
  const i1 = rng.int(h);
  let i2 = rng.int(h - 1);
  if (i2 >= i1) i2++;
  return [inactive[i1], inactive[i2]];
}

/**
 * Affine-Invariant Ensemble Sampling (emcee; numpyro.infer's `AIES`): gradient-free
 * Metropolis–Hastings whose proposals for one half of the walkers come from the other half.
 * Moves as NumPyro's: `AIES.DEMove({ sigma = 1e-5, g0 = 2.38 / √(2 dim) })` (the default;
 * `y = x + γ (x_j − x_i)` with `γ ~ N(g0, g0 σ)` per walker, Nelson et al. 2013) and
 * `AIES.StretchMove({ a = 2 })` (Goodman & Weare 2010), mixed with `moves: [[move, prob], …]`;
 * one move is drawn for each half-update.
 *
 * **Chains are walkers.** With `new MCMC(new AIES(model), { numChains })` the `numChains` chains
 * are the walkers of one ensemble (NumPyro runs ensembles with `chain_method="vectorized"`, the
 * same thing): `numChains` must be even and at least 4, and at least twice the number of
 * unconstrained parameters is advised. Walkers are not independent chains: R-hat and ESS computed
 * over them are diagnostics of the ensemble, as in NumPyro's summary. No adaptation (warmup is
 * burn-in). Extra field `acceptProb`: each walker's Metropolis acceptance probability.
 *
 * @example
 * ```ts
 * const kernel = new AIES(model, { moves: [[AIES.DEMove(), 0.5], [AIES.StretchMove(), 0.5]] });
 * const mcmc = new MCMC(kernel, { numWarmup: 1000, numSamples: 2000, numChains: 20 });
 * await mcmc.run(random.key(0), x, y);
 * ```
 */
export class AIES implements ModelKernel<EnsembleChainState, AIESField> {
  readonly name = "AIES";
  readonly usesGradient = false;
  readonly isEnsemble = true;
  readonly fields: Readonly<Record<AIESField, FieldDtype>> = { acceptProb: "float64" };
  private readonly moves: Weighted<AIESMove>;

  /**
   * emcee's differential-evolution move (Nelson et al. 2013): `γ ~ N(g0, g0 σ)`.
   *
   * @example
   * ```ts
   * new AIES(model, { moves: AIES.DEMove({ sigma: 1e-4 }) });
   * ```
   */
  static DEMove(options: { sigma?: number; g0?: number } = {}): AIESMove {
    const sigma = options.sigma ?? 1e-5;
    if (!(sigma >= 0 && Number.isFinite(sigma))) throw new RangeError(`AIES.DEMove: sigma must be ≥ 0, got ${sigma}`);
    checkPositive(options.g0, "g0", "AIES.DEMove");
    return { kind: "de", sigma, g0: options.g0 };
  }

  /**
   * Goodman & Weare's stretch move with scale `a` (default 2).
   *
   * @example
   * ```ts
   * new AIES(model, { moves: AIES.StretchMove({ a: 2.5 }) });
   * ```
   */
  static StretchMove(options: { a?: number } = {}): AIESMove {
    const a = options.a ?? 2;
    if (!(a > 1 && Number.isFinite(a))) throw new RangeError(`AIES.StretchMove: a must be > 1, got ${a}`);
    return { kind: "stretch", a };
  }

  constructor(
    readonly model: ModelFn,
    readonly options: AIESOptions = {},
  ) {
    this.moves = weighted(options.moves, AIES.DEMove(), ["de", "stretch"], "AIES");
  }
  get initStrategy(): InitStrategy | undefined {
    return this.options.initStrategy;
  }
  checkNumChains(numChains: number): void {
    checkWalkers(numChains, "AIES");
  }
  start(ld: LogDensity, positions: Float64Array[], resume?: EnsembleChainState): KernelRunner<EnsembleChainState, AIESField> {
    const dim = ld.dim;
    const y = new Float64Array(dim);
    const scratch = new Float64Array(dim);
    const W = resume?.numWalkers ?? positions.length;
    const accept = new Float64Array(W);
    return ensembleRunner<AIESField>(
      ld,
      positions,
      resume,
      this.options.randomizeSplit ?? false,
      "AIES",
      (rng, s, active, inactive) => {
        const move = pick(rng, this.moves);
        const pos = s.positions;
        for (let j = 0; j < active.length; j++) {
          const k = active[j];
          const xo = k * dim;
          let factor = 0;
          if (move.kind === "stretch") {
            const t = (move.a - 1) * rng.uniform() + 1;
            const zz = (t * t) / move.a;
            const c = inactive[rng.int(inactive.length)] * dim;
            for (let i = 0; i < dim; i++) y[i] = pos[c + i] + zz * (pos[xo + i] - pos[c + i]);
            factor = (dim - 1) * Math.log(zz);
          } else {
            const [c1, c2] = pair(rng, inactive);
            const g = move.g0 ?? 2.38 / Math.sqrt(2 * dim);
            const gamma = g + g * move.sigma * rng.normal();
            for (let i = 0; i < dim; i++) y[i] = pos[xo + i] + gamma * (pos[c2 * dim + i] - pos[c1 * dim + i]);
          }
          const lp = logDensityValue(ld, y, scratch);
          const logRatio = factor + lp - s.logdensities[k];
          const p = logRatio >= 0 ? 1 : logRatio === logRatio ? Math.exp(logRatio) : 0;
          accept[k] = p;
          if (rng.uniform() < p) {
            pos.set(y, xo);
            s.logdensities[k] = lp;
          }
        }
      },
      () => {
        let sum = 0;
        for (let k = 0; k < W; k++) sum += accept[k];
        return { acceptProb: sum / W, divergences: 0, stepSize: NaN };
      },
      (_s, w, out, k) => {
        out.acceptProb[k] = accept[w];
      },
    );
  }
}

/**
 * Ensemble Slice Sampling (Karamanis & Beutler 2021; zeus; numpyro.infer's `ESS` — the
 * *ensemble* slice sampler, not elliptical slice sampling): each walker of one half makes a
 * slice-sampling update (stepping out, then shrinking) along a direction built from the other
 * half. Gradient-free, no rejections, robust to scale and correlation. Moves:
 * `ESS.DifferentialMove()` (default; `2μ (x_j − x_i)` for two walkers of the other half),
 * `ESS.RandomMove()` (a random unit direction: plain slice sampling, for debugging),
 * `ESS.GaussianMove()` (`2μ ε`, `ε ~ N(0, cov of the other half)`). NumPyro's `KDEMove` is not
 * available.
 *
 * During warmup (with `tuneMu`, the default) the scale μ is tuned after every iteration as in
 * the paper and zeus: `μ ← 2μ N₊ / (N₊ + N₋)` from the iteration's expansions N₊ and contractions
 * N₋; it is then fixed, so the post-warmup chain is a proper Markov chain. (NumPyro's ESS sets
 * `μ ← 2 N₊ / (N₊ + N₋)`, dropping the factor μ, and keeps tuning after warmup.)
 *
 * **Chains are walkers**, as for {@link AIES}: `numChains` even, at least 4, advised at least
 * twice the number of parameters. Extra fields `numExpansions`, `numContractions` (per walker
 * and draw) and `mu`.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new ESS(model), { numWarmup: 500, numSamples: 1000, numChains: 10 });
 * await mcmc.run(random.key(0), x, y);
 * ```
 */
export class ESS implements ModelKernel<EnsembleChainState, ESSField> {
  readonly name = "ESS";
  readonly usesGradient = false;
  readonly isEnsemble = true;
  readonly fields: Readonly<Record<ESSField, FieldDtype>> = { numExpansions: "int32", numContractions: "int32", mu: "float64" };
  private readonly moves: Weighted<ESSMove>;

  /**
   * Directions along the difference of two walkers of the other half (the default).
   *
   * @example
   * ```ts
   * new ESS(model, { moves: [[ESS.DifferentialMove(), 0.8], [ESS.RandomMove(), 0.2]] });
   * ```
   */
  static DifferentialMove(): ESSMove {
    return { kind: "differential" };
  }

  /**
   * Random unit directions (no interaction between walkers: plain slice sampling).
   *
   * @example
   * ```ts
   * new ESS(model, { moves: ESS.RandomMove() });
   * ```
   */
  static RandomMove(): ESSMove {
    return { kind: "random" };
  }

  /**
   * Directions drawn from the Gaussian fitted to the other half (for near-Gaussian targets).
   *
   * @example
   * ```ts
   * new ESS(model, { moves: ESS.GaussianMove() });
   * ```
   */
  static GaussianMove(): ESSMove {
    return { kind: "gaussian" };
  }

  constructor(
    readonly model: ModelFn,
    readonly options: ESSOptions = {},
  ) {
    this.moves = weighted(options.moves, ESS.DifferentialMove(), ["differential", "random", "gaussian"], "ESS");
    checkPositiveInt(options.maxSteps, "maxSteps", "ESS");
    checkPositiveInt(options.maxIter, "maxIter", "ESS");
    checkPositive(options.initMu, "initMu", "ESS");
  }
  get initStrategy(): InitStrategy | undefined {
    return this.options.initStrategy;
  }
  checkNumChains(numChains: number): void {
    checkWalkers(numChains, "ESS");
  }
  start(ld: LogDensity, positions: Float64Array[], resume?: EnsembleChainState): KernelRunner<EnsembleChainState, ESSField> {
    const dim = ld.dim;
    const maxSteps = this.options.maxSteps ?? 10_000;
    const maxIter = this.options.maxIter ?? 10_000;
    const tuneMu = this.options.tuneMu ?? true;
    const W = resume?.numWalkers ?? positions.length;
    const nExp = new Int32Array(W);
    const nCon = new Int32Array(W);
    const d = new Float64Array(dim);
    const y = new Float64Array(dim);
    const eps = new Float64Array(dim);
    const mean = new Float64Array(dim);
    const cov = new Float64Array(dim * dim);
    const scratch = new Float64Array(dim);
    let muUsed = resume?.mu ?? this.options.initMu ?? 1;
    const lpAt = (x: Float64Array, xo: number, t: number): number => {
      for (let i = 0; i < dim; i++) y[i] = x[xo + i] + t * d[i];
      return logDensityValue(ld, y, scratch);
    };
    const runner = ensembleRunner<ESSField>(
      ld,
      positions,
      resume,
      this.options.randomizeSplit ?? true,
      "ESS",
      (rng, s, active, inactive) => {
        const move = pick(rng, this.moves);
        const pos = s.positions;
        const mu = s.mu;
        let L: Float64Array | null = null;
        if (move.kind === "gaussian") L = gaussianFactor(pos, inactive, dim, mean, cov);
        for (let j = 0; j < active.length; j++) {
          const k = active[j];
          const xo = k * dim;
          // The direction.
          if (move.kind === "differential") {
            const [c1, c2] = pair(rng, inactive);
            for (let i = 0; i < dim; i++) d[i] = 2 * mu * (pos[c2 * dim + i] - pos[c1 * dim + i]);
          } else if (move.kind === "random") {
            let norm = 0;
            for (let i = 0; i < dim; i++) {
              d[i] = rng.normal();
              norm += d[i] * d[i];
            }
            norm = Math.sqrt(norm);
            for (let i = 0; i < dim; i++) d[i] = (2 * mu * d[i]) / norm;
          } else {
            for (let i = 0; i < dim; i++) eps[i] = rng.normal();
            for (let i = 0; i < dim; i++) {
              let v = 0;
              for (let m = 0; m <= i; m++) v += L![i * dim + m] * eps[m];
              d[i] = 2 * mu * v;
            }
          }
          // The slice: log π(x) − Exp(1).
          const height = s.logdensities[k] + Math.log(1 - rng.uniform());
          // Stepping out, at most maxSteps steps in all (Neal 2003).
          let lo = -rng.uniform();
          let hi = lo + 1;
          let J = Math.floor(maxSteps * rng.uniform());
          let K = maxSteps - 1 - J;
          let expansions = 0;
          while (J > 0 && lpAt(pos, xo, lo) > height) {
            lo -= 1;
            J--;
            if (++expansions > maxIter) throw tooMany("expansions", maxIter);
          }
          while (K > 0 && lpAt(pos, xo, hi) > height) {
            hi += 1;
            K--;
            if (++expansions > maxIter) throw tooMany("expansions", maxIter);
          }
          // Shrinking.
          let contractions = 0;
          for (;;) {
            const t = lo + (hi - lo) * rng.uniform();
            const lp = lpAt(pos, xo, t);
            if (lp > height) {
              pos.set(y, xo);
              s.logdensities[k] = lp;
              break;
            }
            if (t < 0) lo = t;
            else hi = t;
            if (++contractions > maxIter) throw tooMany("contractions", maxIter);
          }
          nExp[k] = expansions;
          nCon[k] = contractions;
        }
      },
      (s, warmup) => {
        muUsed = s.mu;
        if (warmup && tuneMu) {
          let e = 0;
          let c = 0;
          for (let k = 0; k < W; k++) {
            e += nExp[k];
            c += nCon[k];
          }
          e = Math.max(1, e);
          s.mu = (2 * s.mu * e) / (e + c);
        }
        return { acceptProb: 1, divergences: 0, stepSize: muUsed };
      },
      (_s, w, out, k) => {
        out.numExpansions[k] = nExp[w];
        out.numContractions[k] = nCon[w];
        out.mu[k] = muUsed;
      },
    );
    return runner;
  }
}

function tooMany(what: string, maxIter: number): Error {
  return new Error(`ESS: more than maxIter = ${maxIter} ${what} in one slice update; check that the model's log density is finite and proper, or raise maxIter`);
}

/** The Cholesky factor of the (unbiased) covariance of the walkers `idx`, with jitter if it is singular. */
function gaussianFactor(pos: Float64Array, idx: Int32Array, dim: number, mean: Float64Array, cov: Float64Array): Float64Array {
  const n = idx.length;
  mean.fill(0);
  for (const w of idx) for (let i = 0; i < dim; i++) mean[i] += pos[w * dim + i] / n;
  cov.fill(0);
  for (const w of idx) {
    for (let i = 0; i < dim; i++) {
      const di = pos[w * dim + i] - mean[i];
      for (let j = 0; j < dim; j++) cov[i * dim + j] += (di * (pos[w * dim + j] - mean[j])) / (n - 1);
    }
  }
  let L = cholesky(cov, dim);
  let jitter = 1e-10;
  while (L === null && jitter < 1) {
    const c = cov.slice();
    let scale = 0;
    for (let i = 0; i < dim; i++) scale = Math.max(scale, c[i * dim + i]);
    for (let i = 0; i < dim; i++) c[i * dim + i] += jitter * (scale || 1);
    L = cholesky(c, dim);
    jitter *= 100;
  }
  if (L === null) throw new Error("ESS.GaussianMove: the covariance of the walkers is not positive definite; use more walkers or ESS.DifferentialMove()");
  return L;
}
