/**
 * Example invocations of the indexing primitives (gather, scatter_add, scatter, sort) in the
 * format of test/primitives/cases.ts, so that the automatic primitive checks can include them:
 * `...INDEXING_PRIMITIVE_CASES` in PRIMITIVE_CASES.
 */
import { type ConcreteArray } from "../../src/index.js";
import { randArray, uniform } from "../helpers/random-arrays.js";

interface Case {
  args: (r: () => number) => ConcreteArray[];
  params: unknown;
  diff?: number[];
  noDiff?: boolean;
  firstOrderOnly?: boolean;
}

type Gen = (r: () => number) => ConcreteArray;
const f64 = (shape: number[]): Gen => (r) => randArray(shape, uniform(r, -2, 2));
/** int32 indices in [lo, hi) (values outside [0, n) exercise clamping). */
const ints = (shape: number[], lo: number, hi: number): Gen => (r) => randArray(shape, () => lo + Math.floor(r() * (hi - lo)), "int32");
const args = (...gens: Gen[]) => (r: () => number) => gens.map((g) => g(r));

export const INDEXING_PRIMITIVE_CASES: Record<string, Case[]> = {
  gather: [
    { args: args(f64([5, 3]), ints([4], 0, 5)), params: { axes: [0], mode: "clip" } },
    { args: args(f64([3, 4, 2]), ints([2, 3], -1, 5)), params: { axes: [1], mode: "clip" } },
    { args: args(f64([4, 3, 5]), ints([2, 2], 0, 5), ints([2, 2], 0, 4)), params: { axes: [2, 0], mode: "clip" } },
    { args: args(f64([4, 3]), ints([], 0, 4)), params: { axes: [0], mode: "clip" } },
    { args: args(f64([5, 3]), ints([6], -2, 7)), params: { axes: [0], mode: "fill" } },
    { args: args(f64([3, 4, 2]), ints([2, 3], -1, 6), ints([2, 3], 0, 3)), params: { axes: [1, 0], mode: "fill" } },
  ],
  scatter_add: [
    { args: args(f64([5, 3]), f64([4, 3]), ints([4], 0, 5)), params: { axes: [0], mode: "clip" } },
    { args: args(f64([3, 4, 2]), f64([2, 3, 3, 2]), ints([2, 3], -1, 5)), params: { axes: [1], mode: "clip" } },
    { args: args(f64([4, 3, 5]), f64([2, 2, 3]), ints([2, 2], 0, 5), ints([2, 2], 0, 4)), params: { axes: [2, 0], mode: "clip" } },
    { args: args(f64([5, 3]), f64([6, 3]), ints([6], -2, 7)), params: { axes: [0], mode: "fill" } },
  ],
  scatter: [
    { args: args(f64([5, 3]), f64([4, 3]), ints([4], 0, 5)), params: { axes: [0], mode: "clip" } },
    { args: args(f64([3, 4, 2]), f64([2, 3, 3, 2]), ints([2, 3], 0, 4)), params: { axes: [1], mode: "clip" } },
    { args: args(f64([4, 3, 5]), f64([6, 3]), ints([6], 0, 5), ints([6], 0, 4)), params: { axes: [2, 0], mode: "clip" } },
    { args: args(f64([5, 3]), f64([6, 3]), ints([6], -2, 7)), params: { axes: [0], mode: "fill" } },
    { args: args(f64([3, 4, 2]), f64([5, 2]), ints([5], -1, 5), ints([5], 0, 4)), params: { axes: [0, 1], mode: "fill" } },
  ],
  sort: [
    { args: args(f64([7])), params: { numKeys: 1 } },
    { args: args(f64([3, 5]), f64([3, 5])), params: { numKeys: 1 } },
    { args: args(ints([2, 6], 0, 3), f64([2, 6]), f64([2, 6])), params: { numKeys: 2 } },
  ],
};
