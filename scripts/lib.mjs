// Shared by start.mjs and test.mjs. Dependency-free on purpose: it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PNPM_VERSION = "12.21.0";

export function log(message) {
  console.log(`\n\u001b[1m[marketable]\u001b[0m ${message}`);
}

/** Runs a command with inherited output; rejects with its exit code on failure. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

function pnpmVersion() {
  const result = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** pnpm at the proven version (docs/toolchain.md), installed with npm when missing or different. */
export async function ensurePnpm() {
  const found = pnpmVersion();
  if (found === PNPM_VERSION) return;
  log(found ? `pnpm ${found} found; installing pnpm ${PNPM_VERSION}` : `pnpm not found; installing pnpm ${PNPM_VERSION}`);
  await run("npm", ["install", "-g", `pnpm@${PNPM_VERSION}`]);
}

export async function install() {
  log("installing dependencies (pnpm install)");
  await run("pnpm", ["install"], { env: { CI: process.env.CI ?? "" } });
}

export const quietEnv = { NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };

/**
 * The repository's `.env` under the real environment (real variables win), as every entry point
 * loads it: this mirrors `loadRootEnv` in packages/db/src/config/rootEnv.ts, in plain JavaScript
 * because start.mjs runs before dependencies are installed. `MARKETABLE_ENV_FILE` names another
 * file, or `none` for no file.
 */
export function loadRootEnv() {
  const named = process.env.MARKETABLE_ENV_FILE;
  if (named === "none") return;
  const file = named ? resolve(named) : fileURLToPath(new URL("../.env", import.meta.url));
  if (named || existsSync(file)) process.loadEnvFile(file);
}
