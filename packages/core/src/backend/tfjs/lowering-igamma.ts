/**
 * Lowering rules for the regularized incomplete gamma functions (igamma, igammac), their derivative in a (igamma_grad_a) and the implicit gamma-sampler gradient (random_gamma_grad) on tfjs devices, as compositions of tfjs ops.
 */
import { type LoweringRule } from "./lowering.js";

/** The rules of this family, keyed by primitive name. */
export const igammaLowerings: Readonly<Record<string, LoweringRule>> = {};
