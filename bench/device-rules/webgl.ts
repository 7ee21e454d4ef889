/**
 * `bench/device-rules` on webgl: runs webgl-entry.ts in headless Chromium (without a GPU that is
 * SwiftShader, software rendering: the ratios between ways say more than the times) and prints,
 * per case, the GLSL kernel, the tfjs-ops rule and the CPU kernel. Writes JSON.
 *
 * Run: node --conditions=source --import tsx bench/device-rules/webgl.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInChromium } from "../../packages/backend-webgl/test/browser/chromium.js";
import { type WebglRow } from "./webgl-entry.js";

const here = dirname(fileURLToPath(import.meta.url));

interface Report {
  fatal?: string;
  renderer?: string;
  steady?: number;
  rows?: WebglRow[];
}

const report = await runInChromium<Report>(join(here, "webgl-entry.ts"));
if (report === null || report.fatal !== undefined || report.rows === undefined) {
  console.error(`webgl bench failed: ${report?.fatal ?? "no Chromium"}`);
  process.exit(1);
}
console.log(`renderer: ${report.renderer}; median of ${report.steady} calls, each read back to the host`);
const labels = [...new Set(report.rows.map((r) => r.label))];
const fmt = (r: WebglRow | undefined): string => (r === undefined ? "—".padStart(22) : `${r.steadyMs.toFixed(2).padStart(9)} ms (${String(r.kernels).padStart(4)} k)`.padStart(22));
console.log(`${"case".padEnd(32)}${"glsl".padStart(22)}${"tfjs ops".padStart(22)}${"cpu kernel".padStart(22)}`);
for (const label of labels) {
  const of = (way: WebglRow["way"]) => report.rows!.find((r) => r.label === label && r.way === way);
  console.log(`${label.padEnd(32)}${fmt(of("glsl"))}${fmt(of("tfjs ops"))}${fmt(of("cpu kernel"))}`);
}
mkdirSync(join(here, "../results"), { recursive: true });
const out = join(here, "../results/device-rules-webgl.json");
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2) + "\n");
console.log(`wrote ${out}`);
