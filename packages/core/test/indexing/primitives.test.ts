/**
 * gather, scatter_add, scatter and sort through every transformation (see check-primitive.ts).
 */
import { describe, test } from "vitest";
import "../../src/index.js";
import { gatherP } from "../../src/primitives/gather.js";
import { scatterAddP, scatterP } from "../../src/primitives/scatter.js";
import { sortP } from "../../src/primitives/sort.js";
import { checkPrimitive } from "./check-primitive.js";
import { INDEXING_PRIMITIVE_CASES } from "./primitive-cases.js";

const PRIMS = { gather: gatherP, scatter_add: scatterAddP, scatter: scatterP, sort: sortP } as const;

describe("indexing primitives", () => {
  for (const [name, cases] of Object.entries(INDEXING_PRIMITIVE_CASES)) {
    cases.forEach((c, i) => {
      test(`${name} #${i}`, () => checkPrimitive(PRIMS[name as keyof typeof PRIMS], c, 4000 + 13 * i + name.length));
    });
  }
});
