import { expect, test } from "vitest";
import { drawsArray, flattenDraws, toChainMatrix, toDrawsArray } from "../src/index.js";

test("toChainMatrix accepts every scalar layout", () => {
  const want = { data: Float64Array.of(1, 2, 3, 4, 5, 6), chains: 2, draws: 3 };
  expect(toChainMatrix([[1, 2, 3], [4, 5, 6]])).toEqual(want);
  expect(toChainMatrix([Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)])).toEqual(want);
  expect(toChainMatrix({ data: [1, 2, 3, 4, 5, 6], shape: [2, 3] })).toEqual(want);
  expect(toChainMatrix({ data: Float32Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3, 1] })).toEqual(want);
  expect(toChainMatrix(want)).toBe(want);
  expect(toChainMatrix([1, 2, 3])).toEqual({ data: Float64Array.of(1, 2, 3), chains: 1, draws: 3 });
  expect(() => toChainMatrix([[1, 2], [3]])).toThrow(/equal lengths/);
  expect(() => toChainMatrix({ data: [1, 2, 3, 4], shape: [1, 2, 2] })).toThrow(/one scalar quantity/);
  expect(() => toChainMatrix({ data: [1, 2, 3], shape: [2, 2] })).toThrow(/needs 4 values/);
});

test("drawsArray and nested arrays", () => {
  expect(() => drawsArray([1, 2, 3], [2, 2])).toThrow(/needs 4 values/);
  expect(() => drawsArray([1, 2], [2])).toThrow(/chains, draws/);
  expect(toDrawsArray([[[1, 2], [3, 4]]]).shape).toEqual([1, 2, 2]);
  expect(toDrawsArray([1, 2, 3]).shape).toEqual([1, 3]);
  expect(() => toDrawsArray([[1, 2], [3]], "mu")).toThrow(/"mu" are ragged/);
});

test("flattenDraws splits event shapes row-major", () => {
  const theta = drawsArray(Float64Array.from({ length: 2 * 2 * 3 }, (_, i) => i), [2, 2, 3]);
  const comps = flattenDraws({ mu: [[0, 1], [2, 3]], theta });
  expect(comps.map((c) => [c.name, c.index])).toEqual([["mu", []], ["theta", [0]], ["theta", [1]], ["theta", [2]]]);
  // theta[.., 1]: elements 1, 4, 7, 10
  expect(Array.from(comps[2].matrix.data)).toEqual([1, 4, 7, 10]);
  const m = flattenDraws({ w: drawsArray(new Float64Array(1 * 1 * 6).map((_, i) => i), [1, 1, 2, 3]) });
  expect(m.map((c) => c.index)).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
});

test("records may hold chain matrices", () => {
  const comps = flattenDraws({ m: { data: Float64Array.of(1, 2, 3, 4), chains: 2, draws: 2 } });
  expect(comps[0].matrix).toEqual({ data: Float64Array.of(1, 2, 3, 4), chains: 2, draws: 2 });
});
