/**
 * Node's built-in modules, loaded only when running in Node. The specifier is computed, and the
 * bundler hints say to leave the import alone, so that a browser bundle neither includes nor
 * tries to resolve `node:worker_threads` (esbuild leaves an `import()` of a non-literal alone;
 * webpack and Vite are told by the comments).
 */

/** Whether this is Node (or a runtime with Node's built-in modules: Deno, Bun). */
export function isNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

/**
 * Import one of Node's built-in modules by name (`"worker_threads"`, `"os"`).
 *
 * @example
 * ```ts
 * const { Worker } = await nodeModule<typeof import("node:worker_threads")>("worker_threads");
 * ```
 */
export function nodeModule<M>(name: string): Promise<M> {
  const specifier = `node:${name}`;
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier) as Promise<M>;
}
