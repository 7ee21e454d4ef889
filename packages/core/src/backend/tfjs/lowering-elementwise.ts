/**
 * Lowering rules for elementwise primitives that tfjs has no single op for, as compositions
 * of tfjs ops.
 */
import { type LoweringRule } from "./lowering.js";

/** The elementwise composition rules, keyed by primitive name (merged into `tfjsLowerings`). */
export const elementwiseLowerings: Readonly<Record<string, LoweringRule>> = {};
