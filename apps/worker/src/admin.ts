/**
 * Operator commands. Usage (from the repository root; `-s` keeps pnpm's own lines off stdout; in
 * production `node apps/worker/dist/admin.js …` with the same arguments):
 *
 *   pnpm -s admin create-owner --agency "Acme" --email owner@acme.example [--slug acme]
 *       Creates the agency and an owner invitation; prints the one-time setup link (valid 7 days)
 *       as the only line on stdout. The owner opens it, chooses a name and a password, and is in.
 *   pnpm -s admin reset-password --email someone@acme.example [--password-file path]
 *       Sets a new password read from the file, or else from stdin (one line; at least 10 characters).
 *   pnpm -s admin migrate
 *       Applies the checked-in migrations (as `pnpm db:migrate`; compiled, it needs no TypeScript runner).
 *
 * Settings come from the environment and the repository's `.env`: DATABASE_URL (required when
 * NODE_ENV=production) and APP_URL (the links' address). Exits 1 with one line on stderr when
 * something is missing or wrong; 2 for a usage mistake.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

import { z } from "zod";

import { createOwnerInput, password as passwordRule } from "@marketable/api/validation";
import { ConfigError, exitWithConfigError, loadRootEnv, resolveDatabaseUrl } from "@marketable/db/config";

import { readAdminEnv } from "./settings/cliEnv";

const usage = `Usage:
  admin create-owner --agency <name> --email <address> [--slug <slug>]
  admin reset-password --email <address> [--password-file <path>]   (else the password is read from stdin)
  admin migrate`;

function usageError(message: string): never {
  console.error(`admin: ${message}\n${usage}`);
  process.exit(2);
}

async function readNewPassword(file: string | undefined): Promise<string> {
  const raw = file ? fs.readFileSync(file, "utf8") : await readStdin();
  const value = raw.replace(/\r?\n$/, "");
  const checked = passwordRule.safeParse(value);
  if (!checked.success) throw new ConfigError(`password: ${checked.error.issues[0]!.message}`);
  return value;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error("New password (then Enter, Ctrl-D):");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const [command, ...rest] = process.argv.slice(2);
if (!command || command === "help" || command === "--help") usageError(command ? "commands" : "give a command");
if (!["create-owner", "reset-password", "migrate"].includes(command)) usageError(`unknown command "${command}"`);

let args: { agency?: string; email?: string; slug?: string; "password-file"?: string };
try {
  args = parseArgs({
    args: rest,
    options: { agency: { type: "string" }, email: { type: "string" }, slug: { type: "string" }, "password-file": { type: "string" } },
    strict: true,
  }).values;
} catch (error) {
  usageError(error instanceof Error ? error.message : String(error));
}

let databaseUrl: string | undefined;
let appUrl: string;
try {
  loadRootEnv();
  const env = readAdminEnv();
  databaseUrl = resolveDatabaseUrl(env);
  appUrl = env.APP_URL.replace(/\/+$/, "");
  const { checkDatabase } = await import("@marketable/db");
  await checkDatabase(databaseUrl, { requireMigrated: command !== "migrate" });
} catch (error) {
  exitWithConfigError(error, `admin ${command} cannot start`);
}

// Loaded once the settings and the database have passed: a mistake is reported at once.
const { createDb, runMigrations } = await import("@marketable/db");
const { createAgencyWithOwner, CreateOwnerError, setPasswordByEmail } = await import("@marketable/api");
const handle = await createDb(databaseUrl, { poolSize: 1 });
try {
  if (command === "migrate") {
    await runMigrations(handle.db);
    console.error(`Migrations applied (${handle.kind}).`);
  } else if (command === "create-owner") {
    const input = createOwnerInput.safeParse({ agency: args.agency, email: args.email, slug: args.slug });
    if (!input.success) usageError(input.error.issues.map((issue) => issue.message).join("; "));
    const created = await createAgencyWithOwner(handle.db, input.data, new Date());
    console.error(
      `Agency "${created.agency.name}" (${created.agency.slug}) created. Send this one-time link to ${input.data.email}; it expires ${created.expiresAt.toISOString()}:`,
    );
    console.log(`${appUrl}${created.path}`);
  } else {
    const email = z.email().safeParse(args.email);
    if (!email.success) usageError("--email: give the account's email address");
    const newPassword = await readNewPassword(args["password-file"]);
    if (!(await setPasswordByEmail(handle.db, email.data, newPassword)))
      throw new ConfigError(`--email: no account has the email ${email.data}`);
    console.error(`Password of ${email.data} changed.`);
  }
} catch (error) {
  await handle.close();
  // A rule the command broke (a taken slug) is the operator's to fix, in one line like a setting.
  exitWithConfigError(error instanceof CreateOwnerError ? new ConfigError(error.message) : error, `admin ${command}`);
}
await handle.close();
