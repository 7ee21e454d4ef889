/**
 * Blackbody colour and its gradient for 100,000 temperatures, with jit(vmap(grad(...))),
 * in float64; writes out/blackbody.svg.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { np } from "@orrery/core";
import { colourAndGradient, passbands } from "./blackbody.js";
import { twoPanelSvg } from "./svg-plot.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
const nBeta = Number(process.env.BLACKBODY_N ?? 100_000);

const t0 = performance.now();
const bands = passbands(1000);
const betas = np.logspace(-2, 0, nBeta);
const { colour, dColour, compileMs } = colourAndGradient(bands, betas);
const seconds = (performance.now() - t0) / 1000;

const finite = (a: Float64Array) => a.every(Number.isFinite);
console.log(`Blackbody colour log10(f_g/f_r) for ${nBeta} temperatures x 1000 wavelengths (float64, jit(vmap(grad)))`);
console.log(`  colour   in [${Math.min(...colour).toFixed(4)}, ${Math.max(...colour).toFixed(4)}], all finite: ${finite(colour)}`);
console.log(`  gradient in [${Math.min(...dColour).toExponential(3)}, ${Math.max(...dColour).toExponential(3)}], all finite: ${finite(dColour)}`);
console.log(`  time: ${seconds.toFixed(2)} s with jit (of which tracing and compiling: ${compileMs.toFixed(0)} ms)`);

mkdirSync(outDir, { recursive: true });
const x = (betas as any).data as Float64Array;
const svg = twoPanelSvg(
  x,
  [
    { title: "Colour of a blackbody", ylabel: "log10(f_g / f_r)", y: colour },
    { title: "Its derivative, from vmap(grad(colour))", ylabel: "d colour / d beta", y: dColour },
  ],
  "beta (dimensionless temperature), log scale",
);
writeFileSync(join(outDir, "blackbody.svg"), svg);
console.log(`  wrote ${join("examples", "blackbody", "out", "blackbody.svg")}`);
