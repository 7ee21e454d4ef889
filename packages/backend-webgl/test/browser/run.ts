/**
 * `pnpm test:browser`: run entry.ts (the webgl device cases) in headless Chromium (chromium.ts)
 * and report. Exit code 0 when every case passes. `ONLY=text` runs only the cases whose name
 * contains that text (e.g. `ONLY="GLSL kernel"`).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXE, runInChromium } from "./chromium.js";

const HERE = dirname(fileURLToPath(import.meta.url));

interface Report {
  fatal?: string;
  backend?: string;
  webglVersion?: number;
  renderer?: string;
  results?: { name: string; ok: boolean; error?: string }[];
}

async function main(): Promise<number> {
  const report = await runInChromium<Report>(join(HERE, "entry.ts"), process.env.ONLY === undefined ? "" : `only=${encodeURIComponent(process.env.ONLY)}`);
  if (report === null) return 2;
  if (report.fatal !== undefined) {
    console.error(`webgl: failed to start: ${report.fatal}`);
    return 1;
  }
  const results = report.results ?? [];
  console.log(`webgl in ${EXE}: tfjs backend ${report.backend}, WebGL ${report.webglVersion}, renderer ${report.renderer}`);
  for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name}${r.ok ? "" : `\n      ${r.error?.split("\n").slice(0, 4).join("\n      ")}`}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

process.exitCode = await main();
