/**
 * Bundle the page with esbuild into dist/: dist/page.js (plus chunks for the wasm and webgl
 * backends, loaded only when chosen), dist/orrery-infer-worker.js (the Web Worker of parallel
 * chains), dist/index.html, and tfjs's .wasm files in dist/wasm/.
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
 * await buildPage(); // dist/index.html, dist/page.js, dist/orrery-infer-worker.js, dist/wasm/*.wasm
 * ```
 */
export async function buildPage(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(join(DIST, "wasm"), { recursive: true });
  const t0 = performance.now();
  await build({
    // The page, and @orrery/infer's chain worker for chainMethod "parallel": esbuild does not
    // follow `new Worker(new URL(...))`, so the worker script is an entry point of its own
    // (dist/orrery-infer-worker.js, a module worker sharing chunks with the page), and the page
    // gives MCMC its URL.
    entryPoints: { page: join(ROOT, "src", "page.ts"), "orrery-infer-worker": "@orrery/infer/worker" },
    absWorkingDir: ROOT,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["source"],
    // Reached only through dynamic imports the page never takes: node:module and node:path
    // (@orrery/backend-wasm's Node path), resvg (@orrery/plot's toPng, native, Node only) and
    // Graphviz (graphPlot). (@orrery/infer's Node-only imports are hidden from bundlers.)
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
