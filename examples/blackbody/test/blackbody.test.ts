import { describe, expect, test } from "vitest";
import { np } from "@orrery/core";
import { colourAndGradient, passbands } from "../src/blackbody.js";

// An independent float64 reference: plain loops, no Orrery.
function colourRef(beta: number, lam: number[], g: number[], r: number[]): number {
  let fg = 0;
  let fr = 0;
  for (let i = 0; i < lam.length; i++) {
    const bb = lam[i] ** -2 / Math.expm1(1 / (lam[i] * beta));
    fg += g[i] * bb;
    fr += r[i] * bb;
  }
  return Math.log10(fg / fr);
}

describe("blackbody colour", () => {
  const bands = passbands(1000);
  const lam = bands.lam.tolist() as number[];
  const g = bands.gFilter.tolist() as number[];
  const r = bands.rFilter.tolist() as number[];
  const betas = np.logspace(-2, 0, 101);
  const { colour, dColour } = colourAndGradient(bands, betas);
  const bs = betas.tolist() as number[];

  test("every colour and gradient is finite over beta in [0.01, 1] (float64)", () => {
    expect(colour.every(Number.isFinite)).toBe(true);
    expect(dColour.every(Number.isFinite)).toBe(true);
  });

  test("colours agree with a plain-loop reference", () => {
    bs.forEach((b, i) => expect(Math.abs(colour[i] - colourRef(b, lam, g, r))).toBeLessThan(1e-12 * Math.max(1, Math.abs(colour[i]))));
  });

  test("gradients agree with fourth-order central differences to 1e-10 relative", () => {
    bs.forEach((b, i) => {
      const h = 1e-3 * b;
      const f = (x: number) => colourRef(x, lam, g, r);
      const fd = (8 * (f(b + h) - f(b - h)) - (f(b + 2 * h) - f(b - 2 * h))) / (12 * h);
      expect(Math.abs(dColour[i] - fd) / Math.abs(fd)).toBeLessThan(1e-10);
    });
  });
});
