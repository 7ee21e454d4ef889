/**
 * exp, 2^x and 10^x for generated CPU kernels (eager and jit use the same functions, so their
 * results agree bit for bit).
 *
 * `exp` is table-driven: x = (64n + j)·ln2/64 + r with |r| ≤ ln2/128, exp(x) = 2^n · 2^(j/64) ·
 * exp(r), the 64 values 2^(j/64) held as double-double (hi + lo) and exp(r) − 1 a degree-6
 * Taylor polynomial. Within about 0.51 ulp of the true value (V8's `Math.exp` is within about
 * 0.8), and about twice as fast as `Math.exp` in V8, which calls out of JIT code; this one
 * inlines into a kernel's loop (in very large kernels V8 calls it instead, still faster). Outside
 * (−707, 709) and for NaN it defers to `Math.exp`.
 */
import { EXP2_64_HI, EXP2_64_LO } from "../../special/scalar/coefficients.js";

const TABLE_HI = Float64Array.from(EXP2_64_HI);
const TABLE_LO = Float64Array.from(EXP2_64_LO);
/** 2^n for n = −1022..1022 (exact). */
const POW2 = Float64Array.from({ length: 2 * 1022 + 1 }, (_, i) => Math.pow(2, i - 1022));
const INV_STEP = 64 * Math.LOG2E; // 64/ln2
// ln2/64 split: the high part has few enough bits that k·STEP_HI is exact for |k| < 2^17.
const STEP_HI = 0.6931471803691238 / 64;
const STEP_LO = 1.9082149292705877e-10 / 64;
/** Adding and subtracting 1.5·2^52 rounds a double of magnitude < 2^51 to an integer (ties to even). */
const ROUND_SHIFT = 6755399441055744;

/**
 * e^x, about 0.51 ulp, twice as fast as `Math.exp` in V8 (see the module comment).
 *
 * @example
 * ```ts
 * exp(1); // 2.718281828459045
 * exp(0); // 1 (exact)
 * ```
 */
export function exp(x: number): number {
  if (!(x > -707 && x < 709)) return Math.exp(x);
  const kf = x * INV_STEP + ROUND_SHIFT - ROUND_SHIFT;
  const r = x - kf * STEP_HI - kf * STEP_LO;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const k = kf | 0;
  const j = k & 63;
  const s = TABLE_HI[j];
  return (s + (TABLE_LO[j] + s * p)) * POW2[(k >> 6) + 1022];
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
  const r = exp(p);
  return r + r * e;
}

const POW10 = Float64Array.from({ length: 2 * 308 + 1 }, (_, i) => Math.pow(10, i - 308));

/**
 * 10^y: 10^n exactly (a table of powers of ten) times 10^f for the rest |f| ≤ ½, by exp with
 * the product y·ln 10 carried in double-double — about 1 ulp, exact for integer y, and several
 * times faster than Math.pow(10, y).
 *
 * @example
 * ```ts
 * exp10(2); // 100 (exact)
 * exp10(0.5); // 3.1622776601683795
 * ```
 */
export function exp10(y: number): number {
  const n = Math.round(y);
  if (!(n >= -308 && n <= 308)) return Math.pow(10, y);
  const f = y - n;
  return f === 0 ? POW10[n + 308] : POW10[n + 308] * expScaled(f, LN10_HI, LN10_LO);
}

/**
 * 2^y, as {@link exp10}: 2^n exactly times 2^f by exp with y·ln 2 in double-double.
 *
 * @example
 * ```ts
 * exp2(-3); // 0.125 (exact)
 * ```
 */
export function exp2(y: number): number {
  const n = Math.round(y);
  if (!(n >= -1022 && n <= 1022)) return Math.pow(2, y);
  const f = y - n;
  return f === 0 ? POW2[n + 1022] : POW2[n + 1022] * expScaled(f, LN2_HI, LN2_LO);
}
