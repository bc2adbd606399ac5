import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";
import pg from "pg";

import { createDb, type DbHandle } from "../client";
import { runMigrations } from "../migrate";

export type Engine = "pglite" | "postgres";

const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

/** The server tests create their databases on: `TEST_DATABASE_URL` or the local one. */
export function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_POSTGRES;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Which engines this run covers. PGlite always; PostgreSQL when it answers. Under CI (or with
 * REQUIRE_POSTGRES=1) a missing PostgreSQL is an error, never a silent skip, because CI must
 * prove both engines.
 */
export async function availableEngines(): Promise<Engine[]> {
  const engines = await resolveEngines();
  // Printed so that a run's output shows which engines its integration suites covered.
  console.log(
    `[integration] engines: ${engines.join(" + ")}${engines.includes("postgres") ? ` (PostgreSQL at ${redact(testPostgresUrl())})` : ""}`,
  );
  return engines;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

async function resolveEngines(): Promise<Engine[]> {
  if (process.env.PGLITE_ONLY === "1") return ["pglite"];
  if (await answers(testPostgresUrl())) return ["pglite", "postgres"];
  if (process.env.CI === "true" || process.env.REQUIRE_POSTGRES === "1") {
    throw new Error(`PostgreSQL does not answer at ${testPostgresUrl()} and this run must cover it`);
  }
  console.warn(`[test] PostgreSQL does not answer at ${testPostgresUrl()}: running on PGlite only`);
  return ["pglite"];
}

export interface TestDatabase extends DbHandle {
  engine: Engine;
  /** The connection string, for PostgreSQL (other processes of a test or bench may open it). */
  url?: string;
  /** Empties every table (the audit trigger does not fire on TRUNCATE). */
  reset(): Promise<void>;
}

/**
 * A fresh, migrated database: PGlite in memory, or a new PostgreSQL database dropped on close,
 * so that runs never see each other's data.
 */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  let handle: DbHandle;
  let dropDatabase: (() => Promise<void>) | undefined;
  let url: string | undefined;
  if (engine === "pglite") {
    handle = await createDb("pglite://memory");
  } else {
    const adminUrl = testPostgresUrl();
    const name = `marketable_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    handle = await createDb(url, { poolSize: 5 });
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      // pg's pool.end() resolves before its clients' sockets have closed: a forced drop right away
      // terminates them mid-goodbye, which surfaces as an uncaught 57P01 in whatever test runs
      // next. Give them a moment to leave; `force` is for connections that never do.
      for (let waited = 0; waited < 2_000; waited += 25) {
        const open = await dropper.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (open.rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
  }
  await runMigrations(handle.db);
  return {
    ...handle,
    engine,
    url,
    async reset() {
      const rows = await handle.db.execute<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
      const names = rows.rows.map((r) => `"${r.tablename}"`).join(", ");
      if (names) await handle.db.execute(sql.raw(`truncate ${names} restart identity cascade`));
    },
    async close() {
      await handle.close();
      await dropDatabase?.();
    },
  };
}
