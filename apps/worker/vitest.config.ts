import { preset } from "@marketable/vitest-config";
import { defineConfig, mergeConfig } from "vitest/config";

export default mergeConfig(preset, defineConfig({ test: { include: ["test/**/*.test.ts"] } }));
