/**
 * Sample Adaptive MCMC as a model kernel (numpyro.infer's `SA`), over @orrery/mcmc's `sa`.
 */
import { type LogDensity, type SAState, sa } from "@orrery/mcmc";
import { type InitStrategy, type ModelFn } from "@orrery/ppl";
import { type FieldDtype, type KernelRunner, type ModelKernel, checkPositiveInt, countedWarmup } from "./kernel.js";

/** Options of {@link SA} (NumPyro's names in camelCase). */
export interface SAKernelOptions {
  /** Points in the adaptive set from which the Gaussian proposal is fitted (default `2 · dim`, at least 2). */
  adaptStateSize?: number;
  /** Fit a dense (default true, as NumPyro) or a diagonal covariance. */
  denseMass?: boolean;
  /** Where chains start (default `initToUniform()`). */
  initStrategy?: InitStrategy;
}

/** The extra fields of SA, per draw (NumPyro's `accept_prob` and `diverging`). */
export type SAField = "acceptProb" | "diverging";

const SA_FIELDS: Readonly<Record<SAField, FieldDtype>> = { acceptProb: "float64", diverging: "bool" };

/**
 * Sample Adaptive MCMC (Zhu 2019), NumPyro's `SA`: gradient-free, one log-density evaluation per
 * step. It keeps a set of `adaptStateSize` points, proposes from the Gaussian fitted to them and
 * drops one of the set plus the proposal; each draw is one point of the set chosen at random.
 * The proposal adapts itself at every step (there is no separate warmup adaptation), so it needs
 * a long warmup: NumPyro's advice is thousands of steps. `acceptProb` is one minus the
 * probability of dropping the proposal; `diverging` marks proposals whose log density fell more
 * than 1000 below the current draw's.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new SA(model), { numWarmup: 10000, numSamples: 10000, numChains: 4 });
 * await mcmc.run(random.key(0), x, y);
 * ```
 */
export class SA implements ModelKernel<SAState, SAField> {
  readonly name = "SA";
  readonly usesGradient = false;
  readonly isEnsemble = false;
  readonly fields = SA_FIELDS;
  constructor(
    readonly model: ModelFn,
    readonly options: SAKernelOptions = {},
  ) {
    checkPositiveInt(options.adaptStateSize, "adaptStateSize", "SA", 2);
  }
  get initStrategy(): InitStrategy | undefined {
    return this.options.initStrategy;
  }
  checkNumChains(): void {}
  start(ld: LogDensity, positions: Float64Array[], resume?: SAState): KernelRunner<SAState, SAField> {
    const algo = sa(ld, { adaptStateSize: this.options.adaptStateSize, denseMass: this.options.denseMass ?? true });
    let state: SAState | null = resume !== undefined ? copy(resume) : null;
    const init = positions[0];
    let last = { acceptanceRate: 0, isDivergent: false };
    return {
      width: 1,
      startWarmup: (rng, numWarmup) => {
        state ??= algo.init(rng, init);
        const s = state;
        return countedWarmup(numWarmup, () => {
          const { info } = algo.step(rng, s);
          return { acceptProb: info.acceptanceRate, divergences: info.isDivergent ? 1 : 0, stepSize: NaN };
        });
      },
      step: (rng) => {
        state ??= algo.init(rng, init);
        const { info } = algo.step(rng, state);
        last = info;
        return { acceptProb: info.acceptanceRate, divergences: info.isDivergent ? 1 : 0, stepSize: NaN };
      },
      position: () => state!.position,
      writeFields: (_w, out, k) => {
        out.acceptProb[k] = last.acceptanceRate;
        out.diverging[k] = last.isDivergent ? 1 : 0;
      },
      snapshot: () => copy(state!),
    };
  }
}

function copy(s: SAState): SAState {
  return { zs: s.zs.slice(), logdensities: s.logdensities.slice(), position: s.position.slice(), logdensity: s.logdensity };
}
