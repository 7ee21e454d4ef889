/**
 * The main thread's side of a chain worker, in Node (`worker_threads`) or in a browser (a module
 * Web Worker), picked at run time: how to start one, and one shape for its messages and
 * failures whichever the platform.
 */
import { isNode, nodeModule } from "./node-module.js";
import { type WorkerReply, type WorkerRequest } from "./worker-protocol.js";

/**
 * A worker made by `MCMC`'s `createWorker` option: a browser `Worker` (made with
 * `{ type: "module" }`) or a Node `worker_threads` `Worker`, running `@orrery/infer/worker`.
 */
export type ChainWorker =
  | {
      postMessage(message: unknown): void;
      terminate(): unknown;
      addEventListener(type: string, listener: (event: Event) => void): void;
    }
  | {
      postMessage(message: unknown): void;
      terminate(): unknown;
      // Node's own listener type
      on(event: string, listener: (...args: any[]) => void): unknown;
    };

/** Where `MCMC` gets its chain workers (its `workerUrl` and `createWorker` options). */
export interface WorkerSource {
  workerUrl?: string | URL;
  createWorker?: () => ChainWorker;
}

/** A started worker, as the pool sees it. */
export interface HostWorker {
  post(message: WorkerRequest): void;
  /**
   * Replies, and failures outside the handler (a script that did not load, an uncaught error,
   * an exit, a message that could not be read).
   */
  listen(onReply: (reply: WorkerReply) => void, onFailure: (detail: string) => void): void;
  terminate(): void;
}

/** How to start workers here, and how many may run at once. */
export interface WorkerPlatform {
  spawn(): HostWorker;
  cores: number;
  /** Where the worker script comes from, for error messages. */
  script: string;
}

const describeError = (e: { message?: unknown; filename?: unknown; lineno?: unknown } | null | undefined): string => {
  if (e === null || e === undefined) return "unknown error";
  const where = typeof e.filename === "string" && e.filename !== "" ? ` (${e.filename}${typeof e.lineno === "number" ? `:${e.lineno}` : ""})` : "";
  return typeof e.message === "string" && e.message !== "" ? `${e.message}${where}` : `the script did not load or failed to evaluate${where}`;
};

/** Wrap a browser-style worker (`addEventListener`, `event.data`) or a Node one (`on`, values). */
function adapt(w: ChainWorker): HostWorker {
  if ("on" in w && typeof w.on === "function") {
    const node = w as { postMessage(m: unknown): void; terminate(): unknown; on(ev: string, f: (...a: unknown[]) => void): unknown };
    let terminated = false;
    return {
      post: (m) => node.postMessage(m),
      listen(onReply, onFailure) {
        node.on("message", (m) => onReply(m as WorkerReply));
        node.on("error", (e) => onFailure(describeError(e as Error)));
        node.on("messageerror", (e) => onFailure(`a message from the worker could not be read (${describeError(e as Error)})`));
        node.on("exit", (code) => {
          if (!terminated) onFailure(`the worker exited (code ${String(code)})`);
        });
      },
      terminate() {
        terminated = true;
        void node.terminate();
      },
    };
  }
  const web = w as { postMessage(m: unknown): void; terminate(): unknown; addEventListener(t: string, f: (e: Event) => void): void };
  return {
    post: (m) => web.postMessage(m),
    listen(onReply, onFailure) {
      web.addEventListener("message", (e) => onReply((e as MessageEvent<WorkerReply>).data));
      web.addEventListener("error", (e) => {
        e.preventDefault?.();
        onFailure(describeError(e as ErrorEvent));
      });
      web.addEventListener("messageerror", () => onFailure("a message from the worker could not be read"));
    },
    terminate: () => void web.terminate(),
  };
}

// A URL next to this module. Not written as `new URL("./…", import.meta.url)`: webpack and Vite
// would take that for an asset to emit; only the browser's default Worker below is meant for them.
const besideThis = (file: string): URL => new URL(file, import.meta.url);

// A string URL for Node's Worker: file: and data: URLs become URL objects (a plain string is a path).
const nodeScript = (u: string | URL): string | URL => (typeof u === "string" && /^(file|data):/.test(u) ? new URL(u) : u);

/**
 * Pick the platform: Node worker threads, or browser Web Workers (module workers).
 *
 * @example
 * ```ts
 * const { spawn, cores } = await workerPlatform({});
 * const w = spawn(); // runs @orrery/infer/worker
 * ```
 */
export async function workerPlatform(source: WorkerSource): Promise<WorkerPlatform> {
  const { workerUrl, createWorker } = source;
  if (isNode()) {
    const { Worker } = await nodeModule<typeof import("node:worker_threads")>("worker_threads");
    const os = await nodeModule<typeof import("node:os")>("os");
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    if (createWorker !== undefined) return { spawn: () => adapt(createWorker()), cores, script: "createWorker()" };
    if (workerUrl !== undefined) return { spawn: () => adapt(new Worker(nodeScript(workerUrl)) as ChainWorker), cores, script: String(workerUrl) };
    // From sources (a .ts worker, in development and tests) the worker first registers the
    // TypeScript loader; from dist it is plain JavaScript.
    if (import.meta.url.endsWith(".ts")) {
      const url = besideThis("./worker.ts").href;
      const code = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
      return { spawn: () => adapt(new Worker(code, { eval: true, execArgv: ["--conditions=source"] }) as ChainWorker), cores, script: url };
    }
    const url = besideThis("./worker.js");
    return { spawn: () => adapt(new Worker(url) as ChainWorker), cores, script: url.href };
  }
  if (typeof Worker !== "function") {
    throw new Error('MCMC: chainMethod "parallel" needs worker threads (Node) or Web Workers (a browser); this environment has neither: use "sequential"');
  }
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 4;
  if (createWorker !== undefined) return { spawn: () => adapt(createWorker()), cores, script: "createWorker()" };
  if (workerUrl !== undefined) return { spawn: () => adapt(new Worker(workerUrl, { type: "module" })), cores, script: String(workerUrl) };
  // The pattern bundlers recognise (webpack 5, Vite): they emit worker.js and rewrite the URL.
  // esbuild leaves it as is: the URL is then relative to the bundled file, see the README.
  return {
    spawn: () => adapt(new Worker(new URL("./worker.js", import.meta.url), { type: "module" })),
    cores,
    script: besideThis("./worker.js").href,
  };
}
