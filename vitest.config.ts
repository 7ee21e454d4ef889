import { defineConfig } from "vitest/config";

// Tests resolve sibling packages to their TypeScript sources through the "source"
// export condition, so `pnpm test` needs no prior build.
const resolve = { conditions: ["source", "import", "module", "default"] };

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
          include: ["packages/*/test/**/*.stats.test.ts"],
          testTimeout: 600_000,
        },
      },
    ],
  },
});
