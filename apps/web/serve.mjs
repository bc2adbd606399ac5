// The web app in production: Next's standalone server (`pnpm build` writes it under
// .next/standalone with the static files copied in), bound to HOST (default 127.0.0.1; 0.0.0.0
// in a container) and PORT (default 3000). No `next` CLI, no dev dependencies: the standalone
// folder carries the node_modules it traced. Run as `node apps/web/serve.mjs` from anywhere.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
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

// One Node process renders on one core. With PostgreSQL, WEB_PROCESSES copies of the server
// (default: one per core) share the port through node:cluster; the embedded database (PGlite)
// belongs to one process, so it always runs one.
// The same test as packages/db/src/client.ts makes (this plain .mjs starts before, and outside,
// the compiled build, so it cannot import it): none, or pglite://<folder>, is embedded.
const embedded = !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const processes = webProcesses();
if (cluster.isPrimary && processes > 1) runPrimary(processes);
else await import("./.next/standalone/apps/web/server.js");

function webProcesses() {
  const asked = process.env.WEB_PROCESSES;
  if (asked === undefined || asked === "") return embedded ? 1 : os.availableParallelism();
  const count = Number(asked);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    process.stderr.write(`WEB_PROCESSES must be a whole number from 1 to 64 (got "${asked}")\n`);
    process.exit(1);
  }
  if (embedded && count > 1) {
    process.stderr.write(
      "WEB_PROCESSES above 1 needs PostgreSQL (a postgres:// DATABASE_URL): the embedded database belongs to one process\n",
    );
    process.exit(1);
  }
  return count;
}

/**
 * The primary only supervises. The first server starts alone, so a failed start check (a setting
 * missing, the database unreachable) is said once, by it, and ends the whole server; the others
 * start when it reports ready (src/server/clusterReady.ts). A server that dies later ends the rest too:
 * the supervisor (systemd, the container) restarts the whole, as it would a single process. A
 * stop signal goes to every server, and the primary exits when the last has closed its database.
 */
function runPrimary(count) {
  // Short-lived allocations dominate a render; a larger young generation makes fewer scavenges.
  cluster.setupPrimary({ execArgv: [...process.execArgv, "--max-semi-space-size=32"] });
  let stopping = false;
  let exitCode = 0;
  // Counted here: cluster.workers still lists a worker at its "exit" until it has disconnected too.
  let running = 0;
  const fork = () => {
    running++;
    cluster.fork();
  };
  /** @type {Set<number>} the servers that passed their start checks */
  const ready = new Set();
  /** @param {NodeJS.Signals} signal */
  const stopAll = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      exitCode = code || 1;
      const how = signal ?? `exit code ${code}`;
      if (ready.has(worker.id)) process.stderr.write(`web process ${worker.process.pid} ended (${how}); stopping the others\n`);
      stopAll("SIGTERM");
    } else if (code) exitCode = code;
    if (--running === 0) process.exit(exitCode);
  });
  cluster.on("message", (worker, /** @type {unknown} */ message) => {
    const isReady = typeof message === "object" && message !== null && "type" in message && message.type === "marketable:web-ready";
    if (!isReady || ready.has(worker.id) || stopping) return;
    ready.add(worker.id);
    if (worker.id === 1) for (let i = 1; i < count; i++) fork();
  });
  for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(signal, () => stopAll(signal));
  fork();
}
