/**
 * The lowering rule of polygamma ψ⁽ⁿ⁾(x) on tfjs devices (float32 operands, the order n an
 * element-wise operand): ψ⁽ⁿ⁾(x) = (−1)^{n+1} Z with
 * Z = n! Σ_{k<m} (x + k)^{−(n+1)} + n! ζ(n + 1, w), w = x + m ≥ 10 (m ≤ 10 shifts),
 * ζ's tail by Euler–Maclaurin: (n − 1)! w^{−n} [1 + n/(2w) + Σ_j B_2j/(2j)! (n)_{2j} w^{−2j}]
 * (log w − 1/(2w) − Σ_j B_2j/(2j) w^{−2j} for n = 0). For x < 0 the reflection
 * ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − π^{n+1} D_n(cot πx), D_n the polynomial with
 * dⁿ/dtⁿ cot t = D_n(cot t). ψ = ψ⁽⁰⁾ itself is the digamma rule of lowering-special.ts.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";
import { poly, specialLowerings } from "./lowering-special.js";

type Tensor = tfc.Tensor;

/** The shift target: ζ's asymptotic tail is summed at w ≥ SHIFT_TARGET (up to that many shifts). */
const SHIFT_TARGET = 10;
/** B_2j/(2j)!, j = 1..7. */
const BERNOULLI_OVER_FACTORIAL = [1 / 12, -1 / 720, 1 / 30240, -1 / 1209600, 1 / 47900160, -691 / 1307674368000, 1 / 74724249600];
/** B_2j/(2j), j = 1..7 (digamma's series). */
const BERNOULLI_OVER_INDEX = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12];
/** The largest order the reflection for x < 0 covers (NaN beyond). */
const MAX_REFLECTED_ORDER = 24;
/** sin(πr)/r in r², |r| ≤ 1/2 (Taylor, error below 1e-9). */
const SINPI_OVER_R = [0, 1, 2, 3, 4, 5, 6].map((k) => ((-1) ** k * Math.PI ** (2 * k + 1)) / factorial(2 * k + 1));
/** 0!, 1!, …, 34! and ∞ (35! overflows float32). */
const FACTORIALS = [...Array.from({ length: 35 }, (_, k) => factorial(k)), Infinity];

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/**
 * The coefficients of D_n(c) with dⁿ/dtⁿ cot t = D_n(cot t) (D₀ = c, D_{n+1} = −(1 + c²) D_n′),
 * as a polynomial in c²: D_n(c) = c^{(n+1) mod 2} Σ_i e_{n,i} c^{2i}. Row n, column i; rows padded with 0.
 *
 * @example
 * ```ts
 * cotDerivativeCoefficients(2); // [[1, 0], [-1, -1], [2, 2]]: c, −1 − c², c(2 + 2c²)
 * ```
 */
export function cotDerivativeCoefficients(maxOrder: number): number[][] {
  const rows: number[][] = [];
  let d = [0, 1]; // coefficients of c^0, c^1, …
  for (let n = 0; n <= maxOrder; n++) {
    rows.push(d.filter((_, i) => i % 2 === (n + 1) % 2));
    const deriv = d.slice(1).map((v, i) => v * (i + 1));
    const next = new Array<number>(deriv.length + 2).fill(0);
    deriv.forEach((v, i) => {
      next[i] -= v;
      next[i + 2] -= v;
    });
    d = next;
  }
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(0)]);
}

const COT_DERIVATIVES = cotDerivativeCoefficients(MAX_REFLECTED_ORDER);

/** Row `index` (int32) of `table`'s columns, one tensor per column. */
function gatherColumns(tf: Tf, table: readonly (readonly number[])[], index: Tensor): Tensor[] {
  return table[0].map((_, i) => tf.gather(tf.tensor1d(table.map((row) => row[i]), "float32"), index));
}

/** Z(v) for v > 0, n a valid order (0 ≤ n, integer): ψ⁽ⁿ⁾(v) = (−1)^{n+1} Z(v). */
function zetaPart(tf: Tf, n: Tensor, v: Tensor): Tensor {
  const negS = tf.neg(tf.add(n, 1));
  const m = tf.clipByValue(tf.ceil(tf.sub(SHIFT_TARGET, v)), 0, SHIFT_TARGET);
  let sum = tf.zerosLike(v);
  for (let k = 0; k < SHIFT_TARGET; k++) {
    const term = tf.pow(k === 0 ? v : tf.add(v, k), negS);
    sum = tf.add(sum, k === 0 ? tf.where(tf.greater(m, 0), term, tf.zerosLike(v)) : tf.where(tf.greater(m, k), term, tf.zerosLike(v)));
  }
  const w = tf.add(v, m);
  const table = tf.tensor1d(FACTORIALS, "float32");
  const nFact = tf.gather(table, tf.cast(tf.clipByValue(n, 0, 35), "int32"));
  const nm1Fact = tf.gather(table, tf.cast(tf.clipByValue(tf.sub(n, 1), 0, 35), "int32"));
  const r = tf.div(1, w);
  const r2 = tf.mul(r, r);
  // n ≥ 1: 1 + n/(2w) + Σ_j B_2j/(2j)! (n)_{2j} w^{−2j}, the rising factorial built term by term
  let rising = tf.onesLike(v);
  let bracket = tf.add(tf.mul(tf.mul(n, r), 0.5), 1);
  BERNOULLI_OVER_FACTORIAL.forEach((c, j) => {
    rising = tf.mul(rising, tf.mul(tf.mul(tf.add(n, 2 * j), tf.add(n, 2 * j + 1)), r2));
    bracket = tf.add(bracket, tf.mul(rising, c));
  });
  const half = tf.pow(w, tf.mul(n, -0.5));
  const tailN = tf.mul(tf.mul(tf.mul(nm1Fact, half), half), bracket);
  const tail0 = tf.add(tf.sub(tf.mul(r, 0.5), tf.log(w)), tf.mul(r2, poly(tf, r2, BERNOULLI_OVER_INDEX)));
  return tf.add(tf.mul(nFact, sum), tf.where(tf.equal(n, 0), tail0, tailN));
}

/** π^{n+1} D_n(cot πx) for non-integer x and 0 ≤ n ≤ MAX_REFLECTED_ORDER. */
function cotDerivative(tf: Tf, n: Tensor, x: Tensor): Tensor {
  const r = tf.sub(x, tf.round(x));
  const sinpi = tf.mul(r, poly(tf, tf.mul(r, r), SINPI_OVER_R));
  const h = tf.sub(0.5, tf.abs(r));
  const cospi = tf.mul(h, poly(tf, tf.mul(h, h), SINPI_OVER_R));
  const c = tf.div(cospi, sinpi);
  const c2 = tf.mul(c, c);
  const columns = gatherColumns(tf, COT_DERIVATIVES, tf.cast(tf.clipByValue(n, 0, MAX_REFLECTED_ORDER), "int32"));
  let acc = columns[columns.length - 1];
  for (let i = columns.length - 2; i >= 0; i--) acc = tf.add(tf.mul(acc, c2), columns[i]);
  const even = tf.equal(tf.mod(n, 2), 0);
  return tf.mul(tf.where(even, tf.mul(acc, c), acc), tf.pow(Math.PI, tf.add(n, 1)));
}

/** ψ⁽ⁿ⁾(x) with the CPU kernel's special values (NaN for invalid n, ±∞ at the poles). */
function polygamma(ctx: LowerCtx, nIn: Tensor, xIn: Tensor): Tensor {
  const { tf } = ctx;
  const shape = ctx.outAvals[0].shape as number[];
  const ones = tf.ones(shape, "float32");
  const n0 = tf.mul(nIn, ones);
  const x = tf.mul(xIn, ones);
  const validN = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(n0, 0), tf.equal(tf.floor(n0), n0)), tf.less(n0, Infinity));
  const n = tf.where(validN, n0, tf.zerosLike(n0));
  const odd = tf.equal(tf.mod(n, 2), 1);
  const reflect = tf.less(x, 0);
  const vRaw = tf.where(reflect, tf.sub(1, x), x);
  const v = tf.where(tf.logicalAnd(tf.greater(vRaw, 0), tf.less(vRaw, Infinity)), vRaw, ones);
  const z = zetaPart(tf, n, v);
  const right = tf.where(odd, z, tf.neg(z));
  const left = tf.neg(tf.add(z, cotDerivative(tf, n, x)));
  let r = tf.where(reflect, tf.where(tf.greater(n, MAX_REFLECTED_ORDER), tf.fill(shape, NaN, "float32"), left), right);
  // ψ itself by the digamma rule (full relative accuracy at its zeros)
  r = tf.where(tf.equal(n, 0), specialLowerings.digamma([x], null, ctx) as Tensor, r);
  const inf = tf.fill(shape, Infinity, "float32");
  r = tf.where(tf.logicalAnd(tf.equal(x, Infinity), tf.greater(n, 0)), tf.zerosLike(x), r);
  const pole = tf.logicalAnd(tf.lessEqual(x, 0), tf.equal(tf.floor(x), x));
  r = tf.where(tf.logicalAnd(pole, tf.greater(n, 0)), tf.where(odd, inf, tf.neg(inf)), r);
  const nan = tf.logicalOr(tf.logicalOr(tf.logicalNot(validN), tf.isNaN(x)), tf.equal(x, -Infinity));
  return tf.where(nan, tf.fill(shape, NaN, "float32"), r);
}

/**
 * The polygamma rule, keyed by primitive name (spread into `betaLowerings`); float32 operands
 * only, other dtypes fall back to the CPU kernel.
 *
 * @example
 * ```ts
 * polygammaLowerings.polygamma([n, x], null, ctx); // ψ⁽ⁿ⁾(x) as tfjs ops, or null for non-float32 operands
 * ```
 */
export const polygammaLowerings: Readonly<Record<string, LoweringRule>> = {
  polygamma: ([n, x], _p, ctx) => (ctx.inAvals.every((v) => v.dtype === "float32") ? polygamma(ctx, n, x) : null),
};
