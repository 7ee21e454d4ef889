/**
 * Runs a test per draw set of scripts/make-fixtures.R against R's posterior, to 1e-10
 * relative (NaN where posterior gives NA). Raw-scale statistics of the ill-conditioned
 * "large_scale" set (1e6 ± 1e-3): R rounds its chain means differently, so they agree with R
 * only to ~1e-6 there, and are checked against exact rational arithmetic (make-fixtures.py)
 * to 1e-9 instead (numpyro.test.ts).
 */
import { test } from "vitest";
import { caseMatrix, caseNames, expectClose as close, posterior, type FixtureNumber } from "./helpers.js";

const LOOSE = new Set(["rhat_basic", "rhat_basic(split=FALSE)", "ess_basic", "ess_basic(split=FALSE)", "ess_mean", "mcse_mean"]);

/** One test per posterior fixture case, with a comparison that knows the case's tolerance. */
export function forEachPosteriorCase(
  body: (
    x: ReturnType<typeof caseMatrix>,
    r: Record<string, FixtureNumber>,
    rv: Record<string, FixtureNumber[]>,
    expectClose: (a: number, e: FixtureNumber, what: string) => void,
  ) => void,
): void {
  for (const name of caseNames) {
    const c = posterior.cases[name];
    const expectClose = (a: number, e: FixtureNumber, what: string) => close(a, e, what, name === "large_scale" && LOOSE.has(what) ? 1e-6 : 1e-10);
    test(name, () => body(caseMatrix(c), c.results as Record<string, FixtureNumber>, c.results as Record<string, FixtureNumber[]>, expectClose));
  }
}
