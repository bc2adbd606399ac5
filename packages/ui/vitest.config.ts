import { defineConfig, mergeConfig } from "vitest/config";

import { preset } from "@marketable/vitest-config";

// Loaded with `--configLoader runner`: the shared preset is a .ts file inside a linked workspace
// package, which the default bundling loader leaves to Node 20, and Node 20 cannot import .ts.
// happy-dom rather than jsdom: jsdom 27+ needs Node 22 and these machines run Node 20.
export default mergeConfig(
  preset,
  defineConfig({
    test: {
      environment: "happy-dom",
      include: ["src/**/*.test.{ts,tsx}"],
      setupFiles: ["./test/setup.ts"],
    },
  }),
);
