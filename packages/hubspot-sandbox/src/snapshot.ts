import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";

import { type App } from "./state/apps";
import { ContactRecord } from "./state/contact";
import { createPortal, type Portal } from "./state/portal";
import { type SandboxState } from "./state/sandboxState";

/**
 * Snapshot file: NDJSON, one line per portal header and per contact (so millions of contacts never
 * become one giant string). OAuth access and refresh tokens are not kept; private-app tokens are.
 */
type Line =
  | { kind: "meta"; seed: number; clockOffset: number; agency: SandboxState["agency"]; apps: App[] }
  | {
      kind: "portal";
      portal: Omit<Portal, "contacts" | "apps" | "customProperties"> & { apps: [number, unknown][]; customProperties: unknown[] };
    }
  | { kind: "c"; h: number; r: unknown[] };

const FIELDS = [
  "id",
  "createdAt",
  "updatedAt",
  "archivedAt",
  "email",
  "firstname",
  "lastname",
  "marketable",
  "untilRenewal",
  "reasonType",
  "reasonId",
  "source",
  "sourceId",
  "sourceDetail1",
  "lifecyclestage",
  "ownerId",
  "bounced",
  "optedOut",
  "lastEmailOpenAt",
  "lastActivityAt",
  "extra",
] as const;

/**
 * Writes the whole state to `path.tmp`, flushes it to disk, then renames it over `path`: a crash
 * or a kill at any moment leaves either the previous complete snapshot or the new one, never a
 * partial file under the snapshot's name.
 */
export async function saveSnapshot(path: string, state: SandboxState): Promise<void> {
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (line: Line): Promise<void> => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, "drain");
  };
  try {
    await write({
      kind: "meta",
      seed: state.seed,
      clockOffset: state.clock.getOffset(),
      agency: state.agency,
      apps: [...state.apps.values()],
    });
    for (const p of state.portals.values()) {
      const { contacts, apps, customProperties, ...rest } = p;
      await write({ kind: "portal", portal: { ...rest, apps: [...apps.entries()], customProperties: [...customProperties.values()] } });
      for (const c of contacts.records) await write({ kind: "c", h: p.hubId, r: FIELDS.map((f) => c[f]) });
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    // Disk full or the like: drop the partial file, keep the previous snapshot.
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
  await fsync(tmp);
  await rename(tmp, path);
  // The rename itself is durable once the folder is flushed (Linux; elsewhere best effort).
  await fsync(dirname(path)).catch(() => undefined);
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Loads a snapshot into an empty state; false when the file does not exist. */
export async function loadSnapshot(path: string, state: SandboxState): Promise<boolean> {
  if (!existsSync(path)) return false;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const text of lines) {
    if (!text) continue;
    const line = JSON.parse(text) as Line;
    if (line.kind === "meta") {
      state.clock.setOffset(line.clockOffset);
      state.agency = line.agency;
      for (const a of line.apps) state.addApp(a);
    } else if (line.kind === "portal") {
      const { apps, customProperties, ...rest } = line.portal;
      const portal = createPortal({ ...rest, termStart: rest.termStart, privateApp: rest.privateApp });
      Object.assign(portal, rest);
      portal.apps = new Map(apps as [number, Portal["apps"] extends Map<number, infer V> ? V : never][]);
      portal.customProperties = new Map((customProperties as { name: string }[]).map((d) => [d.name, d as never]));
      state.addPortal(portal);
    } else {
      const portal = state.portal(line.h);
      if (!portal) continue;
      const c = new ContactRecord(0, 0, null, null, null, "");
      FIELDS.forEach((f, i) => {
        (c as unknown as Record<string, unknown>)[f] = line.r[i];
      });
      portal.contacts.add(c);
    }
  }
  return true;
}
