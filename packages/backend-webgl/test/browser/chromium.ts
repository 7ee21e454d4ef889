/**
 * Bundle a browser entry with esbuild, serve it on 127.0.0.1, open it in headless Chromium
 * (playwright-core, /usr/bin/chromium or $CHROMIUM) and return what the page leaves in
 * `window.__orreryResults`. Used by the webgl test (run.ts) and by `bench/device-rules`'s
 * webgl runner. Installs nothing: on Debian, `apt-get install -y chromium` first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGES = join(HERE, "..", "..", "..");
/** The Chromium binary. */
export const EXE = process.env.CHROMIUM ?? "/usr/bin/chromium";
// From PEERS.md: headless, as root, and quiet on a closed network.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Run `entry` (a TypeScript file that sets `window.__orreryResults`) in headless Chromium and
 * return that value; null when Chromium is missing (after saying how to install it). `query`
 * (e.g. "only=GLSL") is the page's `location.search`.
 *
 * @example
 * ```ts
 * const report = await runInChromium(join(HERE, "entry.ts"));
 * ```
 */
export async function runInChromium<T>(entry: string, query = ""): Promise<T | null> {
  if (!existsSync(EXE)) {
    console.error(`Chromium not found at ${EXE}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM=/path/to/chrome.`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), "orrery-webgl-"));
  const profile = mkdtempSync(join(tmpdir(), "orrery-chromium-profile-"));
  try {
    await build({
      entryPoints: [entry],
      outfile: join(dir, "bundle.js"),
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      alias: { "@orrery/core": join(PACKAGES, "core", "src", "index.ts") },
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "warning",
    });
    writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><title>orrery webgl</title><script type="module" src="bundle.js"></script>');
    const server = createServer((req, res) => {
      const file = (req.url ?? "/").split("?")[0].slice(1) || "index.html";
      const path = join(dir, file);
      if (!/^[\w.-]+$/.test(file) || !existsSync(path)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "text/html" }).end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const context = await chromium.launchPersistentContext(profile, { executablePath: EXE, headless: true, args: FLAGS });
    let report: T;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const logs: string[] = [];
      page.on("console", (m) => logs.push(`[${m.type()}] ${m.text()}`));
      page.on("pageerror", (e) => logs.push(`[pageerror] ${e.message}`));
      // The cases run in the page's module script and hold its load event back (software GL
      // compiles a shader per kernel shape): wait for the response only, then for the results.
      await page.goto(`http://127.0.0.1:${port}/${query === "" ? "" : `?${query}`}`, { waitUntil: "commit" });
      await page.waitForFunction(() => (window as unknown as { __orreryResults?: unknown }).__orreryResults !== undefined, undefined, { timeout: 900_000, polling: 1000 });
      report = (await page.evaluate(() => (window as unknown as { __orreryResults: unknown }).__orreryResults)) as T;
      if (process.env.VERBOSE) for (const l of logs) console.log(l);
    } finally {
      await context.close();
      server.close();
    }
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
