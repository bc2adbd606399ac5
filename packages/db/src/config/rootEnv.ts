import fs from "node:fs";
import path from "node:path";

/**
 * The one loader of the repository's `.env`, called first by every entry point (web, worker,
 * admin, migrate, seed; `scripts/start.mjs` mirrors it in plain JavaScript because it runs before
 * dependencies are installed). The file is found from the repository root whatever the current
 * directory is: `pnpm --filter` runs scripts inside the package, where a relative `.env` would
 * be missed and the embedded database used instead. Real environment variables win over the file.
 *
 * `MARKETABLE_ENV_FILE` names another file, or `none` to read no file (containers, tests).
 */
export function findRepoRoot(from = process.cwd()): string | null {
  // Not a build-time path: without the comment Next traces every file of the app into its build.
  for (let dir = path.resolve(/*turbopackIgnore: true*/ from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

let loaded: string | null | undefined;

/** Loads the `.env` once per process; returns the file read, or null when there was none. */
export function loadRootEnv(): string | null {
  if (loaded !== undefined) return loaded;
  const named = process.env.MARKETABLE_ENV_FILE;
  const file = named === "none" ? null : named ? path.resolve(named) : path.join(findRepoRoot() ?? process.cwd(), ".env");
  // A named file that is missing is a mistake worth stopping for; the default one is optional.
  loaded = file && (named || fs.existsSync(file)) ? file : null;
  if (loaded) {
    if (!fs.existsSync(loaded)) throw new Error(`MARKETABLE_ENV_FILE: ${loaded} does not exist`);
    process.loadEnvFile(loaded);
  }
  return loaded;
}
