import { defineConfig, mergeConfig } from "vitest/config";

import { preset } from "@marketable/vitest-config";

export default mergeConfig(preset, defineConfig({ test: { include: ["src/**/*.test.ts"] } }));
