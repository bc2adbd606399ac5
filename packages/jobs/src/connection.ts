import type PgBoss from "pg-boss";

import type { DbHandle } from "@marketable/db";

/**
 * How pg-boss reaches the database, per engine (docs/toolchain.md, "One code path"):
 * - PostgreSQL: its own small pool from the same connection settings, so that polling workers
 *   and maintenance never take connections from web requests.
 * - PGlite: the handle's one-connection pool through `executeSql`. PGlite is a single
 *   connection in this process; a second pool would be a second database.
 */
export function bossConnection(handle: DbHandle, options: { maxConnections?: number } = {}): PgBoss.DatabaseOptions {
  if (handle.kind === "postgres") {
    const { connectionString, host, port, user, database, ssl } = handle.pool.options;
    const password = handle.pool.options.password as PgBoss.DatabaseOptions["password"];
    return {
      ...(connectionString ? { connectionString } : { host, port, user, password, database }),
      ...(ssl !== undefined ? { ssl } : {}),
      max: options.maxConnections ?? 4,
      application_name: "marketable-jobs",
    };
  }
  const pool = handle.pool;
  return {
    db: {
      // Multi-statement scripts (pg-boss migrations) come without values and must use the
      // simple protocol, so pass values only when there are some.
      executeSql: (text: string, values?: unknown[]) => (values && values.length > 0 ? pool.query(text, values) : pool.query(text)),
    },
  };
}
