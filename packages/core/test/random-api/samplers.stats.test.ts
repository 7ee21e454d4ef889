import { describe } from "vitest";
import { defineKsTests } from "./ks-suite.js";

describe("every sampler against SciPy (KS, n = 200 000)", () => {
  defineKsTests(200_000, 1e-4);
});
