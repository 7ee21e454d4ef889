import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests resolve sibling packages to their TypeScript sources, so `pnpm test` needs no
// prior build: @orrery/<name> → packages/<name>/src/index.ts.
const packages = fileURLToPath(new URL("./packages/", import.meta.url));
const resolve = { alias: [{ find: /^@orrery\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` }] };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
          exclude: ["**/*.stats.test.ts", "**/node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: "stats",
          include: ["packages/*/test/**/*.stats.test.ts", "examples/*/test/**/*.stats.test.ts"],
          testTimeout: 600_000,
        },
      },
    ],
  },
});
