/**
 * The chain worker of `chainMethod: "parallel"` (`@orrery/infer/worker`): a Node
 * `worker_threads` worker or a browser module Web Worker, whichever it finds itself in. Both
 * feed the same handler (`chainWorkerHandler`); only the port differs.
 *
 * In a browser this file is an entry point of its own: a bundler that understands
 * `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })` (webpack 5, Vite)
 * emits it by itself; with esbuild, add `@orrery/infer/worker` as an entry point and pass its
 * URL as `MCMC`'s `workerUrl` (see the README of @orrery/infer).
 */
import { type PostReply, type WorkerRequest, chainWorkerHandler } from "./worker-protocol.js";
import { nodeModule } from "./node-module.js";

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent<WorkerRequest>) => void): void;
}

const g = globalThis as unknown as { WorkerGlobalScope?: unknown; self?: WorkerScope };

if (g.WorkerGlobalScope !== undefined && g.self !== undefined) {
  // A browser (module) Web Worker: listen at once, before anything is awaited, so that no
  // message is dispatched before the listener exists.
  const scope = g.self;
  const handle = chainWorkerHandler((reply, transfer) => scope.postMessage(reply, transfer));
  scope.addEventListener("message", (e) => handle(e.data));
} else {
  // A Node worker thread: its parent port queues messages until a listener is attached.
  void nodeModule<typeof import("node:worker_threads")>("worker_threads").then(({ parentPort }) => {
    if (parentPort === null) throw new Error("@orrery/infer/worker is a worker script: start it with new Worker(...), not import it");
    const post: PostReply = (reply, transfer) => parentPort.postMessage(reply, transfer);
    const handle = chainWorkerHandler(post);
    parentPort.on("message", handle);
  });
}
