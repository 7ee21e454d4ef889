// Shared fixture loading and the mixed relative/absolute error check for the special-function tests.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "special");

export interface Fixture {
  function: string;
  argNames: string[];
  args: number[][];
  scipy: number[];
  exact: number[];
}

function decode(v: number | string): number {
  if (typeof v === "number") return v;
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  throw new Error(`bad fixture value ${v}`);
}

/** Load packages/core/test/fixtures/special/<name>.json (non-finite values are strings). */
export function loadFixture(name: string): Fixture {
  const raw = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), "utf8"));
  return {
    function: raw.function,
    argNames: raw.argNames,
    args: raw.args.map((a: (number | string)[]) => a.map(decode)),
    scipy: raw.scipy.map(decode),
    exact: raw.exact.map(decode),
  };
}

/** Tolerance: |got - want| <= rtol |want| + atol. */
export interface Tol {
  rtol: number;
  atol?: number;
}

export const DEFAULT_TOL: Tol = { rtol: 1e-13, atol: 1e-300 };

/**
 * Error of `got` against `want` in units of the tolerance (<= 1 passes). Non-finite references
 * must be matched exactly (NaN by NaN, ±Infinity by the same infinity).
 */
export function tolErr(got: number, want: number, tol: Tol): number {
  if (Number.isNaN(want)) return Number.isNaN(got) ? 0 : Infinity;
  if (!Number.isFinite(want)) return got === want ? 0 : Infinity;
  if (!Number.isFinite(got)) return Infinity;
  const d = Math.abs(got - want);
  if (d === 0) return 0;
  return d / (tol.rtol * Math.abs(want) + (tol.atol ?? 0));
}

/** Plain relative error |got - want| / |want| (finite nonzero want), for reporting. */
export function relErr(got: number, want: number): number {
  if (!Number.isFinite(want) || want === 0) return got === want || (Number.isNaN(got) && Number.isNaN(want)) ? 0 : Math.abs(got - want);
  return Math.abs(got - want) / Math.abs(want);
}

export interface Report {
  name: string;
  n: number;
  /** failures against the true (mpmath) value */
  failures: string[];
  /** points where we disagree with SciPy beyond tolerance and are not closer to the true value */
  scipyFailures: string[];
  /** points where SciPy is off the true value beyond tolerance (and we are closer) */
  scipyOff: number;
  worstRel: number;
  worstRelArgs: number[];
  worstRelScipy: number;
  worstScipyArgs: number[];
  worstScipySelf: number;
}

export interface CheckOptions {
  /** per-point tolerance override (documented at the call site) */
  tolFor?: (args: number[]) => Tol | undefined;
  /** skip points (documented at the call site) */
  skip?: (args: number[]) => boolean;
  /** compare with SciPy too (default true) */
  scipy?: boolean;
}

function fmt(args: number[]): string {
  return `(${args.map((a) => String(a)).join(", ")})`;
}

/** Evaluate fn over a fixture and compare with the true value and with SciPy. */
export function check(fn: (...args: number[]) => number, fx: Fixture, tol: Tol = DEFAULT_TOL, opts: CheckOptions = {}): Report {
  const rep: Report = {
    name: fx.function,
    n: 0,
    failures: [],
    scipyFailures: [],
    scipyOff: 0,
    worstRel: 0,
    worstRelArgs: [],
    worstRelScipy: 0,
    worstScipyArgs: [],
    worstScipySelf: 0,
  };
  for (let i = 0; i < fx.args.length; i++) {
    const args = fx.args[i];
    if (opts.skip?.(args)) continue;
    rep.n++;
    const t = opts.tolFor?.(args) ?? tol;
    const got = fn(...args);
    const ex = fx.exact[i];
    const sp = fx.scipy[i];
    const eErr = tolErr(got, ex, t);
    if (!(eErr <= 1)) rep.failures.push(`${fmt(args)}: got ${got}, exact ${ex}, rel ${relErr(got, ex).toExponential(2)}`);
    const r = relErr(got, ex);
    if (Number.isFinite(ex) && Math.abs(ex) > (t.atol ?? 0) / t.rtol && r > rep.worstRel) {
      rep.worstRel = r;
      rep.worstRelArgs = args;
    }
    if (opts.scipy === false || Number.isNaN(sp) && !Number.isNaN(ex)) continue;
    const sErr = tolErr(got, sp, t);
    if (!(sErr <= 1)) {
      const spSelf = tolErr(sp, ex, t);
      if (spSelf > 0.5 && eErr <= spSelf) rep.scipyOff++;
      else rep.scipyFailures.push(`${fmt(args)}: got ${got}, scipy ${sp}, exact ${ex}`);
      rep.worstScipySelf = Math.max(rep.worstScipySelf, relErr(sp, ex));
    } else {
      const rs = relErr(got, sp);
      if (Number.isFinite(sp) && Math.abs(sp) > (t.atol ?? 0) / t.rtol && rs > rep.worstRelScipy) {
        rep.worstRelScipy = rs;
        rep.worstScipyArgs = args;
      }
    }
  }
  return rep;
}

/** One-line summary for the test log. */
export function summary(r: Report): string {
  return (
    `${r.name}: ${r.n} pts, max rel err vs exact ${r.worstRel.toExponential(2)} at ${fmt(r.worstRelArgs)}` +
    `, vs SciPy ${r.worstRelScipy.toExponential(2)} at ${fmt(r.worstScipyArgs)}` +
    (r.scipyOff ? `, SciPy itself off at ${r.scipyOff} pts (worst rel ${r.worstScipySelf.toExponential(2)})` : "")
  );
}

/** Central finite difference with step h. */
export function centralDiff(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** Five-point (O(h^4)) finite difference. */
export function fivePointDiff(f: (x: number) => number, x: number, h: number): number {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}
