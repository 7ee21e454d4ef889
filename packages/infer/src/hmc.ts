/**
 * The gradient-based model kernels (as numpyro.infer's NUTS and HMC): the model, the sampler's
 * options, Stan's windowed warmup and the @orrery/mcmc transition for a model's potential.
 */
import {
  type HMCInfo,
  type HMCState,
  type InverseMassMatrix,
  type NUTSInfo,
  type LogDensity,
  type WindowAdaptationOptions,
  buildHmcKernel,
  buildNutsKernel,
  copyGradientState,
  initGradientState,
  windowAdaptation,
} from "@orrery/mcmc";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";
import { type FieldDtype, type KernelRunner, type ModelKernel, type StepReport, type WarmupRun, NO_WARMUP, checkPositiveInt, checkTarget } from "./kernel.js";

/** Options shared by the gradient-based model kernels (NumPyro's names in camelCase). */
export interface GradientKernelOptions {
  /** Target mean acceptance statistic for step-size adaptation (default 0.8). */
  targetAcceptProb?: number;
  /** Adapt the step size during warmup (default true). */
  adaptStepSize?: boolean;
  /** Adapt the inverse mass matrix during warmup (default true). */
  adaptMassMatrix?: boolean;
  /** Estimate a dense instead of a diagonal mass matrix (default false). */
  denseMass?: boolean;
  /** The initial (or, without adaptation, fixed) step size (default 1). */
  stepSize?: number;
  /** The initial (or fixed) inverse mass matrix (default identity). */
  inverseMassMatrix?: InverseMassMatrix;
  /** Where chains start (default `initToUniform()`, radius 2 in unconstrained space). */
  initStrategy?: InitStrategy;
  /** The integrator: "velocityVerlet" (default) or "mclachlan". */
  integrator?: "velocityVerlet" | "mclachlan";
}

/** NUTS-specific options. */
export interface NUTSOptions extends GradientKernelOptions {
  /** Maximum tree depth (default 10). */
  maxTreeDepth?: number;
}

/** HMC-specific options. */
export interface HMCOptions extends GradientKernelOptions {
  /** Leapfrog steps per transition (default 10). */
  numSteps?: number;
}

function adaptation(o: NUTSOptions & HMCOptions, algorithm: "nuts" | "hmc"): WindowAdaptationOptions {
  return {
    algorithm,
    targetAcceptanceRate: o.targetAcceptProb ?? 0.8,
    isMassMatrixDiagonal: !(o.denseMass ?? false),
    initialStepSize: o.stepSize ?? 1,
    initialInverseMassMatrix: o.inverseMassMatrix,
    maxTreeDepth: o.maxTreeDepth ?? 10,
    numIntegrationSteps: algorithm === "hmc" ? (o.numSteps ?? 10) : undefined,
    integrator: o.integrator,
    adaptStepSize: o.adaptStepSize ?? true,
    adaptMassMatrix: o.adaptMassMatrix ?? true,
  } as WindowAdaptationOptions;
}

/** The adapted state of a gradient-based chain: where it is and its tunables. */
export interface ChainState {
  state: HMCState;
  stepSize: number;
  inverseMassMatrix: InverseMassMatrix;
}

/** The extra fields of NUTS and HMC, per draw (NumPyro's `diverging`, `accept_prob`, `num_steps`, `energy`, and the tree depth). */
export type HMCField = "diverging" | "acceptProb" | "treeDepth" | "numSteps" | "energy";

const HMC_FIELDS: Readonly<Record<HMCField, FieldDtype>> = { diverging: "bool", acceptProb: "float64", treeDepth: "int32", numSteps: "int32", energy: "float64" };

/**
 * Store a NUTS or HMC transition's extra fields as draw `k` (HMC has no tree: depth 0). Sequential
 * and vectorized chains both store through it.
 *
 * @example
 * ```ts
 * writeTransitionFields(run.fields, k, info);
 * ```
 */
export function writeTransitionFields(out: Record<HMCField, Float64Array | Int32Array | Uint8Array>, k: number, info: HMCInfo | NUTSInfo): void {
  out.diverging[k] = info.isDivergent ? 1 : 0;
  out.acceptProb[k] = info.acceptanceRate;
  out.treeDepth[k] = "treeDepth" in info ? info.treeDepth : 0;
  out.numSteps[k] = info.numIntegrationSteps;
  out.energy[k] = info.energy;
}

/** NUTS and HMC share everything but the transition. */
abstract class GradientKernel implements ModelKernel<ChainState, HMCField> {
  abstract readonly name: "NUTS" | "HMC";
  readonly usesGradient = true;
  readonly isEnsemble = false;
  readonly fields = HMC_FIELDS;
  constructor(
    readonly model: ModelFn,
    readonly options: NUTSOptions & HMCOptions,
  ) {}
  get initStrategy(): InitStrategy | undefined {
    return this.options.initStrategy;
  }
  checkNumChains(): void {}
  /** The options for @orrery/mcmc's windowed adaptation and kernel. */
  abstract adaptationOptions(): WindowAdaptationOptions;

  start(ld: LogDensity, positions: Float64Array[], resume?: ChainState): KernelRunner<ChainState, HMCField> {
    const o = this.options;
    const isNuts = this.name === "NUTS";
    const nuts = isNuts ? buildNutsKernel(ld, { maxTreeDepth: o.maxTreeDepth ?? 10, integrator: o.integrator }) : null;
    const hmc = isNuts ? null : buildHmcKernel(ld, { integrator: o.integrator });
    const numSteps = o.numSteps ?? 10;
    let state: HMCState = resume !== undefined ? copyGradientState(resume.state) : initGradientState(ld, positions[0], "MCMC");
    // Two state buffers, swapped: no allocation per transition.
    let spare = copyGradientState(state);
    const params = {
      stepSize: resume?.stepSize ?? o.stepSize ?? 1,
      inverseMassMatrix: resume?.inverseMassMatrix ?? o.inverseMassMatrix ?? new Float64Array(ld.dim).fill(1),
      numIntegrationSteps: numSteps,
    };
    let last: HMCInfo | NUTSInfo = { isDivergent: false, acceptanceRate: 0, isAccepted: false, numIntegrationSteps: 0, energy: 0 };
    const adapt = this.adaptationOptions();
    return {
      width: 1,
      startWarmup: (rng, numWarmup): WarmupRun => {
        if (numWarmup === 0) return NO_WARMUP;
        const w = windowAdaptation(ld, adapt).start(rng, state, numWarmup);
        return {
          get done() {
            return w.done;
          },
          step: (): StepReport => {
            const info = w.step();
            if (w.done) {
              const res = w.result();
              state = res.state;
              spare = copyGradientState(state);
              params.stepSize = res.parameters.stepSize;
              params.inverseMassMatrix = res.parameters.inverseMassMatrix;
            }
            return { acceptProb: info.acceptanceRate, divergences: info.isDivergent ? 1 : 0, stepSize: info.stepSize };
          },
        };
      },
      step: (rng): StepReport => {
        const { state: next, info } = nuts !== null ? nuts(rng, state, params, spare) : hmc!(rng, state, params, spare);
        spare = state === next ? spare : state;
        state = next;
        last = info;
        return { acceptProb: info.acceptanceRate, divergences: info.isDivergent ? 1 : 0, stepSize: params.stepSize };
      },
      position: () => state.position,
      writeFields: (_w, out, k) => writeTransitionFields(out, k, last),
      snapshot: () => ({ state: copyGradientState(state), stepSize: params.stepSize, inverseMassMatrix: params.inverseMassMatrix }),
    };
  }
}

/**
 * The No-U-Turn sampler for a model: multinomial NUTS with the generalised U-turn criterion,
 * Stan's windowed adaptation of step size and mass matrix during warmup.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(model), { numWarmup: 1000, numSamples: 1000, numChains: 4 });
 * await mcmc.run(random.key(0), x, y);
 * ```
 */
export class NUTS extends GradientKernel {
  readonly name = "NUTS" as const;
  constructor(model: ModelFn, options: NUTSOptions = {}) {
    super(model, options);
    checkTarget(options.targetAcceptProb, "NUTS");
    checkPositiveInt(options.maxTreeDepth, "maxTreeDepth", "NUTS");
  }
  /**
   * The options for @orrery/mcmc's windowed adaptation and kernel.
   *
   * @example
   * ```ts
   * new NUTS(model, { targetAcceptProb: 0.9 }).adaptationOptions().targetAcceptanceRate; // 0.9
   * ```
   */
  adaptationOptions(): WindowAdaptationOptions {
    return adaptation(this.options, "nuts");
  }
}

/**
 * Hamiltonian Monte Carlo with a fixed number of leapfrog steps per transition, with the
 * same warmup as NUTS.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new HMC(model, { numSteps: 20 }), { numWarmup: 500, numSamples: 500 });
 * ```
 */
export class HMC extends GradientKernel {
  readonly name = "HMC" as const;
  constructor(model: ModelFn, options: HMCOptions = {}) {
    super(model, options);
    checkTarget(options.targetAcceptProb, "HMC");
    if (options.numSteps !== undefined && !(Number.isInteger(options.numSteps) && options.numSteps >= 1)) {
      throw new RangeError(`HMC: numSteps must be a positive integer, got ${options.numSteps}`);
    }
  }
  /**
   * The options for @orrery/mcmc's windowed adaptation and kernel.
   *
   * @example
   * ```ts
   * new HMC(model, { numSteps: 20 }).adaptationOptions().numIntegrationSteps; // 20
   * ```
   */
  adaptationOptions(): WindowAdaptationOptions {
    return adaptation(this.options, "hmc");
  }
}
