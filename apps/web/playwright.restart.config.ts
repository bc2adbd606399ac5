import { defineConfig } from "@playwright/test";

/**
 * The stop-and-restart test of `npm start` (restart/): it starts and stops the whole product
 * itself, so no web server here. Needs the production build (`npm test` runs it after the e2e suite).
 */
export default defineConfig({
  testDir: "./restart",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 15 * 60_000,
  reporter: [["list"]],
});
