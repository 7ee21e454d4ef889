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

/** The logistic function, stable for large |v|. */
export function logistic(v: number): number {
  return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
}

/** The object generated kernels see as `lib`. */
export const scalarLib: Record<string, (...args: number[]) => number> = { roundHalfEven, powInt, ipow, logistic, powC };

/** Register more helpers (e.g. special functions) for expression templates. */
export function registerScalarLib(fns: Record<string, (...args: number[]) => number>): void {
  Object.assign(scalarLib, fns);
}
