import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { defineConfig } from "@playwright/test";

import { chromiumLaunch } from "./chromiumLaunch";

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
// passwordReset.spec's SMTP receiver listens here (in the test process) for the reset emails.
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
// A fresh embedded database for every run: the server migrates and seeds the demo at boot.
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "marketable-e2e-"));

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
  webServer: [
    {
      // The bundled HubSpot sandbox with the demo agency: the suite's "HubSpot".
      command: `pnpm --filter @marketable/hubspot-sandbox run start --port ${sandboxPort} --preset demo`,
      url: `${sandboxUrl}/_sandbox/info`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The production server as deployed: Next's standalone output (serve.mjs), not `next start`.
      command: `node serve.mjs`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        MARKETABLE_DATA_DIR: dataDir,
        // Production mode names its database (no silent embedded fallback); a developer's .env is not read.
        DATABASE_URL: `pglite://${dataDir}/pglite`,
        MARKETABLE_ENV_FILE: "none",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        APP_URL: `http://127.0.0.1:${port}`,
        HUBSPOT_API_BASE: sandboxUrl,
        // Portals are connected by the tests themselves, through the pages.
        MARKETABLE_DEMO_CONNECT: "0",
        // alerts.spec's webhook receiver runs in the test process on 127.0.0.1: a private address.
        ALERT_WEBHOOK_ALLOW_PRIVATE: "1",
        // Password reset by email on; nothing listens unless passwordReset.spec runs.
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      },
    },
  ],
});
