/**
 * Barker's proposal as a model kernel (numpyro.infer's `BarkerMH`), over @orrery/mcmc's Barker
 * transition, with NumPyro's warmup: dual averaging of the step size towards acceptance 0.4 and
 * a diagonal mass matrix estimated in Stan's windows.
 */
import {
  type HMCState,
  type LogDensity,
  buildBarkerKernel,
  buildSchedule,
  copyGradientState,
  dualAveragingInit,
  dualAveragingUpdate,
  initGradientState,
  welfordCovariance,
  welfordInit,
  welfordReset,
  welfordUpdate,
} from "@orrery/mcmc";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";
import { type ChainState } from "./hmc.js";
import { type FieldDtype, type KernelRunner, type ModelKernel, checkPositive, checkTarget, countedWarmup } from "./kernel.js";

/** Options of {@link BarkerMH} (NumPyro's names in camelCase). */
export interface BarkerMHOptions {
  /** The initial (or, without adaptation, fixed) step size (default 1). */
  stepSize?: number;
  /** The initial (or fixed) diagonal inverse mass matrix (default identity). */
  inverseMassMatrix?: Float64Array;
  /** Adapt the step size during warmup by dual averaging (default true). */
  adaptStepSize?: boolean;
  /** Adapt a diagonal inverse mass matrix during warmup (default true). */
  adaptMassMatrix?: boolean;
  /** Only `false` (the default) is available: the Barker transition takes a diagonal mass matrix. */
  denseMass?: boolean;
  /** Target acceptance probability of the step-size adaptation (default 0.4, as NumPyro). */
  targetAcceptProb?: number;
  /** Where chains start (default `initToUniform()`). */
  initStrategy?: InitStrategy;
}

/** The extra field of BarkerMH, per draw (NumPyro's `accept_prob`). */
export type BarkerField = "acceptProb";

const BARKER_FIELDS: Readonly<Record<BarkerField, FieldDtype>> = { acceptProb: "float64" };

/**
 * The Barker proposal (Livingstone & Zanella 2022), NumPyro's `BarkerMH`: a Metropolis–Hastings
 * kernel whose proposal is skewed along the gradient, one gradient evaluation per step, robust to
 * a badly tuned step size. Warmup as NumPyro's: the step size adapts by dual averaging towards
 * `targetAcceptProb` (0.4), a diagonal inverse mass matrix is estimated in Stan's windows
 * (75 / 25, 50, … / 50), and the step size after warmup is dual averaging's averaged iterate.
 * Post-warmup states are {@link ChainState}s, as NUTS's.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new BarkerMH(model), { numWarmup: 2000, numSamples: 5000, numChains: 4 });
 * await mcmc.run(random.key(0), x, y);
 * mcmc.getExtraFields().acceptProb;
 * ```
 */
export class BarkerMH implements ModelKernel<ChainState, BarkerField> {
  readonly name = "BarkerMH";
  readonly usesGradient = true;
  readonly isEnsemble = false;
  readonly fields = BARKER_FIELDS;
  constructor(
    readonly model: ModelFn,
    readonly options: BarkerMHOptions = {},
  ) {
    checkTarget(options.targetAcceptProb, "BarkerMH");
    checkPositive(options.stepSize, "stepSize", "BarkerMH");
    if (options.denseMass === true) {
      throw new Error("BarkerMH: denseMass is not available yet (the Barker transition of @orrery/mcmc takes a diagonal inverse mass matrix); use denseMass: false");
    }
    if (options.inverseMassMatrix !== undefined && !options.inverseMassMatrix.every((v) => v > 0 && Number.isFinite(v))) {
      throw new RangeError("BarkerMH: inverseMassMatrix must be a diagonal of positive finite numbers");
    }
  }
  get initStrategy(): InitStrategy | undefined {
    return this.options.initStrategy;
  }
  checkNumChains(): void {}
  start(ld: LogDensity, positions: Float64Array[], resume?: ChainState): KernelRunner<ChainState, BarkerField> {
    const o = this.options;
    const dim = ld.dim;
    if (o.inverseMassMatrix !== undefined && o.inverseMassMatrix.length !== dim) {
      throw new RangeError(`BarkerMH: inverseMassMatrix has ${o.inverseMassMatrix.length} entries; the model has ${dim} unconstrained dimensions`);
    }
    const kernel = buildBarkerKernel(ld);
    let state: HMCState = resume !== undefined ? copyGradientState(resume.state) : initGradientState(ld, positions[0], "BarkerMH");
    let spare = copyGradientState(state);
    const params = {
      stepSize: resume?.stepSize ?? o.stepSize ?? 1,
      inverseMassMatrix: (resume?.inverseMassMatrix as Float64Array | undefined) ?? o.inverseMassMatrix?.slice() ?? new Float64Array(dim).fill(1),
    };
    let lastAccept = 0;
    const transition = (rng: Parameters<typeof kernel>[0]) => {
      const { state: next, info } = kernel(rng, state, params, spare);
      spare = state === next ? spare : state;
      state = next;
      return info.acceptanceRate;
    };
    return {
      width: 1,
      startWarmup: (rng, numWarmup) => {
        const adaptStep = o.adaptStepSize ?? true;
        const adaptMass = o.adaptMassMatrix ?? true;
        const schedule = buildSchedule(numWarmup);
        const daOptions = { targetAcceptanceRate: o.targetAcceptProb ?? 0.4 };
        let da = dualAveragingInit(params.stepSize);
        const welford = welfordInit(dim, false);
        return countedWarmup(
          numWarmup,
          (i) => {
            const acc = transition(rng);
            if (adaptStep) {
              da = dualAveragingUpdate(da, acc, daOptions);
              params.stepSize = Math.exp(da.logStepSize);
            }
            const sch = schedule[i];
            if (adaptMass && sch.stage === "slow") {
              welfordUpdate(welford, state.position);
              if (sch.windowEnd) {
                params.inverseMassMatrix = welfordCovariance(welford, true);
                welfordReset(welford);
                if (adaptStep) da = dualAveragingInit(params.stepSize);
              }
            }
            return { acceptProb: acc, divergences: 0, stepSize: params.stepSize };
          },
          () => {
            if (adaptStep && da.step > 0) params.stepSize = Math.exp(da.logStepSizeAvg);
          },
        );
      },
      step: (rng) => {
        lastAccept = transition(rng);
        return { acceptProb: lastAccept, divergences: 0, stepSize: params.stepSize };
      },
      position: () => state.position,
      writeFields: (_w, out, k) => {
        out.acceptProb[k] = lastAccept;
      },
      snapshot: () => ({ state: copyGradientState(state), stepSize: params.stepSize, inverseMassMatrix: params.inverseMassMatrix.slice() }),
    };
  }
}
