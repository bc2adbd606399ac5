import { parseArgs } from "node:util";

import { type PresetName } from "./generator/presets";
import { startSandbox } from "./index";

const HELP = `marketable-sandbox: a stateful HubSpot-compatible API server

Options:
  --port N          port (default 4010; 0 picks a free one)
  --host H          host (default 127.0.0.1)
  --seed N          demo data seed (default 42)
  --preset P        small | demo | large | fleet | empty (default demo)
  --no-limits       turn rate limits off
  --snapshot FILE   load state from FILE if it exists; save it there a moment after changes (2 s
                    debounce, at most 30 s), on POST /_sandbox/snapshot and on SIGINT/SIGTERM
  --help            this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "42" },
      preset: { type: "string", default: "demo" },
      "no-limits": { type: "boolean", default: false },
      snapshot: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const preset = values.preset as PresetName | "empty";
  if (!["small", "demo", "large", "fleet", "empty"].includes(preset)) throw new Error(`unknown preset ${preset}`);
  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    seed: Number(values.seed),
    preset,
    limits: !values["no-limits"],
    snapshot: values.snapshot,
  });
  const portals = sandbox.admin.listPortals();
  const lines = [
    `HubSpot sandbox listening on ${sandbox.url}`,
    sandbox.generation
      ? `Generated preset "${sandbox.generation.preset}": ${sandbox.generation.portals} client portals, ${sandbox.generation.contacts.toLocaleString("en-US")} contacts in ${Math.round(sandbox.generation.ms)} ms`
      : "State loaded from snapshot",
    `Rate limits: ${values["no-limits"] ? "off" : "on"}`,
    "",
    `OAuth app "Marketable" (app id ${sandbox.oauth.appId})`,
    `  client id:     ${sandbox.oauth.clientId}`,
    `  client secret: ${sandbox.oauth.clientSecret}`,
    `  authorize:     ${sandbox.url}/oauth/authorize?client_id=${sandbox.oauth.clientId}&redirect_uri=...&scope=...&state=...`,
    "",
    "Portals (private-app tokens):",
    ...portals.map(
      (p) =>
        `  ${String(p.hubId).padEnd(9)} ${p.partner ? "[agency] " : ""}${p.name.padEnd(28)} ${p.edition.padEnd(12)} ${String(p.contacts).padStart(8)} contacts  ${p.token}`,
    ),
    "",
    `Admin API: ${sandbox.url}/_sandbox/portals  (see README)`,
  ];
  console.log(lines.join("\n"));
  // One Ctrl-C can arrive several times (from the terminal and relayed by a parent such as
  // `npm start`): later signals wait for the same close instead of cutting the save short.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    if (values.snapshot) console.log(`${signal}: stopping; unsaved changes go to ${values.snapshot} first`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("sandbox: close failed (the previous snapshot, if any, is kept)", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
