/**
 * The contenders, each as `run(inputs, fn)`: build the function once, then time its first call
 * and STEADY more on the full batch of N_BETA temperatures. Each runs in its own process
 * (see main.ts), so one contender's memory and JIT state cannot disturb another's.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { type Inputs, N_BETA, timeCalls } from "./common.js";
import { handColour, handDColour } from "./hand.js";

export interface Measured {
  firstMs: number;
  steadyAllMs: number[];
  out: Float64Array | Float32Array;
  reportedCompileMs?: number;
  notes: string[];
}

export interface Contender {
  /** Row label in the table. */
  label: string;
  dtype: "float64" | "float32";
  run(x: Inputs, fn: "f" | "df"): Promise<Measured>;
}

/** Hand-written float64 loops (hand.ts): the limit and the reference. */
const hand: Contender = {
  label: "hand-written JS loops",
  dtype: "float64",
  async run(x, fn) {
    const kernel = fn === "f" ? handColour : handDColour;
    const out = new Float64Array(N_BETA);
    const t = await timeCalls(() => {
      kernel(x.betas, x.lam, x.g, x.r, out);
      return out;
    });
    return { ...t, notes: ["df is the analytic derivative; one exp per (β, λ)"] };
  },
};

/** Orrery: jit(vmap(colour)) and jit(vmap(grad(colour))) on the cpu device, float64, whole batch in one call. */
const orrery: Contender = {
  label: "Orrery jit(vmap) cpu",
  dtype: "float64",
  async run(x, fn) {
    const { jit, vmap, grad, np, ConcreteArray } = await import("@orrery/core");
    const { colourFn } = await import("../../examples/blackbody/src/blackbody.js");
    const colour = colourFn({ lam: np.array(x.lam), gFilter: np.array(x.g), rFilter: np.array(x.r) });
    const betas = np.array(x.betas);
    const jitted = fn === "f" ? jit(vmap(colour)) : jit(vmap(grad(colour)));
    const t = await timeCalls(() => {
      const y = jitted(betas);
      if (!(y instanceof ConcreteArray) || !(y.data instanceof Float64Array)) throw new Error(`Orrery ${fn}: expected a float64 ConcreteArray`);
      return y.data;
    });
    const info = jitted.cacheInfo();
    const notes = [`jit cache: ${info.misses} miss(es), ${info.hits} hit(s), trace+compile ${info.compileMs.toFixed(1)} ms`];
    return { ...t, reportedCompileMs: info.compileMs, notes };
  },
};

/**
 * Orrery on the tfjs `wasm` device (@orrery/backend-wasm), float32: the same jit(vmap(colour))
 * and jit(vmap(grad(colour))) as the cpu contender, run by the tfjs executor in chunks of
 * BENCH_TF_CHUNK rows (tfjs-wasm crashed on one 100k × 1000 chain, PEERS.md).
 */
const orreryWasm: Contender = {
  label: "Orrery jit(vmap) wasm (f32)",
  dtype: "float32",
  async run(x, fn) {
    const { jit, vmap, grad, np, devicePut, tfjsFallbackCounts } = await import("@orrery/core");
    const { ready } = await import("@orrery/backend-wasm");
    await ready();
    const { colourFn } = await import("../../examples/blackbody/src/blackbody.js");
    const put = (a: Float64Array) => devicePut(np.array(Float32Array.from(a)), "wasm");
    const colour = colourFn({ lam: put(x.lam), gFilter: put(x.g), rFilter: put(x.r) });
    const jitted = fn === "f" ? jit(vmap(colour)) : jit(vmap(grad(colour)));
    const betas = Float32Array.from(x.betas);
    const chunk = Number(process.env.BENCH_TF_CHUNK ?? 10_000);
    const t = await timeCalls(() => {
      const out = new Float32Array(N_BETA);
      for (let s = 0; s < N_BETA; s += chunk) {
        const b = devicePut(np.array(betas.subarray(s, Math.min(N_BETA, s + chunk))), "wasm");
        const y = jitted(b);
        out.set(y.toTypedArray() as Float32Array, s);
        y.dispose();
        b.dispose();
      }
      return out;
    });
    const info = jitted.cacheInfo();
    const used = [...tfjsFallbackCounts().keys()];
    const notes = [
      `tfjs-backend-wasm 4.22 via @orrery/backend-wasm, single-threaded in Node; rows in chunks of ${chunk}`,
      `jit cache: ${info.misses} miss(es), ${info.hits} hit(s), trace ${info.compileMs.toFixed(1)} ms`,
      used.length > 0 ? `primitives run on the CPU (fallback): ${used.join(", ")}` : "every primitive ran as tfjs kernels (no CPU fallback)",
    ];
    return { ...t, reportedCompileMs: info.compileMs, notes };
  },
};

/** tfjs 4.22 with the wasm backend, float32, [B, 1000] tensors in chunks of 10k rows, tf.grad of the sum. */
const TF_CHUNK = Number(process.env.BENCH_TF_CHUNK ?? 10_000);
const tfjsWasm: Contender = {
  label: "tfjs-wasm (f32)",
  dtype: "float32",
  async run(x, fn) {
    const tf = await import("@tensorflow/tfjs");
    const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + "/");
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: the wasm backend did not start");
    await tf.ready();
    const lam = tf.tensor2d(Float32Array.from(x.lam), [1, x.lam.length]);
    const g = tf.tensor2d(Float32Array.from(x.g), [1, x.g.length]);
    const r = tf.tensor2d(Float32Array.from(x.r), [1, x.r.length]);
    const colour = (beta: import("@tensorflow/tfjs").Tensor) => {
      const bb = tf.pow(lam, -2).mul(tf.reciprocal(tf.exp(tf.reciprocal(lam.mul(beta.reshape([-1, 1])))).sub(1)));
      return tf.log(tf.sum(g.mul(bb), 1).div(tf.sum(r.mul(bb), 1))).div(Math.LN10);
    };
    // Each colour depends only on its own β, so the gradient of the sum is the vector of derivatives.
    const dColour = tf.grad((b: import("@tensorflow/tfjs").Tensor) => tf.sum(colour(b)));
    const kernel = fn === "f" ? colour : dColour;
    const betas = Float32Array.from(x.betas);
    const t = await timeCalls(() => {
      const out = new Float32Array(N_BETA);
      for (let s = 0; s < N_BETA; s += TF_CHUNK) {
        const y = tf.tidy(() => kernel(tf.tensor1d(betas.subarray(s, Math.min(N_BETA, s + TF_CHUNK)))));
        out.set(y.dataSync() as Float32Array, s);
        y.dispose();
      }
      return out;
    });
    return { ...t, notes: [`backend ${tf.getBackend()}, single-threaded in Node; rows in chunks of ${TF_CHUNK} (one 100k × 1000 chain crashed it, PEERS.md)`] };
  },
};

/** @jax-js/jax on its wasm device: jit(vmap(colour)) and jit(vmap(grad(colour))), whole batch in one call. */
function jaxjs(dtypeName: "float32" | "float64"): Contender {
  return {
    label: `jax-js wasm jit(vmap) (${dtypeName === "float32" ? "f32" : "f64"})`,
    dtype: dtypeName,
    async run(x, fn) {
      (globalThis as { Float16Array?: unknown }).Float16Array ??= class Float16Array {};
      const jax = await import("@jax-js/jax");
      const np = jax.numpy;
      await jax.init("wasm");
      jax.defaultDevice("wasm");
      type A = InstanceType<typeof np.Array>;
      const dtype = dtypeName === "float32" ? np.float32 : np.float64;
      const T = dtypeName === "float32" ? Float32Array : Float64Array;
      const lam = np.array(T.from(x.lam), { dtype });
      const g = np.array(T.from(x.g), { dtype });
      const r = np.array(T.from(x.r), { dtype });
      const betas = np.array(T.from(x.betas), { dtype });
      // jax-js ops consume their arguments: every second use of an array goes through .ref.
      const colour = (beta: A, lam: A, g: A, r: A): A => {
        const bb = np.power(lam.ref, -2).mul(np.reciprocal(np.exp(np.reciprocal(lam.mul(beta))).sub(1)));
        return np.log10(np.sum(g.mul(bb.ref)).div(np.sum(r.mul(bb))));
      };
      const inAxes = [0, null, null, null];
      const jitted = fn === "f" ? jax.jit(jax.vmap(colour, inAxes)) : jax.jit(jax.vmap(jax.grad(colour), inAxes));
      const t = await timeCalls(async () => {
        const y = (jitted as unknown as (...a: A[]) => A)(betas.ref, lam.ref, g.ref, r.ref);
        const d = (await y.data()) as Float32Array | Float64Array;
        return d;
      });
      const notes = ["init('wasm'); lazy arrays, so each call includes `await y.data()`"];
      if (dtypeName === "float64") notes.push("float64 on wasm computes exp/log at float32 range (PEERS.md)");
      return { ...t, notes };
    },
  };
}

export const CONTENDERS: Record<string, Contender> = {
  hand,
  orrery,
  "orrery-wasm": orreryWasm,
  "tfjs-wasm": tfjsWasm,
  "jaxjs-f32": jaxjs("float32"),
  "jaxjs-f64": jaxjs("float64"),
};
