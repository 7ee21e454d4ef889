/**
 * Scalar helpers that elementwise expression templates may call as `lib.<name>(…)`.
 * Generated CPU kernels (eager and, later, jit-fused loops) receive this object.
 */

/** Round half to even (NumPy's rint). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** x ** n for integer n by repeated squaring, in floats. */
export function powInt(v: number, n: number): number {
  if (n === 0) return 1;
  let base = n < 0 ? 1 / v : v;
  let e = Math.abs(n);
  let r = 1;
  while (e > 0) {
    if (e & 1) r *= base;
    base *= base;
    e >>>= 1;
  }
  return r;
}

/** a ** b on int32 (wrapping; negative exponents give 0 unless |a| = 1). */
export function ipow(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  let r = 1;
  let base = a;
  let e = b;
  while (e > 0) {
    if (e & 1) r = Math.imul(r, base);
    base = Math.imul(base, base);
    e >>>= 1;
  }
  return r;
}

/** x ** y with C's special cases (1 ** NaN = 1, (−1) ** ±∞ = 1), which Math.pow lacks. */
export function powC(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

// ln 10 and ln 2 as double-double (hi + lo), hi split in 26-bit halves for exact products.
const LN10_HI = 2.302585092994046;
const LN10_LO = -2.1707562233822494e-16;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

/**
 * exp(f·(hi + lo)) for |f·hi| ≲ 1.2: the product in double-double (Dekker), its low part
 * carried as exp(p + e) ≈ exp(p)(1 + e). About 1 ulp.
 */
function expScaled(f: number, hi: number, lo: number): number {
  const p = f * hi;
  const cf = SPLIT * f;
  const fh = cf - (cf - f);
  const fl = f - fh;
  const ch = SPLIT * hi;
  const hh = ch - (ch - hi);
  const hl = hi - hh;
  const e = fh * hh - p + fh * hl + fl * hh + fl * hl + f * lo;
  const r = Math.exp(p);
  return r + r * e;
}

const POW10 = Float64Array.from({ length: 2 * 308 + 1 }, (_, i) => Math.pow(10, i - 308));
const POW2 = Float64Array.from({ length: 2 * 1022 + 1 }, (_, i) => Math.pow(2, i - 1022));

/**
 * 10^y: 10^n exactly (a table of powers of ten) times 10^f for the rest |f| ≤ ½, by exp with
 * the product y·ln 10 carried in double-double — about 1 ulp, exact for integer y, and ~3×
 * faster than Math.pow(10, y).
 */
export function exp10(y: number): number {
  const n = Math.round(y);
  if (!(n >= -308 && n <= 308)) return Math.pow(10, y);
  const f = y - n;
  return f === 0 ? POW10[n + 308] : POW10[n + 308] * expScaled(f, LN10_HI, LN10_LO);
}

/** 2^y, as {@link exp10}: 2^n exactly times 2^f by exp with y·ln 2 in double-double. */
export function exp2(y: number): number {
  const n = Math.round(y);
  if (!(n >= -1022 && n <= 1022)) return Math.pow(2, y);
  const f = y - n;
  return f === 0 ? POW2[n + 1022] : POW2[n + 1022] * expScaled(f, LN2_HI, LN2_LO);
}

/** The logistic function, stable for large |v|. */
export function logistic(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/** The object generated kernels see as `lib`. */
export const scalarLib: Record<string, (...args: number[]) => number> = { roundHalfEven, powInt, ipow, logistic, powC, exp10, exp2 };

/** Register more helpers (e.g. special functions) for expression templates. */
export function registerScalarLib(fns: Record<string, (...args: number[]) => number>): void {
  Object.assign(scalarLib, fns);
}
