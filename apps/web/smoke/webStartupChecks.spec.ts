import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { expect, test } from "@playwright/test";
import pg from "pg";

/**
 * The web process's fail-fast start, as an operator starts it: `node apps/web/serve.mjs`
 * from the production build (or from SMOKE_RELEASE_DIR's packaged release). With a setting
 * missing, the database unreachable or its schema unmigrated, it exits non-zero within 10 s and
 * says why in exactly one line. The worker's and admin CLI's checks: apps/worker/test/startupChecks.test.ts.
 */
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const release = process.env.SMOKE_RELEASE_DIR ?? repoRoot;
const serveScript = path.join(release, "apps/web/serve.mjs");
const port = Number(process.env.SMOKE_FAILFAST_PORT ?? 3301);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const unreachable = "postgres://postgres@127.0.0.1:1/x";

const databaseName = `marketable_web_failfast_${Date.now()}_${randomBytes(3).toString("hex")}`;
const emptyDatabaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

const goodSettings = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  MARKETABLE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
  HUBSPOT_API_BASE: "http://127.0.0.1:4999",
  APP_URL: "http://portal.failfast.example",
};

interface Outcome {
  code: number | null;
  stderrLines: string[];
  ms: number;
}

function startWeb(env: Record<string, string | undefined>): Promise<Outcome> {
  const started = performance.now();
  // Only what the test names: no developer .env, no inherited DATABASE_URL or secrets.
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MARKETABLE_ENV_FILE: "none",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
  };
  const child: ChildProcess = spawn(process.execPath, [serveScript], {
    cwd: release,
    env: { ...baseEnv, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // A server that does not fail keeps running: stop it well after the 10 s the check allows.
  const hardStop = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) => {
    child.once("exit", (code: number | null) => {
      clearTimeout(hardStop);
      resolve({ code, stderrLines: stderr.split("\n").filter((line) => line.trim() !== ""), ms: performance.now() - started });
    });
  });
}

/** Exited non-zero within 10 s with exactly one line on stderr, which matches `cause`. */
function expectOneLineFailure(outcome: Outcome, cause: RegExp) {
  expect(outcome.stderrLines, outcome.stderrLines.join("\n")).toHaveLength(1);
  expect(outcome.stderrLines[0]).toMatch(cause);
  expect(outcome.code, "exit code").not.toBe(0);
  expect(outcome.code, "exited by itself, not killed").not.toBeNull();
  expect(outcome.ms).toBeLessThan(10_000);
}

test.describe.configure({ mode: "serial" });
test.setTimeout(60_000);

test.beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${databaseName}"`);
  await admin.end();
});

test.afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${databaseName}" with (force)`).catch(() => undefined);
  await admin.end();
});

test("web: a missing AUTH_SECRET stops it", async () => {
  const { AUTH_SECRET: _omitted, ...rest } = goodSettings;
  expectOneLineFailure(await startWeb({ ...rest, DATABASE_URL: emptyDatabaseUrl }), /^web cannot start: AUTH_SECRET is missing/);
});

test("web: missing MARKETABLE_ENCRYPTION_KEYS stop it", async () => {
  const { MARKETABLE_ENCRYPTION_KEYS: _omitted, ...rest } = goodSettings;
  expectOneLineFailure(
    await startWeb({ ...rest, DATABASE_URL: emptyDatabaseUrl }),
    /^web cannot start: MARKETABLE_ENCRYPTION_KEYS is missing/,
  );
});

test("web: an unreachable database stops it", async () => {
  expectOneLineFailure(
    await startWeb({ ...goodSettings, DATABASE_URL: unreachable }),
    /^web cannot start: DATABASE_URL: cannot reach 127\.0\.0\.1:1\/x/,
  );
});

test("web: a database without the schema stops it", async () => {
  expectOneLineFailure(
    await startWeb({ ...goodSettings, DATABASE_URL: emptyDatabaseUrl }),
    /^web cannot start: DATABASE_URL: the schema of .* is older than the code \(\d+ pending migrations, first 0000_/,
  );
});

test("web: more than one web process on the embedded database stops it", async () => {
  expectOneLineFailure(
    await startWeb({ ...goodSettings, DATABASE_URL: "pglite:///tmp/never-opened", WEB_PROCESSES: "2" }),
    /^WEB_PROCESSES above 1 needs PostgreSQL \(a postgres:\/\/ DATABASE_URL\)/,
  );
});

test("web: a WEB_PROCESSES that is not a count stops it", async () => {
  expectOneLineFailure(
    await startWeb({ ...goodSettings, DATABASE_URL: emptyDatabaseUrl, WEB_PROCESSES: "two" }),
    /^WEB_PROCESSES must be a whole number from 1 to 64 \(got "two"\)/,
  );
});
