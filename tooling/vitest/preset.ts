import { defineConfig } from "vitest/config";

/**
 * Shared vitest settings. A fresh PGlite database costs ~4 s (10 s under parallel turbo load,
 * TOOLCHAIN.md pitfall 8), hence the generous timeouts; files share one database each.
 */
export const preset = defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
  },
});
