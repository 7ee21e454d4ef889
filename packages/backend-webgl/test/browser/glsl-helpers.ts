/** Shared pieces of the GLSL kernel cases (glsl-cases-*.ts). */
import { type Array } from "@orrery/core";

/**
 * An accuracy check: |got − want| ≤ rtol·max(|want|, floor) at every point of `args` (one column
 * per operand; floor 1 where relative accuracy is not kept next to zeros), the same NaN and ±∞;
 * a subnormal result may be 0 (GPUs flush them).
 */
export interface GlslAccuracyCase {
  name: string;
  call: (...xs: Array[]) => Array;
  ref: (...xs: number[]) => number;
  args: number[][];
  rtol: number;
  floor: number;
}

/** n points spread evenly over [lo, hi]. */
export const grid = (lo: number, hi: number, n: number): number[] => globalThis.Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
/** n points spread evenly in log over [lo, hi] (lo > 0). */
export const logGrid = (lo: number, hi: number, n: number): number[] => grid(Math.log10(lo), Math.log10(hi), n).map((v) => 10 ** v);
/** Every pair of `xs` and `ys`, as two columns. */
export function pairs(xs: number[], ys: number[]): number[][] {
  const a: number[] = [];
  const b: number[] = [];
  for (const x of xs) for (const y of ys) (a.push(x), b.push(y));
  return [a, b];
}

