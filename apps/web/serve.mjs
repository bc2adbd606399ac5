// The web app in production: Next's standalone server (`pnpm build` writes it under
// .next/standalone with the static files copied in), bound to HOST (default 127.0.0.1; 0.0.0.0
// in a container) and PORT (default 3000). No `next` CLI, no dev dependencies: the standalone
// folder carries the node_modules it traced. Run as `node apps/web/serve.mjs` from anywhere.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";

// Settings from the repository's `.env` (or MARKETABLE_ENV_FILE; `none` reads none) before Next
// starts, found as every entry point finds it (packages/db/src/config/rootEnv.ts, which the app
// runs too): HOST and PORT are needed to listen, before the app's own loader runs.
function findRepoRoot() {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}
const repoRoot = findRepoRoot();
const named = process.env.MARKETABLE_ENV_FILE;
const file = named === "none" ? null : named ? path.resolve(named) : repoRoot && path.join(repoRoot, ".env");
// Real environment variables win; a named file that is missing is reported by the app's loader.
if (file && fs.existsSync(file)) process.loadEnvFile(file);

// Next's server reads HOSTNAME, which shells and containers set to the machine's name.
process.env.HOSTNAME = process.env.HOST || "127.0.0.1";
process.env.PORT ||= "3000";
process.env.NEXT_TELEMETRY_DISABLED ||= "1";
// The server changes directory into the build, and a rebuild replaces .next/ entirely: an
// embedded database must stay where the operator meant it (relative to where they started the
// server; by default the repository root's .data/, or here outside a checkout).
if (process.env.MARKETABLE_DATA_DIR) process.env.MARKETABLE_DATA_DIR = path.resolve(process.env.MARKETABLE_DATA_DIR);
else if (!repoRoot) process.env.MARKETABLE_DATA_DIR = path.resolve(".data");

await import("./.next/standalone/apps/web/server.js");
