/**
 * Lowering rules for special functions on tfjs devices, as compositions of tfjs ops with
 * float32-accurate approximations.
 */
import { type LoweringRule } from "./lowering.js";

/** The special-function rules, keyed by primitive name (merged into `tfjsLowerings`). */
export const specialLowerings: Readonly<Record<string, LoweringRule>> = {};
