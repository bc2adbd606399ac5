import path from "node:path";

import { findRepoRoot } from "./rootEnv";

/**
 * Where the embedded database lives when nothing else is said: `MARKETABLE_DATA_DIR` or
 * `.data/` under the repository root (the same folder whichever package a script runs in).
 */
export function defaultPgliteDir(): string {
  return path.join(process.env.MARKETABLE_DATA_DIR ?? path.join(findRepoRoot() ?? process.cwd(), ".data"), "pglite");
}

/** The migrations folder an operator or the worker's build names, if any (else it is searched for). */
export function migrationsDirFromEnv(): string | undefined {
  return process.env.MARKETABLE_MIGRATIONS_DIR || undefined;
}
