/**
 * Device cases for the regularized incomplete beta function and its inverse (betainc, betaincinv) and polygamma (see device-cases.ts).
 */
import { special } from "../../src/index.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** The cases. */
export const BETA_CASES: DeviceCase[] = [
  { name: "betainc and polygamma", f: (a, b, x) => [special.betainc(a, b, x), special.polygamma(1, a)], inputs: () => [f32([2, 5], 62, 0.2, 6), f32([2, 5], 63, 0.2, 6), f32([2, 5], 64, 0, 1)], tol: { rtol: 1e-4, atol: 1e-6 } },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const BETA_ON_DEVICE: string[] = [];
