/**
 * Error messages of `np` for bad input name the thing to fix: both shapes that do not
 * broadcast, the axis and the rank, both shapes of a bad reshape.
 */
import { describe, expect, test } from "vitest";
import { type Array, np } from "../../src/index.js";

const x23 = np.zeros([2, 3]);
const x4 = np.zeros([4]);

/** The message `f` throws (fails when it does not throw). */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("shapes that do not broadcast name both shapes", () => {
  const binaries: [string, (a: Array, b: Array) => Array][] = [
    ["add", np.add],
    ["subtract", np.subtract],
    ["multiply", np.multiply],
    ["divide", np.divide],
    ["power", np.power],
    ["maximum", np.maximum],
    ["arctan2", np.arctan2],
    ["floorDivide", np.floorDivide],
    ["mod", np.mod],
    ["hypot", np.hypot],
    ["logaddexp", np.logaddexp],
    ["equal", np.equal],
    ["less", np.less],
    ["logicalAnd", np.logicalAnd],
  ];
  for (const [name, f] of binaries) {
    test(name, () => {
      const m = message(() => f(x23, x4));
      expect(m).toContain(name);
      expect(m).toContain("(2, 3)");
      expect(m).toContain("(4,)");
    });
  }
  test("where and clip", () => {
    const m = message(() => np.where(np.zeros([3], "bool"), x23, x4));
    expect(m).toContain("where");
    expect(m).toContain("(2, 3)");
    expect(m).toContain("(4,)");
    const c = message(() => np.clip(x23, x4, 1));
    expect(c).toContain("(2, 3)");
    expect(c).toContain("(4,)");
  });
  test("broadcastTo", () => {
    for (const [from, to] of [
      [[3], [4]],
      [[2, 3], [3]],
      [[3], [3, 2]],
    ]) {
      const m = message(() => np.broadcastTo(np.zeros(from), to));
      expect(m).toContain("broadcastTo");
      expect(m).toContain(from.length === 1 ? `(${from[0]},)` : `(${from.join(", ")})`);
      expect(m).toContain(to.length === 1 ? `(${to[0]},)` : `(${to.join(", ")})`);
    }
  });
});

describe("a bad axis names the function, the axis and the rank", () => {
  const x = np.zeros([2, 3]);
  const cases: [string, (axis: number) => unknown][] = [
    ["sum", (axis) => np.sum(x, { axis })],
    ["mean", (axis) => np.mean(x, { axis })],
    ["prod", (axis) => np.prod(x, { axis })],
    ["max", (axis) => np.max(x, { axis })],
    ["min", (axis) => np.min(x, { axis })],
    ["argmax", (axis) => np.argmax(x, { axis })],
    ["argmin", (axis) => np.argmin(x, { axis })],
    ["var", (axis) => np.var(x, { axis })],
    ["std", (axis) => np.std(x, { axis })],
    ["any", (axis) => np.any(x, { axis })],
    ["all", (axis) => np.all(x, { axis })],
    ["cumsum", (axis) => np.cumsum(x, { axis })],
    ["cumprod", (axis) => np.cumprod(x, { axis })],
    ["cummax", (axis) => np.cummax(x, { axis })],
    ["cummin", (axis) => np.cummin(x, { axis })],
    ["transpose", (axis) => np.transpose(x, [0, axis])],
    ["moveaxis", (axis) => np.moveaxis(x, axis, 0)],
    ["moveaxis", (axis) => np.moveaxis(x, 0, axis)],
    ["swapaxes", (axis) => np.swapaxes(x, 0, axis)],
    ["squeeze", (axis) => np.squeeze(x, axis)],
    ["concatenate", (axis) => np.concatenate([x, x], axis)],
    ["split", (axis) => np.split(x, 1, axis)],
    ["repeat", (axis) => np.repeat(x, 2, axis)],
    ["flip", (axis) => np.flip(x, axis)],
  ];
  for (const [name, f] of cases) {
    for (const axis of [2, -3]) {
      test(`${name} axis ${axis}`, () => {
        const m = message(() => f(axis));
        expect(m).toContain(name);
        expect(m).toContain(`axis ${axis}`);
        expect(m).toContain("rank 2");
      });
    }
  }
  test("expandDims and stack count the result's rank", () => {
    expect(message(() => np.expandDims(x, 3))).toMatch(/expandDims: axis 3 .* rank 3/);
    expect(message(() => np.expandDims(x, -4))).toMatch(/expandDims: axis -4 .* rank 3/);
    expect(message(() => np.stack([x, x], 3))).toMatch(/stack: axis 3 .* rank 3/);
  });
  test("repeated axes", () => {
    expect(message(() => np.sum(x, { axis: [0, -2] }))).toMatch(/sum: repeated axis/);
  });
});

describe("reshape with the wrong size names both shapes", () => {
  test("explicit shape", () => {
    const m = message(() => np.reshape(x23, [4]));
    expect(m).toContain("reshape");
    expect(m).toContain("(2, 3)");
    expect(m).toContain("(4,)");
  });
  test("with -1", () => {
    const m = message(() => np.reshape(x23, [4, -1]));
    expect(m).toContain("(2, 3)");
    expect(m).toContain("(4, -1)");
  });
  test("two -1 entries", () => {
    expect(message(() => np.reshape(x23, [-1, -1]))).toContain("(-1, -1)");
  });
});

describe("other shape errors", () => {
  test("concatenate with mismatched shapes", () => {
    const m = message(() => np.concatenate([np.zeros([2, 3]), np.zeros([2, 4])]));
    expect(m).toContain("concatenate");
    expect(m).toMatch(/\(2, 3\)|\[2,3\]|2,3/);
    expect(m).toMatch(/\(2, 4\)|\[2,4\]|2,4/);
  });
  test("stack with mismatched shapes", () => {
    const m = message(() => np.stack([np.zeros([2, 3]), np.zeros([3, 2])]));
    expect(m).toContain("(2, 3)");
    expect(m).toContain("(3, 2)");
  });
  test("squeeze of an axis whose size is not 1", () => {
    expect(message(() => np.squeeze(x23, 1))).toMatch(/squeeze: .*axis 1.*\(2, 3\)/);
  });
  test("split into unequal sections", () => {
    expect(message(() => np.split(np.zeros([5]), 2))).toMatch(/split: axis 0 of size 5 .* 2 equal sections/);
  });
  test("max of an empty axis", () => {
    expect(message(() => np.max(np.zeros([0, 3]), { axis: 0 }))).toMatch(/max: zero-size .*\(0, 3\)|max: zero-size .*0,3/);
  });
  test("arange with step 0", () => {
    expect(message(() => np.arange(0, 1, 0))).toMatch(/arange: step/);
  });
  test("ragged nested input", () => {
    expect(message(() => np.array([[1, 2], [3]]))).toMatch(/np.array: ragged/);
  });
});

describe("bad arguments to creation and shape functions", () => {
  test("transpose with axes that are not a permutation", () => {
    expect(message(() => np.transpose(x23, [0]))).toMatch(/transpose: axes \[0\] .* 2 axes of shape \(2, 3\)/);
    expect(message(() => np.transpose(x23, [0, 0]))).toMatch(/transpose: axes \[0,0\] are not a permutation/);
  });
  test("negative sizes", () => {
    expect(message(() => np.tile(x23, -1))).toMatch(/tile: reps must be non-negative/);
    expect(message(() => np.eye(-1))).toMatch(/eye: a shape must be a list of non-negative integers/);
    expect(message(() => np.linspace(0, 1, -1))).toMatch(/linspace: num must be a non-negative integer, got -1/);
    expect(message(() => np.repeat(x23, -1))).toMatch(/repeat: repeats must be a non-negative integer/);
  });
  test("arange with a non-finite bound", () => {
    expect(message(() => np.arange(0, NaN))).toMatch(/arange: .* finite/);
    expect(message(() => np.arange(0, Infinity))).toMatch(/arange: .* finite/);
  });
  test("argmax/argmin of an empty sequence", () => {
    expect(message(() => np.argmax(np.zeros([0])))).toMatch(/argmax: .*empty sequence.*\(0,\)/);
    expect(message(() => np.argmin(np.zeros([2, 0]), { axis: 1 }))).toMatch(/argmin: .*empty/);
    expect(np.argmax(np.zeros([0, 3]), { axis: 1 }).shape).toEqual([0]);
  });
});

describe("primitives check their operands eagerly", () => {
  test("lax.concatenate with mismatched shapes throws", async () => {
    const { lax } = await import("../../src/index.js");
    expect(() => lax.concatenate([np.zeros([2, 3]), np.zeros([2, 4])], 0)).toThrow(/concatenate/);
  });
});
