/**
 * Device cases for the regularized incomplete gamma functions (igamma, igammac), their derivative in a (igamma_grad_a) and the implicit gamma-sampler gradient (random_gamma_grad) (see device-cases.ts).
 */
import { special } from "../../src/index.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** The cases. */
export const IGAMMA_CASES: DeviceCase[] = [
  { name: "gammainc and gammaincc", f: (a, x) => [special.gammainc(a, x), special.gammaincc(a, x)], inputs: () => [f32([2, 5], 60, 0.1, 8), f32([2, 5], 61, 0, 10)], tol: { rtol: 1e-4, atol: 1e-6 } },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const IGAMMA_ON_DEVICE: string[] = [];
