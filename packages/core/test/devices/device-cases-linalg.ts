/**
 * Device cases for dense linear algebra (cholesky, triangular_solve, lu) (see device-cases.ts).
 */
import { type DeviceCase } from "./device-cases.js";

/** The cases. */
export const LINALG_CASES: DeviceCase[] = [];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const LINALG_ON_DEVICE: string[] = [];
