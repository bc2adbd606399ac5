import { defineConfig } from "@playwright/test";

import { chromiumLaunch } from "./chromiumLaunch";

/**
 * The production smoke (smoke/production.spec.ts): it starts its own processes from the packaged
 * build (no webServer here), so it runs alone, after the build, as a step of `npm test`.
 */
const port = Number(process.env.SMOKE_PORT ?? 3300);

export default defineConfig({
  testDir: "./smoke",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
});
