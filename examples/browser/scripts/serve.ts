/**
 * A tiny static server for dist/ (no dependencies). Run directly, it serves on localhost
 * (PORT, default 8080; HOST, default localhost) and prints the URL.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST } from "./build.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".css": "text/css",
};

/**
 * Serve `dir` on `host:port` (port 0: any free port); resolves with the server and its URL.
 *
 * @example
 * ```ts
 * const { server, url } = await serve(DIST, "127.0.0.1", 0);
 * ```
 */
export function serve(dir: string, host: string, port: number): Promise<{ server: Server; url: string }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const path = normalize(join(root, pathname === "/" ? "index.html" : pathname));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-store" }).end(readFileSync(path));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const p = (server.address() as { port: number }).port;
      resolve({ server, url: `http://${host}:${p}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(DIST, "index.html"))) {
    console.error("dist/ is missing: run `pnpm --filter @orrery/example-browser build` first (`start` does both).");
    process.exit(1);
  }
  const { url } = await serve(DIST, process.env.HOST ?? "localhost", Number(process.env.PORT ?? 8080));
  console.log(`Orrery in the browser: open ${url}  (Ctrl-C to stop)`);
}
