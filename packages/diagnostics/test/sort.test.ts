import { expect, test } from "vitest";
import { argsort, gather } from "../src/sort.js";
import { sortedCopy } from "../src/index.js";

function check(x: Float64Array): void {
  const order = argsort(x);
  const viaOrder = gather(x, order);
  const reference = Float64Array.from(x).sort();
  expect(Array.from(viaOrder).map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(
    Array.from(reference).map((v) => (Object.is(v, -0) ? "-0" : v)),
  );
  // stable: equal values keep their original order
  for (let k = 1; k < order.length; k++) {
    if (viaOrder[k] === viaOrder[k - 1] && Object.is(viaOrder[k], viaOrder[k - 1])) expect(order[k]).toBeGreaterThan(order[k - 1]);
  }
  expect(sortedCopy(x)).toEqual(reference);
}

test("radix argsort orders like Float64Array.prototype.sort (large arrays)", () => {
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const x = new Float64Array(5000).map(() => (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20));
  x[10] = Infinity;
  x[11] = -Infinity;
  x[12] = 0;
  x[13] = -0;
  x[14] = NaN;
  x[15] = 5e-324;
  x[16] = -5e-324;
  x[17] = Number.MAX_VALUE;
  for (let i = 100; i < 200; i++) x[i] = 1.5; // ties
  check(x);
  check(new Float64Array(3000).fill(2)); // every pass skipped
  check(Float64Array.from({ length: 2048 }, (_, i) => (i % 7) - 3));
});

test("small arrays use the comparison sort", () => {
  check(Float64Array.of(3, -0, 0, NaN, -1, 2, 2, -Infinity));
  expect(Array.from(argsort(Float64Array.of(3, 1, 2)))).toEqual([1, 2, 0]);
});
