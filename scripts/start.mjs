// `npm start`: everything a fresh machine with Node.js needs, then the portal on :3000.
// Installs pnpm if missing, installs dependencies, builds, and serves. The server migrates the
// embedded database and seeds the demo agencies when it boots (apps/web/src/instrumentation.ts).
import { ensurePnpm, install, log, quietEnv, run } from "./lib.mjs";

const port = process.env.PORT ?? "3000";

await ensurePnpm();
await install();
log("building the portal");
await run("pnpm", ["turbo", "run", "build", "--filter=@marketable/web..."], { env: quietEnv });
log(`starting Marketable on http://localhost:${port}`);
await run("pnpm", ["--filter", "@marketable/web", "run", "start"], {
  env: { ...quietEnv, PORT: port, NODE_ENV: "production", MARKETABLE_DATA_DIR: process.env.MARKETABLE_DATA_DIR ?? `${process.cwd()}/.data` },
});
