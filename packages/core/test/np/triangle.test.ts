/**
 * np.tril / np.triu beyond the NumPy fixtures (shape.test.ts, creation.test.ts): derivatives,
 * jit, vmap, dtype and errors.
 */
import { describe, expect, test } from "vitest";
import { type Array, grad, jit, np, vmap } from "../../src/index.js";

const x = np.array([[1.5, -2, 3], [4, 5.25, -6], [7, 8, 9.5]]);

describe("np.tril / np.triu", () => {
  test("the gradient of sum(w · tril(x, k)) is w on the kept triangle and 0 elsewhere", () => {
    const w = np.arange(9).reshape([3, 3]).add(1);
    for (const k of [-1, 0, 1]) {
      expect(grad((v: Array) => np.sum(np.tril(v, k).mul(w)))(x).tolist()).toEqual(np.tril(w, k).astype("float64").tolist());
      expect(grad((v: Array) => np.sum(np.triu(v, k).mul(w)))(x).tolist()).toEqual(np.triu(w, k).astype("float64").tolist());
    }
  });

  test("jit and vmap give the eager values; a batch is triangled matrix by matrix", () => {
    const batch = np.stack([x, x.mul(-1)]);
    expect(jit((v: Array) => np.tril(v, -1))(batch).tolist()).toEqual(np.tril(batch, -1).tolist());
    expect(vmap((v: Array) => np.triu(v))(batch).tolist()).toEqual(np.triu(batch).tolist());
  });

  test("dtypes are kept", () => {
    expect(np.tril(np.ones([2, 2], "int32")).dtype).toBe("int32");
    expect(np.triu(np.array([[true, true], [true, true]])).tolist()).toEqual([[true, true], [false, true]]);
    expect(np.tri(2, 2, 0, "bool").tolist()).toEqual([[true, false], [true, true]]);
  });

  test("errors name the function and what to fix", () => {
    expect(() => np.tril(3)).toThrow("tril: the input must have at least one dimension");
    expect(() => np.triu(x, 0.5)).toThrow("triu: k must be an integer (the diagonal offset); got 0.5");
    expect(() => np.tri(-1)).toThrow(/tri/);
  });
});
