/**
 * Device cases for the regularized incomplete beta function and its inverse (betainc, betaincinv) and polygamma (see device-cases.ts).
 */
import { type DeviceCase } from "./device-cases.js";

/** The cases. */
export const BETA_CASES: DeviceCase[] = [];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const BETA_ON_DEVICE: string[] = [];
