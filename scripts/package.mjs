// `node scripts/package.mjs <dir>`: the production build, assembled as the Docker image holds it.
// Builds the web app (Next's standalone server) and the worker (compiled JavaScript), then
// writes into <dir>:
//   apps/web/serve.mjs + apps/web/.next/standalone/   the web server with the files it traced
//   apps/worker/dist/ + apps/worker/node_modules/     the worker and its production dependencies
// Nothing in <dir> needs pnpm, TypeScript or a dev dependency to run:
//   node <dir>/apps/worker/dist/admin.js migrate
//   node <dir>/apps/web/serve.mjs
//   node <dir>/apps/worker/dist/main.js
// The Dockerfile runs this; so does the production smoke test (apps/web/smoke).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { log, quietEnv, run } from "./lib.mjs";

const target = process.argv[2];
if (!target) {
  console.error("usage: node scripts/package.mjs <output directory>");
  process.exit(2);
}
const out = path.resolve(target);
const root = path.resolve(import.meta.dirname, "..");

log("building the web app (standalone) and the worker (compiled)");
await run("pnpm", ["turbo", "run", "build", "--filter=@marketable/web", "--filter=@marketable/worker"], { cwd: root, env: quietEnv });

log(`assembling the production build in ${out}`);
rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, "apps", "web", ".next"), { recursive: true });
const standalone = path.join(root, "apps", "web", ".next", "standalone");
if (!existsSync(path.join(standalone, "apps", "web", "server.js")))
  throw new Error("apps/web/.next/standalone is missing: the web build did not produce it");
cpSync(standalone, path.join(out, "apps", "web", ".next", "standalone"), { recursive: true, verbatimSymlinks: true });
cpSync(path.join(root, "apps", "web", "serve.mjs"), path.join(out, "apps", "web", "serve.mjs"));
// The worker with its production dependencies only (the workspace packages are bundled in).
await run("pnpm", ["--filter", "@marketable/worker", "deploy", "--prod", path.join(out, "apps", "worker")], {
  cwd: root,
  env: { ...quietEnv, CI: "true" },
});
log(`production build ready in ${out}`);
