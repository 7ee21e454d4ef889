/**
 * Lowering rules for the regularized incomplete beta function and its inverse (betainc, betaincinv) and polygamma on tfjs devices, as compositions of tfjs ops.
 */
import { type LoweringRule } from "./lowering.js";

/** The rules of this family, keyed by primitive name. */
export const betaLowerings: Readonly<Record<string, LoweringRule>> = {};
