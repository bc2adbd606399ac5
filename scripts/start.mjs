// `npm start`: everything a fresh machine with Node.js needs, then the portal on :3000.
// Installs pnpm if missing, installs dependencies, builds, starts the bundled HubSpot sandbox
// (the demo agency's "HubSpot") and serves the portal. The server migrates the embedded database,
// seeds the demo agencies, connects the demo portals to the sandbox and syncs them at boot.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { ensurePnpm, install, loadRootEnv, log, quietEnv, run } from "./lib.mjs";

loadRootEnv();

const port = process.env.PORT ?? "3000";
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const dataDir = process.env.MARKETABLE_DATA_DIR ?? `${process.cwd()}/.data`;

await ensurePnpm();
await install();
log("building the portal");
await run("pnpm", ["turbo", "run", "build", "--filter=@marketable/web..."], { env: quietEnv });

mkdirSync(dataDir, { recursive: true });
const children = [];
const stopAll = () => children.forEach((child) => child.kill("SIGTERM"));
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);

let hubspotBase = process.env.HUBSPOT_API_BASE;
if (!hubspotBase) {
  hubspotBase = `http://127.0.0.1:${sandboxPort}`;
  log(`starting the HubSpot sandbox on ${hubspotBase} (demo agency; state kept in ${dataDir}/sandbox.ndjson)`);
  const sandbox = spawn(
    "pnpm",
    ["--filter", "@marketable/hubspot-sandbox", "run", "start", "--port", sandboxPort, "--preset", "demo", "--snapshot", `${dataDir}/sandbox.ndjson`],
    { stdio: "inherit" },
  );
  children.push(sandbox);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${hubspotBase}/_sandbox/info`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

log(`starting Marketable on http://localhost:${port}`);
const web = spawn("pnpm", ["--filter", "@marketable/web", "run", "start"], {
  stdio: "inherit",
  env: { ...process.env, ...quietEnv, PORT: port, NODE_ENV: "production", MARKETABLE_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? `pglite://${dataDir}/pglite`, HUBSPOT_API_BASE: hubspotBase, APP_URL: process.env.APP_URL ?? `http://localhost:${port}` },
});
children.push(web);
web.on("exit", (code) => {
  stopAll();
  process.exit(code ?? 0);
});
