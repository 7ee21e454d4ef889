/**
 * A million jitted calls on `wasm` and on `tfjs-cpu` keep tf.memory().numTensors constant
 * (the default suite runs 10,000).
 */
import { expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@orrery/backend-tfjs-cpu";
import { type Array, devicePut, grad, jit, np } from "@orrery/core";
import { ready } from "../src/index.js";

await ready();

for (const device of ["wasm", "tfjs-cpu"]) {
  it(`${device}: 1,000,000 jitted calls (value and gradient) keep numTensors constant`, async () => {
    const f = jit((x: Array, y: Array) => {
      const loss = (v: Array) => np.sum(np.tanh(v.mul(y)).add(np.exp(v.mul(0.1))));
      return [loss(x), grad(loss)(x)];
    });
    const x = devicePut(np.linspace(-1, 1, 8, { dtype: "float32" }), device);
    const y = devicePut(np.linspace(0, 2, 8, { dtype: "float32" }), device);
    for (const o of f(x, y)) o.dispose();
    const n0 = tf.memory().numTensors;
    const bytes0 = tf.memory().numBytes;
    for (let i = 0; i < 1_000_000; i++) {
      const [v, g] = f(x, y);
      if (i % 250_000 === 0) expect(Number.isFinite(v.item())).toBe(true);
      // Let the test runner's messages through now and then (the loop is synchronous).
      if (i % 20_000 === 0) await new Promise((r) => setImmediate(r));
      v.dispose();
      g.dispose();
    }
    expect(tf.memory().numTensors).toBe(n0);
    expect(tf.memory().numBytes).toBe(bytes0);
  });
}
