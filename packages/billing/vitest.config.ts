import { defineConfig, mergeConfig } from "vitest/config";

import { preset } from "@marketable/vitest-config";

// The `test` script passes `--configLoader runner` because on this branch the shared preset is a
// .ts file in a linked workspace package, which Node 20 cannot import (main has since made it JS;
// the flag can go once merged).
export default mergeConfig(preset, defineConfig({ test: { include: ["test/**/*.test.ts"] } }));
