// `npm start`: everything a fresh machine with Node.js needs, then the portal on :3000.
// Installs pnpm if missing, installs dependencies, builds, starts the bundled HubSpot sandbox
// (the demo agency's "HubSpot") and serves the portal. The server migrates the embedded database,
// seeds the demo agencies, connects the demo portals to the sandbox and syncs them at boot.
// Ctrl-C (or SIGTERM) stops both and waits for them: the sandbox writes its snapshot, the portal
// closes its database. A second Ctrl-C a moment later stops them at once.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ensurePnpm, install, loadRootEnv, log, quietEnv, run } from "./lib.mjs";

loadRootEnv();

const port = process.env.PORT ?? "3000";
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const dataDir = resolve(process.env.MARKETABLE_DATA_DIR ?? ".data");
/** A stop that takes longer than this is forced (a stuck child must not keep the terminal). */
const STOP_TIMEOUT_MS = 60_000;
/** Signals closer together than this are one Ctrl-C (the terminal's and npm's relay of it). */
const SAME_SIGNAL_MS = 1_000;

await ensurePnpm();
await install();
mkdirSync(dataDir, { recursive: true });

/** Running services. Each leads its own process group, so a signal reaches pnpm and what it ran. */
const children = new Map();
let stoppingSince = 0;
let exitCode = 0;

function signalChild(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function stopAll(reason) {
  if (stoppingSince) return;
  stoppingSince = Date.now();
  if (children.size > 0) log(`${reason}: stopping (the sandbox saves its snapshot, the portal closes its database)`);
  for (const child of children.values()) signalChild(child, "SIGTERM");
  setTimeout(() => forceAll(`still running after ${STOP_TIMEOUT_MS / 1000} s`), STOP_TIMEOUT_MS).unref();
  if (children.size === 0) process.exit(exitCode);
}

function forceAll(reason) {
  if (children.size === 0) return;
  log(`${reason}: stopping at once (the sandbox's previous snapshot stays as it was)`);
  exitCode = 1;
  for (const child of children.values()) signalChild(child, "SIGKILL");
}

function onSignal(signal) {
  if (!stoppingSince) stopAll(signal);
  else if (Date.now() - stoppingSince > SAME_SIGNAL_MS) forceAll(`${signal} again`);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, onSignal);

function startService(name, command, args, options) {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], detached: true, ...options });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stoppingSince) {
      // A service ended on its own: the other is of no use alone.
      exitCode = code || 1;
      stopAll(`${name} exited (${code ?? signal})`);
    } else if (code !== 0 && signal !== "SIGTERM") {
      // pnpm re-raises the SIGTERM we sent once its child is done; anything else is a failure.
      exitCode = 1;
      log(`${name} stopped with ${code ?? signal}`);
    }
    if (children.size === 0) process.exit(exitCode);
  });
  return child;
}

// The sandbox starts before the build (it needs only the installed dependencies), so generating
// its demo agency overlaps the build instead of following it (first start: npm run first-start).
let hubspotBase = process.env.HUBSPOT_API_BASE;
if (!hubspotBase) {
  hubspotBase = `http://127.0.0.1:${sandboxPort}`;
  log(`starting the HubSpot sandbox on ${hubspotBase} (demo agency; state kept in ${dataDir}/sandbox.ndjson)`);
  // Node itself rather than `pnpm run start` (which re-raises our SIGTERM whatever the outcome),
  // so a failed snapshot save shows in the exit code.
  startService(
    "the HubSpot sandbox",
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "--port", sandboxPort, "--preset", "demo", "--snapshot", `${dataDir}/sandbox.ndjson`],
    { cwd: fileURLToPath(new URL("../packages/hubspot-sandbox/", import.meta.url)) },
  );
}

log("building the portal");
try {
  await run("pnpm", ["turbo", "run", "build", "--filter=@marketable/web..."], { env: quietEnv });
} catch (error) {
  exitCode = 1;
  stopAll(`the build failed (${error.message})`);
}

if (children.has("the HubSpot sandbox")) {
  for (let i = 0; i < 240 && !stoppingSince; i++) {
    try {
      if ((await fetch(`${hubspotBase}/_sandbox/info`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

if (!stoppingSince) {
  log(`starting Marketable on http://localhost:${port}`);
  startService("the portal", "pnpm", ["--filter", "@marketable/web", "run", "start"], {
    env: {
      ...process.env,
      ...quietEnv,
      PORT: port,
      NODE_ENV: "production",
      MARKETABLE_DATA_DIR: dataDir,
      DATABASE_URL: process.env.DATABASE_URL ?? `pglite://${dataDir}/pglite`,
      HUBSPOT_API_BASE: hubspotBase,
      APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
      // The portal's own handler closes the database before exiting (src/server/shutdown.ts).
      NEXT_MANUAL_SIG_HANDLE: "1",
    },
  });
}
