/**
 * Broadcasting of binary ops against NumPy (rank-0, size-1 and size-0 axes; weak scalars).
 */
import { describe, test } from "vitest";
import { type Array, np } from "../../src/index.js";
import { decArg, describeCase, expectMatches, load } from "./fixtures.js";

type Fn = (...xs: unknown[]) => Array;
const call = (fn: string, args: unknown[]) => ((np as unknown as Record<string, Fn>)[fn])(...args);

describe("np binary ops broadcast as NumPy", () => {
  load("broadcasting").forEach((c, i) => {
    test(describeCase(c, i), () => {
      const got = call(c.fn, c.args.map(decArg));
      // Sums and products of the same float64 operands are bitwise NumPy's.
      expectMatches(got, c.expected as never, { rtol: 0 }, c.fn);
    });
  });
});
