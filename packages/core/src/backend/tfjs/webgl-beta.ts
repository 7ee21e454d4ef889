/**
 * GLSL kernels of betainc, betaincinv and polygamma (the algorithms of lowering-beta.ts, lowering-polygamma.ts).
 */
import { type LoweringRule } from "./lowering.js";

/** The GLSL kernels of this family, keyed by primitive name. */
export const betaGlslKernels: Readonly<Record<string, LoweringRule>> = {};
