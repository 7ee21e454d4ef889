/**
 * Progress reporting for MCMC runs: a live line per chain in a terminal, or a callback.
 */

/** What a progress callback receives. */
export interface ProgressEvent {
  chain: number;
  phase: "warmup" | "sample";
  /** Iterations done in this phase. */
  iteration: number;
  /** Iterations in this phase. */
  total: number;
  /** The step size (ESS: the scale μ; NaN for kernels without one: SA, AIES). */
  stepSize: number;
  /** Mean acceptance statistic so far in this phase. */
  meanAcceptProb: number;
  /** Divergent transitions so far in this phase. */
  divergences: number;
}

/**
 * A progress sink: write a terminal line (throttled) and/or call the user's callback.
 *
 * @example
 * ```ts
 * const report = progressReporter(true, (e) => console.log(e.iteration));
 * report({ chain: 0, phase: "sample", iteration: 1, total: 10, stepSize: 0.5, meanAcceptProb: 0.9, divergences: 0 });
 * ```
 */
export function progressReporter(enabled: boolean, callback?: (e: ProgressEvent) => void): (e: ProgressEvent, force?: boolean) => void {
  const tty = enabled && typeof process !== "undefined" && process.stderr?.isTTY === true && !process.env.CI;
  let last = 0;
  return (e, force = false) => {
    callback?.(e);
    if (!tty) return;
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const pct = Math.floor((100 * e.iteration) / Math.max(1, e.total));
    const bar = "█".repeat(Math.floor(pct / 5)).padEnd(20, "░");
    const line =
      `chain ${e.chain} ${e.phase.padEnd(6)} ${bar} ${String(pct).padStart(3)}% ${e.iteration}/${e.total} ` +
      `${Number.isFinite(e.stepSize) ? `step ${e.stepSize.toPrecision(3)} ` : ""}acc ${e.meanAcceptProb.toFixed(2)} div ${e.divergences}`;
    process.stderr.write(`\r${line}\x1b[K${force && e.iteration === e.total && e.phase === "sample" ? "\n" : ""}`);
  };
}

/**
 * The progress sink for a run's options, or null when nobody listens (then no event is built
 * per transition).
 *
 * @example
 * ```ts
 * const report = makeReporter({ progressBar: false }); // null: nothing to report to
 * ```
 */
export function makeReporter(options: { progressBar?: boolean; onProgress?: (e: ProgressEvent) => void }): ((e: ProgressEvent, force?: boolean) => void) | null {
  const tty = (options.progressBar ?? true) && typeof process !== "undefined" && process.stderr?.isTTY === true && !process.env.CI;
  if (!tty && options.onProgress === undefined) return null;
  return progressReporter(tty, options.onProgress);
}
