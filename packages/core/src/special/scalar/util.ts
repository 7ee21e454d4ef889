// Small numerical helpers shared by the scalar special functions (not exported from index.ts).

/** Machine epsilon of float64. */
export const EPS = 2.220446049250313e-16;
/** log(2 pi) / 2 */
export const HALF_LOG_2PI = 0.9189385332046728;
/** log(pi) */
export const LOG_PI = 1.1447298858494002;
/** sqrt(2 pi) */
export const SQRT_2PI = 2.5066282746310002;
/** sqrt(pi) */
export const SQRT_PI = 1.7724538509055159;
/** 2 / sqrt(pi) */
export const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** Euler–Mascheroni constant */
export const EULER_GAMMA = 0.5772156649015329;
/** log(2) */
export const LN2 = 0.6931471805599453;

/** Evaluate sum_j c[j] T_j(t) by Clenshaw's recurrence (c[0] taken as is). */
export function chebyshev(c: readonly number[], t: number): number {
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  const t2 = 2 * t;
  for (let j = c.length - 1; j >= 1; j--) {
    b2 = b1;
    b1 = b0;
    b0 = t2 * b1 - b2 + c[j];
  }
  return t * b0 - b1 + c[0];
}

/** Horner evaluation of sum_k c[k] x^k. */
export function horner(c: readonly number[], x: number): number {
  let s = 0;
  for (let k = c.length - 1; k >= 0; k--) s = s * x + c[k];
  return s;
}

/** Reduce x to r in (-1, 1] with x = r (mod 2), exactly. */
function mod2(x: number): number {
  let r = x % 2; // exact
  if (r <= -1) r += 2;
  else if (r > 1) r -= 2;
  return r;
}

/** sin(pi x) with exact argument reduction. */
export function sinpi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  let r = mod2(x);
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  if (r === 0) return 0;
  return Math.sin(Math.PI * r);
}

/** cos(pi x) with exact argument reduction. */
export function cospi(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const r = Math.abs(mod2(x)); // [0, 1]
  if (r === 0.5) return 0;
  if (r < 0.25) return Math.cos(Math.PI * r);
  if (r < 0.75) return Math.sin(Math.PI * (0.5 - r));
  return -Math.cos(Math.PI * (1 - r));
}

/**
 * log(1 + t) - t, accurate for all t > -1 (no cancellation for small |t|).
 * For t in [-0.5, 1] uses log(1+t) = 2 atanh(u), u = t/(2+t):  log1pmx = -t u + 2 (u^3/3 + u^5/5 + ...).
 */
export function log1pmx(t: number): number {
  if (t < -0.5 || t > 1) return Math.log1p(t) - t;
  const u = t / (2 + t);
  const u2 = u * u;
  // 2 sum_{k>=1} u^(2k+1)/(2k+1), |u| <= 1/3
  let term = u * u2;
  let s = 0;
  for (let k = 1; k < 40; k++) {
    const add = term / (2 * k + 1);
    s += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(s)) break;
    term *= u2;
  }
  return -t * u + 2 * s;
}

/**
 * exp(-x^2) without the error amplification of rounding x^2: x = m + f with m a multiple of
 * 1/128 (so m^2 is exact), exp(-x^2) = exp(-m^2) exp(-(2 m f + f^2)).
 */
export function expNegSq(x: number): number {
  x = Math.abs(x);
  if (!(x < 27.5)) return x === x ? 0 : NaN;
  const m = Math.round(x * 128) / 128;
  const f = x - m;
  const u = m * m;
  const u1 = 2 * m * f + f * f;
  return Math.exp(-u) * Math.exp(-u1);
}

/** exp(x^2), split as expNegSq. */
export function expPosSq(x: number): number {
  x = Math.abs(x);
  if (!(x < 26.7)) return x === x ? Infinity : NaN;
  const m = Math.round(x * 128) / 128;
  const f = x - m;
  const u = m * m;
  const u1 = 2 * m * f + f * f;
  return Math.exp(u) * Math.exp(u1);
}

/** exp(-x^2 / 2), split as expNegSq. */
export function expNegHalfSq(x: number): number {
  x = Math.abs(x);
  if (!(x < 38.7)) return x === x ? 0 : NaN;
  const m = Math.round(x * 128) / 128;
  const f = x - m;
  const u = 0.5 * (m * m); // exact
  const u1 = m * f + 0.5 * (f * f);
  return Math.exp(-u) * Math.exp(-u1);
}

/** Is x a non-positive integer (a pole of Gamma)? */
export function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Math.floor(x) === x;
}
