/**
 * Model-level sampler kernels (as numpyro.infer's NUTS and HMC): the model, the sampler's
 * options, and how to build the @orrery/mcmc kernel and warmup for a model's potential.
 */
import { type InverseMassMatrix, type NUTSInfo, type HMCInfo, type WindowAdaptationOptions } from "@orrery/mcmc";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";

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

/** What a model kernel tells `MCMC`. */
export interface ModelKernel {
  readonly model: ModelFn;
  readonly name: "NUTS" | "HMC";
  readonly options: NUTSOptions & HMCOptions;
  /** The options for @orrery/mcmc's windowed adaptation and kernel. */
  adaptationOptions(): WindowAdaptationOptions;
}

/** The per-draw information kept as extra fields. */
export type TransitionInfo = NUTSInfo | HMCInfo;

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
  } as WindowAdaptationOptions;
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
export class NUTS implements ModelKernel {
  readonly name = "NUTS" as const;
  constructor(
    readonly model: ModelFn,
    readonly options: NUTSOptions = {},
  ) {
    checkTarget(options.targetAcceptProb, "NUTS");
  }
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
export class HMC implements ModelKernel {
  readonly name = "HMC" as const;
  constructor(
    readonly model: ModelFn,
    readonly options: HMCOptions = {},
  ) {
    checkTarget(options.targetAcceptProb, "HMC");
    if (options.numSteps !== undefined && !(Number.isInteger(options.numSteps) && options.numSteps >= 1)) {
      throw new RangeError(`HMC: numSteps must be a positive integer, got ${options.numSteps}`);
    }
  }
  adaptationOptions(): WindowAdaptationOptions {
    return adaptation(this.options, "hmc");
  }
}

function checkTarget(t: number | undefined, where: string): void {
  if (t !== undefined && !(t > 0 && t < 1)) throw new RangeError(`${where}: targetAcceptProb must be in (0, 1), got ${t}`);
}
