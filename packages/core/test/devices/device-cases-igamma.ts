/**
 * Device cases for the regularized incomplete gamma functions (igamma, igammac), their derivative in a (igamma_grad_a) and the implicit gamma-sampler gradient (random_gamma_grad) (see device-cases.ts).
 */
import { type DeviceCase } from "./device-cases.js";

/** The cases. */
export const IGAMMA_CASES: DeviceCase[] = [];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const IGAMMA_ON_DEVICE: string[] = [];
