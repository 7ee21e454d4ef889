/**
 * Lowering rules for dense linear algebra (cholesky, triangular_solve, lu) on tfjs devices, as compositions of tfjs ops.
 */
import { type LoweringRule } from "./lowering.js";

/** The rules of this family, keyed by primitive name. */
export const linalgLowerings: Readonly<Record<string, LoweringRule>> = {};
