/**
 * The No-U-Turn Sampler as Stan implements it (BlackJAX's `mcmc.nuts` is the same algorithm in
 * iterative form): a trajectory doubled in a random direction until it makes a U-turn, with
 *
 * - multinomial sampling: within a new subtree, states are drawn in proportion to `exp(-H)`
 *   (progressively, subtree by subtree); at the top level the new subtree's draw replaces the
 *   current one with probability `min(1, w_new / w_old)` (biased progressive sampling, which
 *   favours states far from the start);
 * - the generalised U-turn criterion on the integrated momentum `ρ = Σ p` and the velocities
 *   `p♯ = M⁻¹ p` at a (sub)trajectory's ends, plus Stan's two extra checks across the merged
 *   subtrees (old trajectory + first state of the new one, last state of the old + new subtree);
 * - divergence when the energy error exceeds 1000 (the subtree is then discarded);
 * - a maximum tree depth (10): at most 2^10 − 1 leapfrog steps per transition.
 *
 * The tree is built leaf by leaf, each completed subtree merged bottom-up as soon as its last
 * leaf is integrated: the same operations and random draws, in the same order, as Stan's
 * recursion. Trajectory points are pooled phase points held by reference (a leaf is never
 * copied), so nothing is allocated per leapfrog step, and a transition can be driven one
 * gradient at a time ({@link createNutsStepper}).
 *
 * @module
 */
import { DIVERGENCE_THRESHOLD } from "./hmc.js";
import { type IntegratorName, type Integrator } from "./integrators.js";
import { type LogDensity } from "./log-density.js";
import { type InverseMassMatrix, type Metric, metricCache } from "./metrics.js";
import { type PhasePoint, PhasePointPool, StagedIntegrator, startPoint } from "./phase-points.js";
import { type Rng } from "./rng.js";
import { emptyGradientState, initGradientState } from "./state.js";
import { type HMCState, type NUTSInfo, type SamplingAlgorithm, type TransitionStepper } from "./types.js";

/** The tunables of a NUTS transition. */
export interface NUTSParameters {
  stepSize: number;
  /** Diagonal (length `dim`) or dense (length `dim²`, row-major). Treated as immutable. */
  inverseMassMatrix: InverseMassMatrix;
}

/** How a NUTS kernel is built. */
export interface NUTSKernelOptions {
  /** Maximum number of doublings (default 10). */
  maxTreeDepth?: number;
  /** Energy error above which a trajectory diverges (default 1000). */
  divergenceThreshold?: number;
  integrator?: IntegratorName | ((ld: LogDensity) => Integrator);
}

/** A NUTS transition: tunables are arguments. `out`, when given, receives the new state. */
export type NUTSKernel = (rng: Rng, state: HMCState, params: NUTSParameters, out?: HMCState) => { state: HMCState; info: NUTSInfo };


/** Copy `src` into `dst` (a loop: faster than `TypedArray.set` for short vectors). */
function cp(dst: Float64Array, src: Float64Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] = src[i];
}

/** A completed subtree: its sampled point, its two ends in build order, `ρ = Σ p` and log-sum-weight. */
interface Subtree {
  proposal: PhasePoint;
  first: PhasePoint;
  last: PhasePoint;
  rho: Float64Array;
  logSumWeight: number;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Join two adjacent (sub)trajectories, `a` built before `b` in time order of the merge: writes
 * `ρ = ρa + ρb` into `out` (which may be `ρa` or `ρb`) and returns whether none of Stan's three
 * generalised no-U-turn checks fails — around the whole (`p♯` at its two ends against `ρ`), and
 * across the seam (`ρa + p(b.first)` and `ρb + p(a.last)` against the velocities at their ends).
 * One pass over the vectors; each dot product is summed in index order (two interleaved partial
 * sums on the single-point path). When both halves are
 * single points (half of all merges) the seam checks are the whole one, term for term (the seam
 * momenta are the ρs and the seam velocities the ends), so only that one is computed.
 */
function mergeNoUTurn(out: Float64Array, aRho: Float64Array, bRho: Float64Array, aFirst: PhasePoint, aLast: PhasePoint, bFirst: PhasePoint, bLast: PhasePoint): boolean {
  const sBeg = aFirst.velocity, sEnd = bLast.velocity;
  if (aFirst === aLast && bFirst === bLast) {
    // Two interleaved partial sums per dot product (a single running sum is latency-bound).
    const n = out.length;
    let m0 = 0, m1 = 0, p0 = 0, p1 = 0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const r = aRho[i] + bRho[i];
      out[i] = r;
      m0 += sBeg[i] * r;
      p0 += sEnd[i] * r;
      const q = aRho[i + 1] + bRho[i + 1];
      out[i + 1] = q;
      m1 += sBeg[i + 1] * q;
      p1 += sEnd[i + 1] * q;
    }
    if (i < n) {
      const r = aRho[i] + bRho[i];
      out[i] = r;
      m0 += sBeg[i] * r;
      p0 += sEnd[i] * r;
    }
    return m0 + m1 > 0 && p0 + p1 > 0;
  }
  const sSeamB = bFirst.velocity, pSeamB = bFirst.momentum;
  const sSeamA = aLast.velocity, pSeamA = aLast.momentum;
  let m1 = 0, p1 = 0, m2 = 0, p2 = 0, m3 = 0, p3 = 0;
  for (let i = 0; i < out.length; i++) {
    const a = aRho[i];
    const b = bRho[i];
    const r = a + b;
    out[i] = r;
    // The end velocities are read once each (V8 reloads a typed-array element it reads twice).
    const sb = sBeg[i];
    const se = sEnd[i];
    m1 += sb * r;
    p1 += se * r;
    const r2 = a + pSeamB[i];
    m2 += sb * r2;
    p2 += sSeamB[i] * r2;
    const r3 = b + pSeamA[i];
    m3 += sSeamA[i] * r3;
    p3 += se * r3;
  }
  return m1 > 0 && p1 > 0 && m2 > 0 && p2 > 0 && m3 > 0 && p3 > 0;
}

/** A NUTS transition driven one gradient at a time (see {@link TransitionStepper}). */
export type NUTSStepper = TransitionStepper<NUTSParameters, NUTSInfo>;

class NutsStepper implements NUTSStepper {
  done = true;
  position: Float64Array;
  gradient: Float64Array;
  private readonly dim: number;
  private readonly maxDepth: number;
  private readonly threshold: number;
  private readonly pool: PhasePointPool;
  private readonly integrator: StagedIntegrator;
  private readonly metricOf: (inv: InverseMassMatrix) => Metric;
  /** `slots[l]`: the completed first half of the level-`l` subtree being built. */
  private readonly slots: Subtree[];
  /** `rhoBuffers[l][h]`: ρ of a merged level-`l` subtree that is the first (h = 0) or second half of level l + 1. */
  private readonly rhoBuffers: Float64Array[][];
  private readonly leafTree: Subtree;
  /** ρ of the whole trajectory. */
  private readonly rho: Float64Array;

  private rng!: Rng;
  private metric!: Metric;
  private stepSize = 0;
  private eps = 0;
  private h0 = 0;
  private sample!: PhasePoint;
  private fwdEnd!: PhasePoint;
  private bckEnd!: PhasePoint;
  /** The point the next leaf is integrated from (held). */
  private prev: PhasePoint | null = null;
  /** The leaf being integrated. */
  private cur!: PhasePoint;
  /** `cur` is already integrated (an in-place integrator): no gradient to wait for. */
  private ready = false;
  private forward = true;
  private depth = 0;
  private leaf = 0;
  private logSumWeight = 0;
  private nLeapfrog = 0;
  private sumMetroProb = 0;
  private divergent = false;
  private expansions = 0;

  constructor(ld: LogDensity, options: NUTSKernelOptions) {
    const dim = ld.dim;
    this.dim = dim;
    const maxDepth = options.maxTreeDepth ?? 10;
    if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 30) throw new RangeError(`nuts: maxTreeDepth must be an integer in [1, 30]; got ${maxDepth}`);
    this.maxDepth = maxDepth;
    this.threshold = options.divergenceThreshold ?? DIVERGENCE_THRESHOLD;
    this.integrator = new StagedIntegrator(ld, options.integrator);
    this.metricOf = metricCache(dim);
    this.pool = new PhasePointPool(dim);
    const tree = (): Subtree => ({ proposal: null!, first: null!, last: null!, rho: null!, logSumWeight: 0 });
    this.slots = Array.from({ length: maxDepth + 1 }, tree);
    this.rhoBuffers = Array.from({ length: maxDepth + 1 }, () => [new Float64Array(dim), new Float64Array(dim)]);
    this.leafTree = tree();
    this.rho = new Float64Array(dim);
    this.position = this.gradient = this.rho;
  }

  begin(rng: Rng, state: HMCState, params: NUTSParameters): void {
    const stepSize = params.stepSize;
    if (!(stepSize > 0) || !Number.isFinite(stepSize)) throw new RangeError(`nuts: the step size must be positive and finite; got ${stepSize}`);
    const metric = this.metricOf(params.inverseMassMatrix);
    this.metric = metric;
    this.rng = rng;
    this.stepSize = stepSize;
    const pool = this.pool;
    pool.reset();
    this.prev = null;
    const z0 = startPoint(pool, state, metric, rng);
    this.h0 = z0.energy;
    // The trajectory so far is the one point: it is the sample and both ends.
    z0.refs = 3;
    this.sample = this.fwdEnd = this.bckEnd = z0;
    cp(this.rho, z0.momentum);
    this.logSumWeight = 0;
    this.nLeapfrog = 0;
    this.sumMetroProb = 0;
    this.divergent = false;
    this.depth = 0;
    this.expansions = 0;
    this.done = false;
    this.startExpansion();
    this.drain();
  }

  supply(logdensity: number): void {
    if (this.integrator.advance(this.cur, logdensity)) {
      this.leafDone();
      this.drain();
    }
  }

  /** Leaves an in-place integrator completed at once are processed here, not recursively. */
  private drain(): void {
    while (this.ready && !this.done) {
      this.ready = false;
      this.leafDone();
    }
  }

  finish(out?: HMCState): { state: HMCState; info: NUTSInfo } {
    const z = this.sample;
    const res = out ?? emptyGradientState(this.dim);
    cp(res.position, z.position);
    cp(res.logdensityGrad, z.logdensityGrad);
    res.logdensity = z.logdensity;
    const n = this.nLeapfrog;
    return {
      state: res,
      info: {
        acceptanceRate: n > 0 ? this.sumMetroProb / n : 0,
        isDivergent: this.divergent,
        energy: z.energy,
        treeDepth: this.depth,
        numTrajectoryExpansions: this.expansions,
        numIntegrationSteps: n,
        reachedMaxTreeDepth: this.depth >= this.maxDepth,
      },
    };
  }

  /** Double the trajectory in a random direction, from the end on that side. */
  private startExpansion(): void {
    this.forward = this.rng.uniform() > 0.5;
    this.eps = this.forward ? this.stepSize : -this.stepSize;
    this.leaf = 0;
    this.expansions++;
    const from = this.forward ? this.fwdEnd : this.bckEnd;
    this.pool.retain(from);
    if (this.prev !== null) this.pool.release(this.prev);
    this.prev = from;
    this.startLeaf();
  }

  private startLeaf(): void {
    const z = this.pool.take();
    this.cur = z;
    this.ready = this.integrator.start(this.prev!, z, this.eps, this.metric);
    this.position = z.position;
    this.gradient = z.logdensityGrad;
  }

  /** The leaf `cur` is integrated: weigh it, then merge every subtree it completes. */
  private leafDone(): void {
    const z = this.cur;
    const pool = this.pool;
    this.nLeapfrog++;
    const h = z.energy;
    if (h - this.h0 > this.threshold) this.divergent = true;
    const w = this.h0 - h;
    this.sumMetroProb += w > 0 ? 1 : Math.exp(w);
    pool.release(this.prev!);
    this.prev = z;
    if (this.divergent) {
      this.done = true;
      return;
    }
    let t = this.leafTree;
    t.proposal = t.first = t.last = z;
    z.refs += 3;
    t.rho = z.momentum;
    t.logSumWeight = w;
    const k = this.leaf;
    for (let l = 1; l <= this.depth; l++) {
      const slot = this.slots[l];
      if (((k >> (l - 1)) & 1) === 0) {
        // `t` is the first half of the level-l subtree: keep it until the second half is built.
        slot.proposal = t.proposal;
        slot.first = t.first;
        slot.last = t.last;
        slot.rho = t.rho;
        slot.logSumWeight = t.logSumWeight;
        this.leaf = k + 1;
        this.startLeaf();
        return;
      }
      if (!this.mergeSubtrees(slot, t, this.rhoBuffers[l][(k >> l) & 1])) {
        this.done = true;
        return;
      }
      t = slot;
    }
    this.mergeIntoTrajectory(t);
  }

  /** Merge the second half `b` into the first half `a` (in place): multinomial draw, ρ, U-turn checks. */
  private mergeSubtrees(a: Subtree, b: Subtree, rhoOut: Float64Array): boolean {
    const pool = this.pool;
    const lsw = logAddExp(a.logSumWeight, b.logSumWeight);
    if (b.logSumWeight > lsw || this.rng.uniform() < Math.exp(b.logSumWeight - lsw)) {
      pool.release(a.proposal);
      a.proposal = b.proposal;
    } else {
      pool.release(b.proposal);
    }
    const ok = mergeNoUTurn(rhoOut, a.rho, b.rho, a.first, a.last, b.first, b.last);
    pool.release(a.last);
    pool.release(b.first);
    a.last = b.last;
    a.rho = rhoOut;
    a.logSumWeight = lsw;
    return ok;
  }

  /** A new subtree `s` is complete: biased progressive sampling, the trajectory's U-turn checks, and the next doubling. */
  private mergeIntoTrajectory(s: Subtree): void {
    const pool = this.pool;
    this.depth++;
    if (s.logSumWeight > this.logSumWeight || this.rng.uniform() < Math.exp(s.logSumWeight - this.logSumWeight)) {
      pool.release(this.sample);
      this.sample = s.proposal;
    } else {
      pool.release(s.proposal);
    }
    this.logSumWeight = logAddExp(this.logSumWeight, s.logSumWeight);
    let ok: boolean;
    if (this.forward) {
      ok = mergeNoUTurn(this.rho, this.rho, s.rho, this.bckEnd, this.fwdEnd, s.first, s.last);
      pool.release(this.fwdEnd);
      this.fwdEnd = s.last;
    } else {
      // The new subtree lies before the trajectory in time: its last-built point is its start.
      ok = mergeNoUTurn(this.rho, s.rho, this.rho, s.last, s.first, this.bckEnd, this.fwdEnd);
      pool.release(this.bckEnd);
      this.bckEnd = s.last;
    }
    pool.release(s.first);
    if (!ok || this.depth >= this.maxDepth) {
      this.done = true;
      return;
    }
    this.startExpansion();
  }
}

/**
 * A NUTS transition that asks for one gradient at a time (see {@link NUTSStepper}): for drivers
 * that advance several chains together with batched gradient evaluations. Its trajectories and
 * draws are identical to `buildNutsKernel(ld, options)`'s for the same `rng`.
 *
 * @example
 * ```ts
 * const stepper = createNutsStepper(ld);
 * stepper.begin(rng, state, { stepSize: 0.8, inverseMassMatrix: Float64Array.of(1, 1) });
 * while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
 * const { state: next, info } = stepper.finish();
 * ```
 */
export function createNutsStepper(ld: LogDensity, options: NUTSKernelOptions = {}): NUTSStepper {
  return new NutsStepper(ld, options);
}

/**
 * The initial NUTS state at `position` (the same state as HMC's).
 *
 * @example
 * ```ts
 * const state = nutsInit(ld, [0, 0]);
 * ```
 */
export function nutsInit(ld: LogDensity, position: Float64Array | readonly number[]): HMCState {
  return initGradientState(ld, position, "nuts.init");
}

/**
 * Build the NUTS transition for `ld` (Stan's `base_nuts::transition`). Trajectory points are
 * pooled and reused, so a transition allocates only its returned state (none when `out` is
 * given) and info.
 *
 * @example
 * ```ts
 * const kernel = buildNutsKernel(ld, { maxTreeDepth: 10 });
 * const rng = rngFromKey(random.key(0));
 * let state = nutsInit(ld, [0, 0]);
 * const params = { stepSize: 0.8, inverseMassMatrix: Float64Array.of(1, 1) };
 * const { state: next, info } = kernel(rng, state, params); // info.treeDepth, info.numIntegrationSteps, …
 * ```
 */
export function buildNutsKernel(ld: LogDensity, options: NUTSKernelOptions = {}): NUTSKernel {
  const stepper = new NutsStepper(ld, options);
  return (rng, state, params, out) => {
    stepper.begin(rng, state, params);
    while (!stepper.done) stepper.supply(ld.valueAndGrad(stepper.position, stepper.gradient));
    return stepper.finish(out);
  };
}

/**
 * NUTS with its tunables fixed (BlackJAX's `blackjax.nuts(logdensity_fn, step_size, inverse_mass_matrix)`).
 *
 * @example
 * ```ts
 * const algo = nuts(ld, { stepSize: 0.8, inverseMassMatrix: Float64Array.of(1, 1) });
 * let state = algo.init([0, 0]);
 * const rng = rngFromKey(random.key(0));
 * for (let i = 0; i < 1000; i++) ({ state } = algo.step(rng, state));
 * ```
 */
export function nuts(ld: LogDensity, params: NUTSParameters & NUTSKernelOptions): SamplingAlgorithm<HMCState, NUTSInfo> {
  const kernel = buildNutsKernel(ld, params);
  return {
    init: (position) => nutsInit(ld, position),
    step: (rng, state, out) => kernel(rng, state, params, out),
  };
}
