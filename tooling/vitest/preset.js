import { defineConfig } from "vitest/config";

/**
 * Shared vitest settings (plain JS: vitest loads configs through Node, which cannot import a
 * TypeScript file from another workspace package). A fresh PGlite database costs ~4 s (10 s
 * under parallel turbo load, TOOLCHAIN.md pitfall 8), hence the generous timeouts.
 */
export const preset = defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
  },
});
