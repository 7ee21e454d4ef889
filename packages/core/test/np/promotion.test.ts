/**
 * Dtype promotion of `np` binary ops, checked against a table written by hand from JAX's
 * promotion lattice (`jax.numpy.promote_types`, 32-bit mode) with weak types for JS numbers:
 * bool < int32 < float32 < float64 for strong types, int32 with uint32 gives int32; a JS number
 * is weak (integers weak int32, fractions weak float) and defers to the other operand's dtype
 * within its category. NumPy's own rules differ (int32 + float32 is float64 there), so these are
 * not NumPy fixtures.
 */
import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray, type DType, np } from "../../src/index.js";

type T = "bool" | "int32" | "uint32" | "float32" | "float64" | "weakInt" | "weakFloat";

/** An operand of each kind: strong arrays, or JS numbers (weak). */
function operand(t: T): Array | number {
  switch (t) {
    case "bool":
      return np.array([true, false, true]);
    case "int32":
      return np.array([1, -2, 3], "int32");
    case "uint32":
      return np.array(Uint32Array.of(1, 2, 3));
    case "float32":
      return np.array([0.5, -1.25, 3], "float32");
    case "float64":
      return np.array([0.1, -2.5, 3]);
    case "weakInt":
      return 2;
    case "weakFloat":
      return 2.5;
  }
}

// [a, b, result dtype, result weakly typed]. Symmetric: each unordered pair once.
const TABLE: [T, T, DType, boolean][] = [
  ["bool", "bool", "bool", false],
  ["bool", "int32", "int32", false],
  ["bool", "uint32", "uint32", false],
  ["bool", "float32", "float32", false],
  ["bool", "float64", "float64", false],
  ["bool", "weakInt", "int32", true],
  ["bool", "weakFloat", "float64", true],
  ["int32", "int32", "int32", false],
  ["int32", "uint32", "int32", false],
  ["int32", "float32", "float32", false],
  ["int32", "float64", "float64", false],
  ["int32", "weakInt", "int32", false],
  ["int32", "weakFloat", "float64", true],
  ["uint32", "uint32", "uint32", false],
  ["uint32", "float32", "float32", false],
  ["uint32", "float64", "float64", false],
  ["uint32", "weakInt", "uint32", false],
  ["uint32", "weakFloat", "float64", true],
  ["float32", "float32", "float32", false],
  ["float32", "float64", "float64", false],
  ["float32", "weakInt", "float32", false],
  ["float32", "weakFloat", "float32", false],
  ["float64", "float64", "float64", false],
  ["float64", "weakInt", "float64", false],
  ["float64", "weakFloat", "float64", false],
  ["weakInt", "weakInt", "int32", true],
  ["weakInt", "weakFloat", "float64", true],
  ["weakFloat", "weakFloat", "float64", true],
];

describe("np promotion follows JAX's lattice with weak JS numbers", () => {
  for (const [ta, tb, dtype, weak] of TABLE) {
    for (const [x, y] of [
      [ta, tb],
      [tb, ta],
    ] as const) {
      test(`${x} + ${y} → ${dtype}${weak ? " (weak)" : ""}`, () => {
        const r = np.resultType(operand(x), operand(y));
        expect(r).toEqual({ dtype, weakType: weak });
        // Subtracting bools is an error, as in NumPy and JAX.
        const fs = dtype === "bool" ? [np.add, np.multiply, np.maximum] : [np.add, np.subtract, np.multiply, np.maximum];
        for (const f of [...fs, (a: Array | number, b: Array | number) => np.where(true, a, b)]) {
          const out = f(operand(x), operand(y));
          expect(out.dtype).toBe(dtype);
          expect(out.weakType).toBe(weak);
        }
      });
    }
  }

  test("float-only functions: integers and bools become float64, float32 stays", () => {
    expect(np.divide(np.array([1, 2], "int32"), 2).dtype).toBe("float64");
    expect(np.divide(np.array([1, 2], "float32"), 2).dtype).toBe("float32");
    expect(np.divide(np.array([1, 2], "float32"), 2.5).dtype).toBe("float32");
    expect(np.sqrt(np.array([true, false])).dtype).toBe("float64");
    expect(np.exp(np.array([1, 2], "float32")).dtype).toBe("float32");
    expect(np.arctan2(np.array([1], "int32"), np.array([1], "float32")).dtype).toBe("float32");
    expect(np.mean(np.array([1, 2], "int32")).dtype).toBe("float64");
    expect(np.mean(np.array([1, 2], "float32")).dtype).toBe("float32");
    expect(np.var(np.array([1, 2], "float32")).dtype).toBe("float32");
  });

  test("values of mixed operations", () => {
    const i = np.array([1, -2, 3], "int32");
    expect(np.add(i, 1.5).tolist()).toEqual([2.5, -0.5, 4.5]);
    expect(np.add(i, 1).tolist()).toEqual([2, -1, 4]);
    const f = np.add(np.array([0.1], "float32"), 0.2) as ConcreteArray;
    expect(f.data[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(np.add(np.array([true, true]), np.array([true, false])).tolist()).toEqual([true, true]);
    expect(np.multiply(np.array([true, false]), 3).tolist()).toEqual([3, 0]);
    expect(() => np.subtract(np.array([true]), np.array([false]))).toThrow(/bool/);
  });

  test("reductions keep JAX's result dtypes", () => {
    expect(np.sum(np.array([true, true, false])).dtype).toBe("int32");
    expect(np.sum(np.array([true, true, false])).tolist()).toBe(2);
    expect(np.prod(np.array([true, true])).dtype).toBe("int32");
    expect(np.sum(np.array([1, 2], "float32")).dtype).toBe("float32");
    expect(np.max(np.array([true, false])).dtype).toBe("bool");
    expect(np.argmax(np.array([1, 2])).dtype).toBe("int32");
    expect(np.cumsum(np.array([true, true])).dtype).toBe("int32");
  });

  test("np.array and asarray: JS numbers are float64 (strong) or weak scalars", () => {
    expect(np.array([1, 2]).dtype).toBe("float64");
    expect(np.array([1, 2]).weakType).toBe(false);
    expect(np.array(3).weakType).toBe(false);
    expect(np.asarray(3).dtype).toBe("int32");
    expect(np.asarray(3).weakType).toBe(true);
    expect(np.asarray(3.5).dtype).toBe("float64");
    expect(np.asarray(-0).dtype).toBe("float64");
    expect(np.asarray(2 ** 31).dtype).toBe("float64");
    expect(np.array(Int32Array.of(1, 2)).dtype).toBe("int32");
    expect(np.arange(3).dtype).toBe("int32");
    expect(np.arange(0, 1, 0.5).dtype).toBe("float64");
  });
});
