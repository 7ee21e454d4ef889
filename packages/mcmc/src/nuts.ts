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
 * Tree building is recursive over preallocated per-depth buffers: nothing is allocated per
 * leapfrog step.
 *
 * @module
 */
import { DIVERGENCE_THRESHOLD } from "./hmc.js";
import { type IntegratorName, type Integrator, type IntegratorState, integratorState, makeIntegrator } from "./integrators.js";
import { type LogDensity } from "./log-density.js";
import { type InverseMassMatrix, type Metric, metricCache } from "./metrics.js";
import { type Rng } from "./rng.js";
import { emptyGradientState, initGradientState } from "./state.js";
import { type HMCState, type NUTSInfo, type SamplingAlgorithm } from "./types.js";

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

interface Proposal {
  position: Float64Array;
  logdensityGrad: Float64Array;
  logdensity: number;
  energy: number;
}

function proposal(dim: number): Proposal {
  return { position: new Float64Array(dim), logdensityGrad: new Float64Array(dim), logdensity: 0, energy: 0 };
}

function copyProposal(from: Proposal, to: Proposal): void {
  cp(to.position, from.position);
  cp(to.logdensityGrad, from.logdensityGrad);
  to.logdensity = from.logdensity;
  to.energy = from.energy;
}

/** Copy `src` into `dst` (a loop: faster than `TypedArray.set` for short vectors). */
function cp(dst: Float64Array, src: Float64Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] = src[i];
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** `p♯₋·(a + b) > 0 && p♯₊·(a + b) > 0`: the generalised no-U-turn criterion on `ρ = a + b`. */
function criterion(dim: number, sharpMinus: Float64Array, sharpPlus: Float64Array, a: Float64Array, b: Float64Array): boolean {
  let dm = 0;
  let dp = 0;
  for (let i = 0; i < dim; i++) {
    const r = a[i] + b[i];
    dm += sharpMinus[i] * r;
    dp += sharpPlus[i] * r;
  }
  return dm > 0 && dp > 0;
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
 * Build the NUTS transition for `ld` (Stan's `base_nuts::transition`). All trajectory buffers
 * are allocated here, once; a transition allocates only its returned state (none when `out` is
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
  const dim = ld.dim;
  const maxDepth = options.maxTreeDepth ?? 10;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 30) throw new RangeError(`nuts: maxTreeDepth must be an integer in [1, 30]; got ${maxDepth}`);
  const threshold = options.divergenceThreshold ?? DIVERGENCE_THRESHOLD;
  const integrate = makeIntegrator(ld, options.integrator);
  const metricOf = metricCache(dim);
  const vec = () => new Float64Array(dim);

  // Top-level trajectory.
  const z = integratorState(dim);
  const zFwd = integratorState(dim);
  const zBck = integratorState(dim);
  const zSample = proposal(dim);
  const zPropose = proposal(dim);
  const pFwdFwd = vec(), pSharpFwdFwd = vec(), pFwdBck = vec(), pSharpFwdBck = vec();
  const pBckFwd = vec(), pSharpBckFwd = vec(), pBckBck = vec(), pSharpBckBck = vec();
  const rho = vec(), rhoFwd = vec(), rhoBck = vec();

  // Per-depth buffers of the recursion (index = depth of the subtree being built).
  const levels = Array.from({ length: maxDepth + 1 }, () => ({
    proposeFinal: proposal(dim),
    pInitEnd: vec(),
    pSharpInitEnd: vec(),
    rhoInit: vec(),
    pFinalBeg: vec(),
    pSharpFinalBeg: vec(),
    rhoFinal: vec(),
  }));

  // Trajectory-wide scalars.
  let metric: Metric;
  let rngCur: Rng;
  let eps = 0;
  let h0 = 0;
  let nLeapfrog = 0;
  let sumMetroProb = 0;
  let divergent = false;
  /** The updated log-sum-weight written by buildTree (read by the caller right after it returns). */
  let lswOut = -Infinity;

  const buildTree = (
    depth: number,
    zProp: Proposal,
    pSharpBeg: Float64Array,
    pSharpEnd: Float64Array,
    rhoAcc: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
    lswIn: number,
  ): boolean => {
    if (depth === 0) {
      integrate(z, eps, metric);
      nLeapfrog++;
      const p = z.momentum;
      let h = -z.logdensity + metric.kineticAndVelocity(p, pSharpBeg);
      if (h !== h) h = Infinity;
      if (h - h0 > threshold) divergent = true;
      const w = h0 - h;
      lswOut = logAddExp(lswIn, w);
      sumMetroProb += w > 0 ? 1 : Math.exp(w);
      cp(zProp.position, z.position);
      cp(zProp.logdensityGrad, z.logdensityGrad);
      zProp.logdensity = z.logdensity;
      zProp.energy = h;
      cp(pSharpEnd, pSharpBeg);
      for (let i = 0; i < dim; i++) rhoAcc[i] += p[i];
      cp(pBeg, p);
      cp(pEnd, p);
      return !divergent;
    }
    const lv = levels[depth];
    // The initial subtree.
    lv.rhoInit.fill(0);
    if (!buildTree(depth - 1, zProp, pSharpBeg, lv.pSharpInitEnd, lv.rhoInit, pBeg, lv.pInitEnd, -Infinity)) return false;
    const lswInit = lswOut;
    // The final subtree.
    lv.rhoFinal.fill(0);
    if (!buildTree(depth - 1, lv.proposeFinal, lv.pSharpFinalBeg, pSharpEnd, lv.rhoFinal, lv.pFinalBeg, pEnd, -Infinity)) return false;
    const lswFinal = lswOut;
    // Multinomial sample from the merged subtree (uniform progressive: proportional to weights).
    const lswSubtree = logAddExp(lswInit, lswFinal);
    lswOut = logAddExp(lswIn, lswSubtree);
    if (lswFinal > lswSubtree || rngCur.uniform() < Math.exp(lswFinal - lswSubtree)) copyProposal(lv.proposeFinal, zProp);
    const rhoInit = lv.rhoInit;
    const rhoFinal = lv.rhoFinal;
    for (let i = 0; i < dim; i++) rhoAcc[i] += rhoInit[i] + rhoFinal[i];
    // Around the merged subtree, then across the two halves.
    return (
      criterion(dim, pSharpBeg, pSharpEnd, rhoInit, rhoFinal) &&
      criterion(dim, pSharpBeg, lv.pSharpFinalBeg, rhoInit, lv.pFinalBeg) &&
      criterion(dim, lv.pSharpInitEnd, pSharpEnd, rhoFinal, lv.pInitEnd)
    );
  };

  return (rng, state, params, out) => {
    metric = metricOf(params.inverseMassMatrix);
    rngCur = rng;
    const stepSize = params.stepSize;
    if (!(stepSize > 0) || !Number.isFinite(stepSize)) throw new RangeError(`nuts: the step size must be positive and finite; got ${stepSize}`);

    cp(z.position, state.position);
    cp(z.logdensityGrad, state.logdensityGrad);
    z.logdensity = state.logdensity;
    metric.sampleMomentum(rng, z.momentum);
    const k0 = metric.kineticAndVelocity(z.momentum, pSharpFwdFwd);
    h0 = -state.logdensity + k0;
    copyState(z, zFwd);
    copyState(z, zBck);
    cp(zSample.position, state.position);
    cp(zSample.logdensityGrad, state.logdensityGrad);
    zSample.logdensity = state.logdensity;
    zSample.energy = h0;
    cp(pFwdFwd, z.momentum);
    cp(pFwdBck, z.momentum);
    cp(pBckFwd, z.momentum);
    cp(pBckBck, z.momentum);
    cp(pSharpFwdBck, pSharpFwdFwd);
    cp(pSharpBckFwd, pSharpFwdFwd);
    cp(pSharpBckBck, pSharpFwdFwd);
    cp(rho, z.momentum);

    let logSumWeight = 0;
    nLeapfrog = 0;
    sumMetroProb = 0;
    divergent = false;
    let depth = 0;
    let expansions = 0;

    while (depth < maxDepth) {
      rhoFwd.fill(0);
      rhoBck.fill(0);
      let valid: boolean;
      if (rng.uniform() > 0.5) {
        // Extend forward: the old trajectory becomes the backward part.
        copyState(zFwd, z);
        cp(rhoBck, rho);
        cp(pBckFwd, pFwdFwd);
        cp(pSharpBckFwd, pSharpFwdFwd);
        eps = stepSize;
        valid = buildTree(depth, zPropose, pSharpFwdBck, pSharpFwdFwd, rhoFwd, pFwdBck, pFwdFwd, -Infinity);
        copyState(z, zFwd);
      } else {
        // Extend backward: the old trajectory becomes the forward part.
        copyState(zBck, z);
        cp(rhoFwd, rho);
        cp(pFwdBck, pBckBck);
        cp(pSharpFwdBck, pSharpBckBck);
        eps = -stepSize;
        valid = buildTree(depth, zPropose, pSharpBckFwd, pSharpBckBck, rhoBck, pBckFwd, pBckBck, -Infinity);
        copyState(z, zBck);
      }
      expansions++;
      if (!valid) break;
      const lswSubtree = lswOut;
      depth++;
      // Biased progressive sampling at the top level.
      if (lswSubtree > logSumWeight || rng.uniform() < Math.exp(lswSubtree - logSumWeight)) copyProposal(zPropose, zSample);
      logSumWeight = logAddExp(logSumWeight, lswSubtree);
      for (let i = 0; i < dim; i++) rho[i] = rhoBck[i] + rhoFwd[i];
      const persist =
        criterion(dim, pSharpBckBck, pSharpFwdFwd, rhoBck, rhoFwd) &&
        criterion(dim, pSharpBckBck, pSharpFwdBck, rhoBck, pFwdBck) &&
        criterion(dim, pSharpBckFwd, pSharpFwdFwd, rhoFwd, pBckFwd);
      if (!persist) break;
    }

    const res = out ?? emptyGradientState(dim);
    cp(res.position, zSample.position);
    cp(res.logdensityGrad, zSample.logdensityGrad);
    res.logdensity = zSample.logdensity;
    return {
      state: res,
      info: {
        acceptanceRate: nLeapfrog > 0 ? sumMetroProb / nLeapfrog : 0,
        isDivergent: divergent,
        energy: zSample.energy,
        treeDepth: depth,
        numTrajectoryExpansions: expansions,
        numIntegrationSteps: nLeapfrog,
        reachedMaxTreeDepth: depth >= maxDepth,
      },
    };
  };
}

function copyState(from: IntegratorState, to: IntegratorState): void {
  cp(to.position, from.position);
  cp(to.momentum, from.momentum);
  cp(to.logdensityGrad, from.logdensityGrad);
  to.logdensity = from.logdensity;
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
