import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb, users, verifyPassword } from "@marketable/db";
import { createUser } from "@marketable/db/seed";
import { testPostgresUrl } from "@marketable/db/testing";

/**
 * The real entry points, spawned as an operator would start them: each refuses to start with a
 * missing or wrong setting, an unreachable database or a schema older than the code, exits
 * non-zero within 10 s and says why in one line.
 */
const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entries = {
  worker: ["src/main.ts"],
  adminMigrate: ["src/admin.ts", "migrate"],
  dbMigrate: ["../../packages/db/src/cli/migrate.ts"],
  createOwner: ["src/admin.ts", "create-owner", "--agency", "Fail Fast Agency", "--email", "owner@failfast.example"],
} as const;

const unreachable = "postgres://postgres@127.0.0.1:1/marketable";
const goodSettings = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  MARKETABLE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
  HUBSPOT_API_BASE: "http://127.0.0.1:4999",
  APP_URL: "http://portal.failfast.example",
};

interface Outcome {
  code: number | null;
  stdout: string;
  stderrLines: string[];
  ms: number;
}

function run(
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: { input?: string; aliveForMs?: number } = {},
): Promise<Outcome> {
  const started = performance.now();
  // Only what the test names: no developer .env, no inherited DATABASE_URL or secrets.
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, MARKETABLE_ENV_FILE: "none", LOG_LEVEL: "warn" };
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: workerDir,
    env: { ...baseEnv, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? "");
  const hardStop = setTimeout(() => child.kill("SIGKILL"), options.aliveForMs ?? 15_000);
  return new Promise((resolve) => {
    child.once("exit", (code) => {
      clearTimeout(hardStop);
      resolve({ code, stdout, stderrLines: stderr.split("\n").filter((line) => line.trim() !== ""), ms: performance.now() - started });
    });
  });
}

/** Exited non-zero within 10 s with exactly one line on stderr, which matches `cause`. */
function expectOneLineFailure(outcome: Outcome, cause: RegExp) {
  expect(outcome.stderrLines, outcome.stderrLines.join("\n")).toHaveLength(1);
  expect(outcome.stderrLines[0]).toMatch(cause);
  expect(outcome.code).not.toBe(0);
  expect(outcome.code).not.toBeNull();
  expect(outcome.ms).toBeLessThan(10_000);
}

let freshUrl: string;
let freshName: string;

beforeAll(async () => {
  freshName = `marketable_failfast_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = await createDb(testPostgresUrl(), { poolSize: 1 });
  await admin.pool.query(`create database "${freshName}"`);
  await admin.close();
  const url = new URL(testPostgresUrl());
  url.pathname = `/${freshName}`;
  freshUrl = url.toString();
});

afterAll(async () => {
  const admin = await createDb(testPostgresUrl(), { poolSize: 1 });
  await admin.pool.query(`drop database if exists "${freshName}" with (force)`);
  await admin.close();
});

describe("settings", () => {
  it("a missing AUTH_SECRET stops the worker", async () => {
    const { AUTH_SECRET: _omitted, ...rest } = goodSettings;
    expectOneLineFailure(await run(entries.worker, { ...rest, DATABASE_URL: freshUrl }), /^worker cannot start: AUTH_SECRET is missing/);
  });

  it("a short AUTH_SECRET stops the worker", async () => {
    expectOneLineFailure(
      await run(entries.worker, { ...goodSettings, AUTH_SECRET: "too-short", DATABASE_URL: freshUrl }),
      /AUTH_SECRET is too short \(9 characters\)/,
    );
  });

  it("missing or malformed encryption keys stop the worker", async () => {
    const { MARKETABLE_ENCRYPTION_KEYS: _omitted, ...rest } = goodSettings;
    expectOneLineFailure(await run(entries.worker, { ...rest, DATABASE_URL: freshUrl }), /MARKETABLE_ENCRYPTION_KEYS is missing/);
    expectOneLineFailure(
      await run(entries.worker, { ...goodSettings, MARKETABLE_ENCRYPTION_KEYS: "1:not-32-bytes", DATABASE_URL: freshUrl }),
      /MARKETABLE_ENCRYPTION_KEYS must be version:base64 pairs/,
    );
  });

  it("real HubSpot without the app's client id and secret stops the worker", async () => {
    const { HUBSPOT_API_BASE: _omitted, ...rest } = goodSettings;
    expectOneLineFailure(
      await run(entries.worker, { ...rest, DATABASE_URL: freshUrl }),
      /HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are required/,
    );
  });

  it("production without DATABASE_URL never falls back to the embedded database", async () => {
    const production = { ...goodSettings, NODE_ENV: "production" };
    expectOneLineFailure(await run(entries.worker, production), /^worker cannot start: DATABASE_URL is required when NODE_ENV=production/);
    expectOneLineFailure(await run(entries.dbMigrate, production), /^migrate cannot start: DATABASE_URL is required/);
    expectOneLineFailure(await run(entries.adminMigrate, production), /^admin migrate cannot start: DATABASE_URL is required/);
  });
});

describe("the database", () => {
  it("an unreachable database stops the worker and the migrations", async () => {
    const env = { ...goodSettings, DATABASE_URL: unreachable };
    expectOneLineFailure(
      await run(entries.worker, env),
      /^worker cannot start: DATABASE_URL: cannot reach 127\.0\.0\.1:1\/marketable: connect ECONNREFUSED/,
    );
    expectOneLineFailure(await run(entries.dbMigrate, env), /^migrate cannot start: DATABASE_URL: cannot reach 127\.0\.0\.1:1/);
    expectOneLineFailure(await run(entries.adminMigrate, env), /^admin migrate cannot start: DATABASE_URL: cannot reach 127\.0\.0\.1:1/);
  });

  it("an unmigrated schema stops the worker and the owner command; after migrating, both work", async () => {
    const env = { ...goodSettings, DATABASE_URL: freshUrl };
    expectOneLineFailure(
      await run(entries.worker, env),
      /^worker cannot start: DATABASE_URL: the schema of .* is older than the code \(\d+ pending migrations, first 0000_/,
    );
    expectOneLineFailure(
      await run(entries.createOwner, env),
      /^admin create-owner cannot start: DATABASE_URL: the schema .* is older than the code/,
    );

    const migrated = await run(entries.adminMigrate, env);
    expect(migrated.code, migrated.stderrLines.join("\n")).toBe(0);

    // The same settings now start a worker that keeps running (it is stopped after 4 s).
    const worker = await run(entries.worker, env, { aliveForMs: 4_000 });
    expect(worker.code, worker.stderrLines.join("\n")).toBeNull();

    const owner = await run(entries.createOwner, env);
    expect(owner.code, owner.stderrLines.join("\n")).toBe(0);
    expect(owner.stdout.trim()).toMatch(/^http:\/\/portal\.failfast\.example\/invite\/[\w-]{40,}$/);
    const again = await run(entries.createOwner, env);
    expectOneLineFailure(again, /^admin create-owner: An agency with the slug "fail-fast-agency" already exists/);
  });
});

describe("reset-password", () => {
  it("sets the password from a file or stdin; a short one or an unknown email is refused in one line", async () => {
    const env = { DATABASE_URL: freshUrl };
    const migrated = await run(entries.adminMigrate, env);
    expect(migrated.code).toBe(0);
    const handle = await createDb(freshUrl, { poolSize: 1 });
    try {
      const user = await createUser(handle.db, { email: "reset@failfast.example", password: "the old password" });
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "marketable-reset-")), "password");
      fs.writeFileSync(file, "a brand new password\n");
      const fromFile = await run(["src/admin.ts", "reset-password", "--email", "Reset@failfast.example", "--password-file", file], env);
      expect(fromFile.code, fromFile.stderrLines.join("\n")).toBe(0);
      const hashOf = async () => (await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)))[0]!.hash!;
      expect(await verifyPassword(await hashOf(), "a brand new password")).toBe(true);
      expect(await verifyPassword(await hashOf(), "the old password")).toBe(false);

      const fromStdin = await run(["src/admin.ts", "reset-password", "--email", "reset@failfast.example"], env, {
        input: "typed on stdin please\n",
      });
      expect(fromStdin.code, fromStdin.stderrLines.join("\n")).toBe(0);
      expect(await verifyPassword(await hashOf(), "typed on stdin please")).toBe(true);

      const short = await run(["src/admin.ts", "reset-password", "--email", "reset@failfast.example"], env, { input: "short\n" });
      expectOneLineFailure(short, /^admin reset-password: password: Use at least 10 characters/);
      expect(await verifyPassword(await hashOf(), "typed on stdin please")).toBe(true);

      const unknown = await run(["src/admin.ts", "reset-password", "--email", "nobody@failfast.example"], env, {
        input: "long enough password\n",
      });
      expectOneLineFailure(unknown, /no account has the email nobody@failfast\.example/);
    } finally {
      await handle.close();
    }
  });
});
