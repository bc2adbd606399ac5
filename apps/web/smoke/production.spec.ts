import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";
import pg from "pg";

import { childPids, commandLine, processGroup, waitForUrl } from "./processes";
import { writeReadmeEnv } from "./readmeEnv";

/**
 * The production smoke: README's production section followed literally, on the build
 * the Dockerfile packages. A fresh PostgreSQL database; the `.env` README describes; migrate;
 * the first-owner command; one web process and two workers from the packaged build, each plain
 * `node …js`; the owner signs in, connects a sandbox portal through OAuth, and the sync (run by
 * the workers: this web process works no jobs) stores exactly the sandbox's contacts.
 */
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const webPort = Number(process.env.SMOKE_PORT ?? 3300);
const sandboxPort = Number(process.env.SMOKE_SANDBOX_PORT ?? 4310);
const appUrl = `http://127.0.0.1:${webPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ownerEmail = "owner@smoke.example";
const ownerPassword = "smoke test owner password";
const CONNECTED_PORTAL = "Cedar & Pine Realty";

const databaseName = `marketable_smoke_${Date.now()}_${randomBytes(3).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

// Made when the test runs (Playwright also loads this file just to list the tests).
let work: string | undefined;
let processes: ReturnType<typeof processGroup> | undefined;
let sandbox: ChildProcess | undefined;

test.describe.configure({ mode: "serial" });
test.setTimeout(20 * 60_000);

test.afterAll(async () => {
  await processes?.stopAll();
  sandbox?.kill("SIGTERM");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${databaseName}" with (force)`).catch(() => undefined);
  await admin.end();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("production by the README: packaged build, PostgreSQL, first owner, OAuth connect, the workers sync", async ({ page }) => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "marketable-smoke-"));
  const release = process.env.SMOKE_RELEASE_DIR ?? path.join(work, "release");
  // Only what a host gives every process: no NODE_ENV, no DATABASE_URL, no MARKETABLE_* of the run.
  processes = processGroup({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? "C.UTF-8",
    MARKETABLE_ENV_FILE: path.join(work, ".env"),
  });
  // The build, assembled as the Dockerfile does it: production dependencies only, no TypeScript.
  if (!process.env.SMOKE_RELEASE_DIR) {
    const packaged = spawnSync(process.execPath, [path.join(repoRoot, "scripts/package.mjs"), release], {
      cwd: repoRoot,
      stdio: "inherit",
    });
    expect(packaged.status, "node scripts/package.mjs").toBe(0);
  }
  const webScript = path.join(release, "apps/web/serve.mjs");
  const workerScript = path.join(release, "apps/worker/dist/main.js");
  const adminScript = path.join(release, "apps/worker/dist/admin.js");
  for (const runner of ["tsx", "typescript", "ts-node", "esbuild"]) {
    expect(fs.existsSync(path.join(release, "apps/worker/node_modules", runner)), `${runner} in the packaged worker`).toBe(false);
  }

  // The HubSpot sandbox stands in for HubSpot; its app's id and secret are the "HubSpot app".
  sandbox = spawn("pnpm", ["--filter", "@marketable/hubspot-sandbox", "run", "start", "--port", String(sandboxPort), "--preset", "small"], {
    cwd: repoRoot,
    stdio: "ignore",
  });
  await waitForUrl(`${sandboxUrl}/_sandbox/info`, 120_000);
  const info = (await (await fetch(`${sandboxUrl}/_sandbox/info`)).json()) as { oauth: { clientId: string; clientSecret: string } };

  // A fresh database, as an operator creates one.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${databaseName}"`);
  await admin.end();

  // The .env, exactly as README's production section lists it.
  const env = writeReadmeEnv(
    path.join(work, ".env"),
    {
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      AUTH_SECRET: randomBytes(48).toString("base64"),
      MARKETABLE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
      HUBSPOT_CLIENT_ID: info.oauth.clientId,
      HUBSPOT_CLIENT_SECRET: info.oauth.clientSecret,
    },
    // README's environment table: HubSpot's API and authorize page, here the sandbox's; the port.
    { HUBSPOT_API_BASE: sandboxUrl, HUBSPOT_AUTHORIZE_URL: `${sandboxUrl}/oauth/authorize`, PORT: String(webPort) },
  );
  expect(env.NODE_ENV, "README's .env runs in production mode").toBe("production");

  // Migrate, then the first owner: the command prints the one-time setup link.
  processes.run(adminScript, ["migrate"]);
  const setupLink = processes.run(adminScript, ["create-owner", "--agency", "Smoke Agency", "--email", ownerEmail]).trim();
  expect(setupLink).toMatch(new RegExp(`^${appUrl.replace(/[.]/g, "\\.")}/\\S+$`));

  // The web server as two processes (serve.mjs's cluster: one per core by default) and two
  // workers, each plain `node <file>.js`.
  const web = processes.start("web", webScript, { WEB_PROCESSES: "2" });
  const workers = [processes.start("worker 1", workerScript), processes.start("worker 2", workerScript)];
  for (const started of [web, ...workers]) {
    const [executable, script, ...rest] = commandLine(started.child.pid!);
    expect(path.basename(executable!)).toMatch(/^node/);
    expect(script).toMatch(/\.m?js$/);
    expect(rest).toEqual([]);
  }
  try {
    await waitForUrl(`${appUrl}/api/health`, 120_000, () => web.child.exitCode === null);
    // The second server starts once the first passed its checks.
    await expect.poll(() => childPids(web.child.pid!).length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => workers.map((w) => w.output().includes('"msg":"worker started"')), { timeout: 60_000 }).toEqual([true, true]);

    // The owner sets a password through the link, then signs in with it.
    await page.goto(setupLink);
    await page.getByLabel("Your name").fill("Smoke Owner");
    await page
      .getByLabel(/password/i)
      .first()
      .fill(ownerPassword);
    await page
      .getByRole("button")
      .filter({ hasText: /join|create|set|continue/i })
      .first()
      .click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(ownerEmail);
    await page.context().clearCookies();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ownerEmail);
    await page.getByLabel("Password").fill(ownerPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(ownerEmail);

    // Connect a sandbox portal through OAuth (HubSpot's authorize page is the sandbox's).
    const portals = (await (await fetch(`${sandboxUrl}/_sandbox/portals`)).json()) as {
      results: { hubId: number; name: string; contacts: number }[];
    };
    const hub = portals.results.find((p) => p.name === CONNECTED_PORTAL)!;
    await page.goto("/portals/connect");
    await page.getByRole("button", { name: "Connect with HubSpot" }).click();
    await expect(page.getByRole("heading", { name: "Connect Marketable" })).toBeVisible();
    await page.getByLabel("Portal").selectOption(String(hub.hubId));
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 180_000 });

    // The stored count is the sandbox's, and the workers did the work (the web process runs none).
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const stored = await db.query<{ n: string }>(
        "select count(*) as n from contacts c join portal_connections pc on pc.portal_id = c.portal_id where pc.hub_id = $1 and not c.archived",
        [String(hub.hubId)],
      );
      const live = (await (await fetch(`${sandboxUrl}/_sandbox/portals/${hub.hubId}`)).json()) as { contacts: number };
      expect(Number(stored.rows[0]!.n)).toBe(live.contacts);
      expect(live.contacts).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
    expect(web.output()).not.toContain("in-process worker started");
    expect(workers.some((w) => w.output().includes("sync.portal"))).toBe(true);

    // Production logs: JSON lines, one access-log line per request with its request id; no HSTS over http.
    const signInPage = await fetch(`${appUrl}/sign-in?from=smoke`);
    expect(signInPage.headers.get("strict-transport-security")).toBeNull();
    const requestId = signInPage.headers.get("x-request-id");
    const accessLine = () =>
      web
        .output()
        .split("\n")
        .filter((line) => line.includes('"msg":"request"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.requestId === requestId);
    await expect.poll(accessLine).toMatchObject({ method: "GET", path: "/sign-in", status: 200, durationMs: expect.any(Number) });

    // Key rotation: a new key first, the old one kept; the command re-seals and says key 1 can go.
    const rotated = processes.run(path.join(release, "apps/worker/dist/reseal-secrets.js"), [], {
      MARKETABLE_ENCRYPTION_KEYS: `2:${randomBytes(32).toString("base64")},${env.MARKETABLE_ENCRYPTION_KEYS}`,
    });
    expect(rotated).toContain("Re-sealed under key 2: 1 portal connection(s)");
    expect(rotated).toContain("Key 1 seals nothing now");
  } catch (error) {
    console.error(processes.describe());
    throw error;
  }
});
