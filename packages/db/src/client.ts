import fs from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";

import { defaultPgliteDir } from "./config/paths";
import * as schema from "./schema";

export { defaultPgliteDir };

export type Schema = typeof schema;
/** One database type for both engines (docs/toolchain.md pitfall 9): Drizzle over node-postgres. */
export type Db = NodePgDatabase<Schema>;
/** The handle inside `db.transaction()`; services accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbKind = "postgres" | "pglite-disk" | "pglite-memory";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  pool: pg.Pool;
  /** Present in embedded mode; pg-boss and tools reuse it. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Reads a database URL:
 * - `postgres://…` / `postgresql://…`: PostgreSQL
 * - `pglite://memory` (or `memory://`): PGlite in memory (tests)
 * - `pglite:///abs/path` or `pglite://relative/path`: PGlite on disk there
 * - empty / undefined: PGlite on disk under the data folder (the embedded default)
 */
export function parseDatabaseUrl(url: string | undefined): { kind: DbKind; location: string } {
  if (!url) return { kind: "pglite-disk", location: defaultPgliteDir() };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", location: url };
  if (url === "memory://" || url === "pglite://memory") return { kind: "pglite-memory", location: "memory://" };
  if (url.startsWith("pglite://")) return { kind: "pglite-disk", location: path.resolve(url.slice("pglite://".length)) };
  throw new Error(`DATABASE_URL must be postgres://…, pglite://<dir> or pglite://memory; got "${url.split(":")[0]}:…"`);
}

/**
 * Drizzle passes `query.types` as an object, which PGlite's pg adapter rejects
 * (`types.forEach is not a function`, docs/toolchain.md): pass it on only when it is an array.
 */
function patchPgliteTypes(config: ReturnType<typeof createPgConfig>) {
  const connection = config.connection as unknown as { parse: (q: { types?: unknown }) => void };
  const parse = connection.parse.bind(connection);
  connection.parse = (query) => {
    if (query && query.types !== undefined && !Array.isArray(query.types)) {
      const { types: _ignored, ...rest } = query;
      return parse(rest);
    }
    return parse(query);
  };
}

export async function createDb(url?: string, options: { poolSize?: number; connectTimeoutMs?: number } = {}): Promise<DbHandle> {
  const target = parseDatabaseUrl(url);
  if (target.kind === "postgres") {
    // A bounded connect: an unreachable server fails a request (or a start-up check) in seconds
    // instead of hanging on the operating system's TCP timeout. The bound is the client's own
    // (its TCP connect and start-up), not the pool's: the pool's would also end a wait for a busy
    // pool, so that a burst of requests beyond its size failed queries instead of queueing.
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    class BoundedConnectClient extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
      }
    }
    const pool = new pg.Pool({ connectionString: target.location, max: options.poolSize ?? 10, Client: BoundedConnectClient });
    const db = drizzle(pool, { schema });
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  // PGlite creates only the last folder of its data path; make the parents.
  if (target.kind === "pglite-disk") fs.mkdirSync(target.location, { recursive: true });
  const pglite = await PGlite.create(target.location);
  const config = createPgConfig(pglite);
  patchPgliteTypes(config);
  // PGlite is one connection; the adapter's pool size is 1 (never more: docs/toolchain.md).
  const pool = new pg.Pool(config);
  const db = drizzle(pool, { schema });
  return {
    db,
    kind: target.kind,
    pool,
    pglite,
    close: async () => {
      await pool.end();
      await pglite.close();
    },
  };
}
