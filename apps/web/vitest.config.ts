import { defineConfig, mergeConfig } from "vitest/config";

import { preset } from "@marketable/vitest-config";

// Unit tests of server helpers (request ids, the route-handler wrapper); pages are covered by e2e/.
export default mergeConfig(
  preset,
  defineConfig({
    resolve: { alias: { "~": new URL("./src", import.meta.url).pathname } },
    test: { include: ["test/**/*.test.ts"], environment: "node" },
  }),
);
