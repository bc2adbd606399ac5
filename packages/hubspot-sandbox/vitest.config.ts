// `pnpm test` passes `--configLoader runner`: on this branch the shared preset is a .ts file in a
// linked workspace package, which Node 20 cannot import directly.
import { defineConfig, mergeConfig } from "vitest/config";

import { preset } from "@marketable/vitest-config";

export default mergeConfig(
  preset,
  defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
    },
  }),
);
