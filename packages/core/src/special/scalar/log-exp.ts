// Elementary log/exp helpers with SciPy / TFP semantics, stable at the extremes.

/**
 * log(1 - exp(-|x|)), as `tfp.math.log1mexp` (TensorFlow Probability takes |x|, so the result is
 * defined for every x ≠ 0; `log1mexp(0) = -Infinity`). Switches between log(-expm1(-|x|)) and
 * log1p(-exp(-|x|)) at |x| = log 2 (Mächler 2012), accurate for tiny and huge |x|.
 *
 * @example
 * log1mexp(1e-20); // -46.051701859880914
 * log1mexp(50); // -1.9287498479639178e-22
 */
export function log1mexp(x: number): number {
  const a = Math.abs(x);
  if (a <= Math.LN2) return Math.log(-Math.expm1(-a));
  return Math.log1p(-Math.exp(-a));
}

/**
 * x * log(y) with `xlogy(0, y) = 0` for every y but NaN, as `scipy.special.xlogy`.
 *
 * @example
 * xlogy(0, 0); // 0
 * xlogy(2, 3); // 2.197224577336219
 */
export function xlogy(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log(y);
}

/**
 * x * log1p(y) with `xlog1py(0, y) = 0` for every y but NaN, as `scipy.special.xlog1py`.
 *
 * @example
 * xlog1py(0, -1); // 0
 * xlog1py(3, 1e-20); // 2.9999999999999997e-20
 */
export function xlog1py(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log1p(y);
}

/**
 * The logistic sigmoid 1/(1 + exp(-x)), as `scipy.special.expit`, without overflow and with full
 * relative accuracy for x → -∞.
 *
 * @example
 * expit(0); // 0.5
 * expit(-745); // 5e-324
 */
export function expit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * log(p / (1 - p)), as `scipy.special.logit`: `-Infinity` at 0, `Infinity` at 1, `NaN` outside
 * [0, 1]; accurate near p = 1/2 (log1p((2p - 1)/(1 - p))) and near 0 and 1.
 *
 * @example
 * logit(0.75); // 1.0986122886681096
 * logit(0.5 + 1e-12); // 3.999911513119514e-12
 */
export function logit(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p < 0.25) return Math.log(p) - Math.log1p(-p);
  if (p > 0.75) return Math.log(p / (1 - p));
  return Math.log1p((2 * p - 1) / (1 - p));
}

/**
 * softplus(x) = log(1 + exp(x)) (`jax.nn.softplus`, `np.logaddexp(0, x)`), without overflow and
 * with full relative accuracy for x → -∞.
 *
 * @example
 * softplus(0); // 0.6931471805599453
 * softplus(-50); // 1.9287498479639178e-22
 */
export function softplus(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}
