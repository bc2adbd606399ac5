// The web app in production: Next's standalone server (`pnpm build` writes it under
// .next/standalone with the static files copied in), bound to HOST (default 127.0.0.1; 0.0.0.0
// in a container) and PORT (default 3000). No `next` CLI, no dev dependencies: the standalone
// folder carries the node_modules it traced. Run as `node apps/web/serve.mjs` from anywhere.
import path from "node:path";
import process from "node:process";

// Next's server reads HOSTNAME, which shells and containers set to the machine's name.
process.env.HOSTNAME = process.env.HOST || "127.0.0.1";
process.env.PORT ||= "3000";
process.env.NEXT_TELEMETRY_DISABLED ||= "1";
// The server changes directory into the build; an embedded database must stay where the
// operator started it (a rebuild replaces .next/ entirely).
process.env.MARKETABLE_DATA_DIR = path.resolve(process.env.MARKETABLE_DATA_DIR || ".data");

await import("./.next/standalone/apps/web/server.js");
