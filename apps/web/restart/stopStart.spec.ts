// `npm start`, changes on both sides, Ctrl-C (SIGINT to its process group), `npm start` again:
// Marketable's change and the sandbox's are both still there, and the stop left no process and
// no half-written snapshot behind. Runs the real `npm start` (install, cached build, sandbox with
// the demo agency, production server) on RESTART_PORT / RESTART_SANDBOX_PORT with a temporary
// MARKETABLE_DATA_DIR. Run: pnpm --filter @marketable/web run e2e:restart (after the build).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { callTrpc, signInOverHttp } from "../e2e/httpSession";

const port = Number(process.env.RESTART_PORT ?? 3120);
const sandboxPort = Number(process.env.RESTART_SANDBOX_PORT ?? 4120);
const baseUrl = `http://127.0.0.1:${port}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const OWNER = "owner@northwind.test";
const PASSWORD = "marketable-demo";
const NORTHWIND_BAKERY_HUB_ID = 20000001;

interface Started {
  npm: ChildProcess;
  exited: Promise<string>;
  output: () => string;
}

/** The environment of a terminal: none of the npm/pnpm script variables this test runs under. */
function shellEnv(): NodeJS.ProcessEnv {
  // pnpm skips a package whose script it believes is already running (`npm_lifecycle_event` and
  // `PNPM_SCRIPT_SRC_DIR`), which `pnpm run e2e:restart` → `npm start` would make it believe.
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|PNPM_)/i.test(name))) as NodeJS.ProcessEnv;
}

function start(dataDir: string, logFile: string): Started {
  const log = fs.openSync(logFile, "a");
  // Its own process group, so the test can signal the group as a terminal's Ctrl-C does.
  const npm = spawn("npm", ["start"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...shellEnv(), PORT: String(port), SANDBOX_PORT: String(sandboxPort), MARKETABLE_DATA_DIR: dataDir },
  });
  const exited = new Promise<string>((resolve) => npm.on("exit", (code, signal) => resolve(signal ?? `code ${code}`)));
  return { npm, exited, output: () => fs.readFileSync(logFile, "utf8") };
}

async function waitUntilServing(started: Started, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (started.npm.exitCode !== null) throw new Error(`npm start exited early:\n${started.output().slice(-3000)}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok && (await fetch(`${sandboxUrl}/_sandbox/info`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`npm start did not serve ${baseUrl} in time:\n${started.output().slice(-3000)}`);
}

/** Every live descendant of `root` (and root), from /proc: the services lead their own groups. */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] !== "Z") parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree.filter((pid) => parentOf.has(pid));
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

let stops = 0;

/** Ctrl-C: SIGINT to npm's process group; then every process that was running must end. */
async function interrupt(started: Started) {
  const tree = processTree(started.npm.pid!);
  expect(tree.length, "npm, start.mjs, the sandbox and the portal are running").toBeGreaterThanOrEqual(4);
  process.kill(-started.npm.pid!, "SIGINT");
  const ending = await Promise.race([started.exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 90_000))]);
  // npm re-raises the SIGINT on itself once start.mjs has exited (cleanly: its code is checked in the output).
  expect(["SIGINT", "code 0"], `npm start ends after Ctrl-C:\n${started.output().slice(-3000)}`).toContain(ending);
  const output = started.output();
  expect(output, "start.mjs stopped both services cleanly").not.toMatch(/stopped with|stopping at once/);
  // The portal's shutdown log (src/server/shutdown.ts): PGlite was closed, not cut off.
  expect(output.match(/"msg":"database closed"/g)?.length, "the portal closed its database").toBe(++stops);
  const deadline = Date.now() + 10_000;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(tree.filter(alive), "processes left running").toEqual([]);
}

interface SandboxPortal {
  hubId: number;
  token: string;
}

async function sandboxApi<T>(token: string, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return (await response.json()) as T;
}

async function bakeryToken(): Promise<string> {
  const { results } = (await (await fetch(`${sandboxUrl}/_sandbox/portals`)).json()) as { results: SandboxPortal[] };
  return results.find((p) => p.hubId === NORTHWIND_BAKERY_HUB_ID)!.token;
}

interface Contact {
  id: string;
  properties: Record<string, string | null>;
}

test("Ctrl-C on npm start keeps Marketable's and the sandbox's changes, and leaves nothing running or half-written", async () => {
  test.setTimeout(15 * 60_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "marketable-restart-"));
  const logFile = path.join(dataDir, "npm-start.log");
  const snapshot = path.join(dataDir, "sandbox.ndjson");
  const stamp = Date.now().toString(36);
  const newEmail = `restart-${stamp}@example.org`;
  const newDomain = `restart-${stamp}.example.com`;
  let started: Started | undefined;
  try {
    // First start: the sandbox generates the demo agency; the server seeds and connects it.
    started = start(dataDir, logFile);
    await waitUntilServing(started, 10 * 60_000);

    // Marketable: the owner edits a portal's record (committed to the embedded database).
    let cookie = await signInOverHttp(baseUrl, OWNER, PASSWORD);
    const { items } = await callTrpc<{ items: { id: string; name: string }[] }>(baseUrl, cookie, "query", "portals.list", {
      search: "Northwind Bakery",
    });
    const bakery = items.find((p) => p.name === "Northwind Bakery")!;
    await callTrpc(baseUrl, cookie, "mutation", "portals.update", { portalId: bakery.id, domain: newDomain });

    // The sandbox: a contact created and another changed through HubSpot's API, then Ctrl-C at
    // once, before the debounced save: the stop itself must save them.
    let token = await bakeryToken();
    const created = await sandboxApi<Contact>(token, "POST", "/crm/v3/objects/contacts", {
      properties: { email: newEmail, firstname: "Kept" },
    });
    await sandboxApi(token, "PATCH", "/crm/v3/objects/contacts/1", { properties: { firstname: `Changed-${stamp}` } });
    await interrupt(started);
    expect(fs.existsSync(snapshot)).toBe(true);
    expect(fs.existsSync(`${snapshot}.tmp`)).toBe(false);

    // Second start: both sides as they were.
    started = start(dataDir, logFile);
    await waitUntilServing(started, 10 * 60_000);
    expect(started.output()).toContain("State loaded from snapshot");
    token = await bakeryToken();
    const kept = await sandboxApi<Contact>(
      token,
      "GET",
      `/crm/v3/objects/contacts/${encodeURIComponent(newEmail)}?idProperty=email&properties=email,firstname`,
    );
    expect(kept.id).toBe(created.id);
    expect(kept.properties.firstname).toBe("Kept");
    const changed = await sandboxApi<Contact>(token, "GET", "/crm/v3/objects/contacts/1?properties=firstname");
    expect(changed.properties.firstname).toBe(`Changed-${stamp}`);

    cookie = await signInOverHttp(baseUrl, OWNER, PASSWORD);
    const { portal } = await callTrpc<{ portal: { domain: string | null } }>(baseUrl, cookie, "query", "portals.get", {
      portalId: bakery.id,
    });
    expect(portal.domain).toBe(newDomain);

    await interrupt(started);
    expect(fs.existsSync(`${snapshot}.tmp`)).toBe(false);
    started = undefined;
  } finally {
    if (started && started.npm.exitCode === null) {
      for (const pid of processTree(started.npm.pid!)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
