// `npm test`: the whole suite. Formatting, lint and types, unit and integration tests of every package
// (integration on PGlite and, when it answers, PostgreSQL: always both under CI), then the
// Playwright suite in Chromium against a production build, the production smoke (apps/web/smoke:
// the packaged build on PostgreSQL, run as README's production section says), then the
// stop-and-restart test of `npm start` itself.
import { ensurePnpm, install, log, quietEnv, run } from "./lib.mjs";

await ensurePnpm();
await install();
log("formatting (Prettier; `pnpm format` fixes it)");
await run("pnpm", ["format:check"], { env: quietEnv });
log("lint, types, unit and integration tests");
await run("pnpm", ["turbo", "run", "lint", "typecheck", "test", "--concurrency=2"], { env: quietEnv });
log("building the portal for the end-to-end suite");
await run("pnpm", ["turbo", "run", "build", "--filter=@marketable/web..."], { env: quietEnv });
log("end-to-end suite (Playwright, Chromium)");
await run("pnpm", ["--filter", "@marketable/web", "run", "e2e"], { env: quietEnv });
log("production smoke: the packaged build on a fresh PostgreSQL database, by the README (one web, two workers)");
await run("pnpm", ["--filter", "@marketable/web", "run", "smoke"], { env: quietEnv });
log("npm start, changes on both sides, Ctrl-C, npm start again: nothing lost (Playwright)");
await run("pnpm", ["--filter", "@marketable/web", "run", "e2e:restart"], { env: quietEnv });
log("all suites passed");
