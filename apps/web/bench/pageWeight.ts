// JavaScript sent to the browser by the billing pages, measured the way a browser receives it:
// the production build under `next start` (gzip on), a billing user signed in through the real
// form in Debian's Chromium, every script response of the page load counted once. Reports the
// compressed (as sent) and uncompressed totals next to the target; never fails.
// Needs a production build (turbo runs `build` before this package's `bench`).
// Run: pnpm --filter @marketable/web bench
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { chromium, type Page, type Response } from "@playwright/test";

// Target: under 200 kB compressed (it was 239 kB with every page carrying the agency switcher and Sonner).
import { chromiumLaunch } from "../chromiumLaunch";

const TARGET_KB = 200;
const port = Number(process.env.BENCH_WEB_PORT ?? 3190);
const baseUrl = `http://127.0.0.1:${port}`;
const webDir = path.resolve(import.meta.dirname, "..");

interface ScriptWeight {
  url: string;
  sentBytes: number;
  rawBytes: number;
}

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not answer on ${baseUrl} within the deadline`);
}

/** Loads a page with an empty cache and weighs every script it fetched. */
async function weigh(page: Page, url: string, ready: (page: Page) => Promise<void>): Promise<ScriptWeight[]> {
  const scripts: ScriptWeight[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await response.body();
        const encoding = (await response.headerValue("content-encoding")) ?? "";
        // What crossed the wire: the encoded body when the server compressed it, else gzip of it.
        const sentBytes =
          encoding.includes("gzip") || encoding.includes("br")
            ? (await response.request().sizes()).responseBodySize
            : gzipSync(body).length;
        scripts.push({ url: new URL(response.url()).pathname, sentBytes, rawBytes: body.length });
      })(),
    );
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  await ready(page);
  await Promise.all(pending);
  page.off("response", onResponse);
  return scripts;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "marketable-bench-web-"));
const server = spawn(process.execPath, ["./node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
  cwd: webDir,
  env: {
    ...process.env,
    NODE_ENV: "production",
    MARKETABLE_DATA_DIR: dataDir,
    DATABASE_URL: `pglite://${dataDir}/pglite`,
    MARKETABLE_ENV_FILE: "none",
    MARKETABLE_DEMO_CONNECT: "0",
    LOG_LEVEL: "warn",
    APP_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const browser = await chromium.launch(chromiumLaunch);
try {
  await waitForHealth(Date.now() + 120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  // Sign in through the form, then drop the cache so the measured load fetches everything anew.
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill("billing@northwind.test");
  await page.getByLabel("Password").fill("marketable-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

  const rollup = await weigh(page, `${baseUrl}/billing`, async (p) => {
    await p.getByRole("table").first().waitFor();
  });
  const sent = rollup.reduce((sum, s) => sum + s.sentBytes, 0);
  const raw = rollup.reduce((sum, s) => sum + s.rawBytes, 0);
  console.log(`page weight bench: next start (production build), Chromium, signed in as the demo billing user`);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(
    `roll-up page (/billing) JavaScript: ${rollup.length} scripts, ${kb(sent)} kB compressed (${kb(raw)} kB uncompressed)  target < ${TARGET_KB} kB compressed  ${sent / 1024 < TARGET_KB ? "met" : "MISSED"}`,
  );
  for (const script of [...rollup].sort((a, b) => b.sentBytes - a.sentBytes).slice(0, Number(process.env.BENCH_LIST ?? 5))) {
    console.log(`  ${kb(script.sentBytes).padStart(7)} kB  ${script.url}`);
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
