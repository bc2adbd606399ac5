// Times a newcomer's first `npm start`: a fresh `git clone` of this repository's HEAD into a
// temporary directory, `npm start` there, then from the clone until the demo owner can sign in
// (serving) and until every demo portal's first sync has succeeded (synced). Prints each step's
// time and the machine. Usage: node scripts/first-start.mjs (FIRST_START_PORT, FIRST_START_SANDBOX_PORT:
// default 3140 / 4140; FIRST_START_BRANCH: another branch, e.g. main for a before/after;
// FIRST_START_KEEP=1 keeps the clone). Each `[marketable]` step of npm start is timed as it
// appears in its output. Dependency-free, like start.mjs.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const port = process.env.FIRST_START_PORT ?? "3140";
const sandboxPort = process.env.FIRST_START_SANDBOX_PORT ?? "4140";
const base = `http://127.0.0.1:${port}`;
const OWNER = "owner@northwind.test";
const PASSWORD = "marketable-demo";
const DEMO_PORTALS = 4;
const TIMEOUT_MS = 10 * 60_000;

const repo = fileURLToPath(new URL("..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marketable-first-start-"));
const clone = path.join(dir, "marketable");
const logFile = path.join(dir, "npm-start.log");
const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

const t0 = Date.now();
const seconds = () => ((Date.now() - t0) / 1000).toFixed(1);
// The checked-out branch's last commit (uncommitted changes are not part of a clone).
const branch =
  process.env.FIRST_START_BRANCH ?? spawnSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: repo, encoding: "utf8" }).stdout.trim();
const cloned = spawnSync("git", ["clone", "--quiet", "--branch", branch, repo, clone], { stdio: "inherit" });
if (cloned.status !== 0) process.exit(1);
console.log(
  `${seconds()} s  cloned ${branch} (${spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: clone, encoding: "utf8" }).stdout.trim()}) into ${clone}`,
);

// A terminal's environment: none of the npm/pnpm script variables this may run under.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|PNPM_)/i.test(name)));
const log = fs.openSync(logFile, "a");
const npm = spawn("npm", ["start"], {
  cwd: clone,
  detached: true,
  stdio: ["ignore", log, log],
  env: { ...env, PORT: port, SANDBOX_PORT: sandboxPort, MARKETABLE_DATA_DIR: path.join(dir, "data") },
});
let exited = false;
npm.on("exit", () => (exited = true));
// npm start's own steps, timed as they appear.
const seen = new Set();
const steps = setInterval(() => {
  for (const step of fs.readFileSync(logFile, "utf8").match(/\[marketable\S* [^\n]*/g) ?? []) {
    if (seen.has(step)) continue;
    seen.add(step);
    console.log(`${seconds()} s    npm start: ${step.replace(/\S*\[0m /, "").slice(0, 110)}`);
  }
}, 250);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let failed = false;
try {
  const cookie = await until("signed in", signIn);
  console.log(`${seconds()} s  serving: the demo owner is signed in`);
  const portals = await callTrpc(cookie, "portals.list", {});
  const ids = portals.items.map((p) => p.id);
  await until("demo synced", async () => {
    let done = 0;
    for (const portalId of ids) {
      const status = await callTrpc(cookie, "connections.syncStatus", { portalId });
      if (status.run?.status === "succeeded") done++;
    }
    return done >= Math.min(DEMO_PORTALS, ids.length) ? done : undefined;
  });
  console.log(`${seconds()} s  demo synced: the first sync of every demo portal has succeeded`);
} catch (error) {
  failed = true;
  console.error(
    `${seconds()} s  ${error.message}\n--- npm start output (last 3,000 characters) ---\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`,
  );
} finally {
  clearInterval(steps);
  try {
    process.kill(-npm.pid, "SIGINT");
  } catch {
    // already gone
  }
  for (let i = 0; i < 60 && !exited; i++) await sleep(1_000);
  if (!exited) process.kill(-npm.pid, "SIGKILL");
  if (process.env.FIRST_START_KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function until(what, probe) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`npm start exited before "${what}"`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${what}"`);
    // Every second: polling harder would slow the sync it waits for (one embedded database).
    await sleep(1_000);
  }
}

/** Signs in as the sign-in form does (next-auth's CSRF token, then the credentials callback). */
async function signIn() {
  const jar = new Map();
  const keep = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email: OWNER, password: PASSWORD, callbackUrl: `${base}/` }),
  });
  keep(response);
  return [...jar.keys()].some((name) => name.endsWith("authjs.session-token")) ? header() : undefined;
}

async function callTrpc(cookie, procedure, input) {
  const response = await fetch(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers: { cookie },
  });
  const body = await response.json();
  if (!response.ok || !body.result) throw new Error(`${procedure}: HTTP ${response.status}`);
  return body.result.data.json;
}
