import { expect, test } from "vitest";
import { foldDraws, qnorm, rScale, splitChains, uScale, zScale } from "../src/index.js";

test("ranks average ties and keep NaN", () => {
  expect(Array.from(rScale([[3, 1], [2, 2]]).data)).toEqual([4, 1, 2.5, 2.5]);
  expect(Array.from(rScale([5, NaN, 1]).data)).toEqual([2, NaN, 1]);
  const big = Float64Array.from({ length: 3000 }, (_, i) => i % 10);
  const r = rScale(big).data;
  expect(r[0]).toBe(150.5); // 300 zeros: ranks 1..300
  expect(r[9]).toBe(2850.5);
});

test("u_scale and z_scale use Blom's offset", () => {
  const u = uScale([[3, 1], [2, 2]]).data;
  expect(Array.from(u)).toEqual([4, 1, 2.5, 2.5].map((r) => (r - 0.375) / 4.25));
  const z = zScale([[3, 1], [2, 2]]);
  expect(z.chains).toBe(2);
  expect(Array.from(z.data)).toEqual(Array.from(u).map(qnorm));
});

test("fold and split", () => {
  expect(Array.from(foldDraws([[1, 2, 3, 10]]).data)).toEqual([1.5, 0.5, 0.5, 7.5]);
  expect(Array.from(foldDraws([[1, 2]], 0).data)).toEqual([1, 2]);
  const s = splitChains([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]);
  expect(s).toEqual({ chains: 4, draws: 2, data: Float64Array.of(1, 2, 6, 7, 4, 5, 9, 10) });
  expect(splitChains([[1], [2]]).chains).toBe(2);
});

test("foldedOrder merges the order of x into the order of |x - median|", async () => {
  const { foldedOrder } = await import("../src/rank-normalize.js");
  const { argsort } = await import("../src/sort.js");
  const x = Float64Array.of(5, 1, 3, 2);
  const folded = x.map((v) => Math.abs(v - 2.5));
  expect(Array.from(foldedOrder(argsort(x), Float64Array.of(1, 2, 3, 5), 2.5, folded))).toEqual([3, 2, 1, 0]);
  let s = 3;
  const y = Float64Array.from({ length: 3001 }, () => Math.round(((s = (s * 16807) % 2147483647) / 2147483647) * 200) / 10);
  const order = argsort(y);
  const sorted = Float64Array.from(order, (i) => y[i]);
  const med = sorted[1500];
  const f = y.map((v) => Math.abs(v - med));
  const merged = Array.from(foldedOrder(order, sorted, med, f), (i) => f[i]);
  expect(merged).toEqual(Array.from(f).sort((a, b) => a - b));
});
