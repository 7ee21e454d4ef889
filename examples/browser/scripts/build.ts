/**
 * Bundle the page with esbuild into dist/: dist/page.js (plus chunks for the wasm and webgl
 * backends, loaded only when chosen), dist/index.html, and tfjs's .wasm files in dist/wasm/.
 * Workspace packages resolve to their TypeScript sources (the "source" export condition), so
 * nothing needs building first.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The example's folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the built page goes. */
export const DIST = join(ROOT, "dist");

/**
 * Build the page into `dist/`.
 *
 * @example
 * ```ts
 * await buildPage(); // dist/index.html, dist/page.js, dist/wasm/*.wasm
 * ```
 */
export async function buildPage(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(join(DIST, "wasm"), { recursive: true });
  const t0 = performance.now();
  await build({
    entryPoints: { page: join(ROOT, "src", "page.ts") },
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["source"],
    // Reached only through dynamic imports the page never takes: worker_threads (@orrery/infer's
    // chainMethod "parallel" in Node), resvg (@orrery/plot's toPng, native, Node only) and
    // Graphviz (graphPlot).
    external: ["node:*", "@resvg/resvg-js", "@hpcc-js/wasm-graphviz"],
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  });
  copyFileSync(join(ROOT, "index.html"), join(DIST, "index.html"));
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
  for (const f of readdirSync(wasmDir)) if (f.endsWith(".wasm")) copyFileSync(join(wasmDir, f), join(DIST, "wasm", f));
  console.log(`built examples/browser/dist in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildPage();
