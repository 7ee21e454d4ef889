/**
 * Warmup gives the event loop a turn between time slices, as sampling does: timers fire while
 * a chain warms up, between its warmup progress events, and before sampling starts.
 */
import { describe, expect, test } from "vitest";
import { type Array, np, random } from "@orrery/core";
import { Normal } from "@orrery/distributions";
import { plate, sample } from "@orrery/ppl";
import { BarkerMH, MCMC, type ModelKernel, NUTS, type ProgressEvent, SA } from "../src/index.js";

// A regression on enough points that a warmup takes well over one ~50 ms slice.
const N = 20_000;
const x = np.linspace(-1, 1, N);
const y = x.mul(1.5).add(np.sin(x.mul(37)).mul(0.3)).sub(0.2);
function big(xs: Array, ys: Array): void {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  plate("data", xs.shape[0], () => sample("y", new Normal(m.mul(xs).add(b), 0.3), { obs: ys }));
}

type Mark = { kind: "event"; phase: ProgressEvent["phase"]; chain: number; iteration: number } | { kind: "timer" | "immediate" };

async function marks(kernel: ModelKernel, numWarmup: number, numChains = 1): Promise<Mark[]> {
  const out: Mark[] = [];
  const mcmc = new MCMC(kernel, {
    numWarmup,
    numSamples: 20,
    numChains,
    progressBar: false,
    onProgress: (e) => out.push({ kind: "event", phase: e.phase, chain: e.chain, iteration: e.iteration }),
  });
  // Timers that keep re-arming themselves while the run is in progress.
  let running = true;
  const tick = () => {
    if (!running) return;
    out.push({ kind: "timer" });
    setTimeout(tick, 1);
  };
  const immediate = () => {
    if (!running) return;
    out.push({ kind: "immediate" });
    setTimeout(() => setImmediate(immediate), 5);
  };
  setTimeout(tick, 0);
  setImmediate(immediate);
  await mcmc.run(random.key(0), x, y);
  running = false;
  return out;
}

/** Indices of timer/immediate marks that came strictly between two warmup events of chain `c`. */
function firedDuringWarmup(ms: Mark[], kind: "timer" | "immediate", c = 0): number {
  const warm = ms.flatMap((m, i) => (m.kind === "event" && m.phase === "warmup" && m.chain === c ? [i] : []));
  const first = warm[0];
  const last = warm[warm.length - 1];
  return ms.filter((m, i) => m.kind === kind && i > first && i < last).length;
}

describe("warmup yields to the event loop", () => {
  test("NUTS: setTimeout and setImmediate fire between warmup events, before sampling starts", async () => {
    const ms = await marks(new NUTS(big), 1000);
    const events = ms.filter((m) => m.kind === "event");
    // Every warmup iteration is reported, in order, before the first sampling event.
    const warm = events.filter((e) => e.phase === "warmup");
    expect(warm.map((e) => e.iteration)).toEqual(globalThis.Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(events.findIndex((e) => e.phase === "sample")).toBe(1000);
    expect(firedDuringWarmup(ms, "timer")).toBeGreaterThan(0);
    expect(firedDuringWarmup(ms, "immediate")).toBeGreaterThan(0);
  });

  test("two chains: each chain's warmup is interleaved with timers; BarkerMH and SA too", async () => {
    const ms = await marks(new NUTS(big), 1000, 2);
    expect(firedDuringWarmup(ms, "timer", 0)).toBeGreaterThan(0);
    expect(firedDuringWarmup(ms, "timer", 1)).toBeGreaterThan(0);
    expect(firedDuringWarmup(await marks(new BarkerMH(big), 6000), "timer")).toBeGreaterThan(0);
    expect(firedDuringWarmup(await marks(new SA(big), 8000), "timer")).toBeGreaterThan(0);
  });

  test("an abort during warmup stops it at once", async () => {
    const ctrl = new AbortController();
    let last = 0;
    const mcmc = new MCMC(new NUTS(big), {
      numWarmup: 100_000,
      numSamples: 10,
      progressBar: false,
      signal: ctrl.signal,
      onProgress: (e) => (last = e.iteration),
    });
    // Only a timer can abort it: the run must yield during warmup for this to fire.
    setTimeout(() => ctrl.abort(), 30);
    await expect(mcmc.run(random.key(0), x, y)).rejects.toThrow(/aborted during warmup/);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(100_000);
  });
});
