/**
 * `log(k!)` for non-negative integers, as the discrete samplers need it: a table for
 * small `k` and Stirling's series (error below 1e-17 relative) above.
 *
 * @module
 */

const TABLE_SIZE = 256;
const LOG_FACTORIAL = new Float64Array(TABLE_SIZE);
{
  // Running sums of logs: relative error below 1e-15 over the table.
  let acc = 0;
  for (let k = 2; k < TABLE_SIZE; k++) {
    acc += Math.log(k);
    LOG_FACTORIAL[k] = acc;
  }
}

const HALF_LOG_2PI = 0.9189385332046727418;

/**
 * `log(k!) = lgamma(k + 1)` for an integer `k >= 0`.
 *
 * @param k - a non-negative integer (a float with integer value)
 * @returns `log(k!)`; NaN for negative `k`
 * @example
 * ```ts
 * logFactorial(3); // Math.log(6)
 * ```
 */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) {
    if (k >= 0) return LOG_FACTORIAL[k | 0]!;
    return NaN;
  }
  const x = k + 1;
  const r = 1 / x;
  const r2 = r * r;
  // lgamma(x) = (x - 1/2) log x - x + log(2 pi)/2 + 1/(12x) - 1/(360x^3) + 1/(1260x^5)
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}
