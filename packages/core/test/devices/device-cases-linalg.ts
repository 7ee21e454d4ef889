/**
 * Device cases for dense linear algebra (cholesky, triangular_solve, lu) (see device-cases.ts).
 */
import { np } from "../../src/index.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** The cases. */
export const LINALG_CASES: DeviceCase[] = [
  { name: "cholesky and solve", f: (a) => { const s = a.matmul(np.transpose(a)).add(np.eye(3, undefined, 0, "float32").mul(3)); return [np.linalg.cholesky(s), np.linalg.solve(s, np.ones([3], "float32"))]; }, inputs: () => [f32([3, 3], 27)], tol: { rtol: 1e-4, atol: 1e-5 } },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const LINALG_ON_DEVICE: string[] = [];
