import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { startSandbox, type Sandbox } from "../src/index";
import { loadSnapshot } from "../src/snapshot";
import { SnapshotKeeper } from "../src/snapshotKeeper";
import { SandboxState } from "../src/state/sandboxState";
import { clientFor, clientPortals } from "./support/sandbox";

const snapshotFile = () => join(mkdtempSync(join(tmpdir(), "sbx-")), "state.ndjson");

/** The state a snapshot file holds right now, loaded on its own (the sandbox that wrote it keeps running). */
async function stateIn(file: string): Promise<SandboxState> {
  const state = new SandboxState(0);
  expect(await loadSnapshot(file, state)).toBe(true);
  return state;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function contactByEmail(state: SandboxState, hubId: number, email: string) {
  return state.portal(hubId)?.contacts.byEmail(email);
}

describe("snapshots", () => {
  it("saves state on close and loads it at start", async () => {
    const file = snapshotFile();
    const first = await startSandbox({ preset: "small", seed: 3, snapshot: file });
    const p = first.admin.createPortal({ name: "Kept", contacts: 50 });
    first.admin.setSwitch(first.admin.listPortals()[1]!.hubId, first.admin.listPortals()[1]!.apps[0]!.appId, true);
    first.admin.advance({ days: 2 });
    const before = first.admin.listPortals();
    const clock = first.state.now();
    await first.close();

    const second = await startSandbox({ preset: "small", seed: 3, snapshot: file });
    expect(second.generation).toBeNull();
    expect(second.admin.listPortals()).toEqual(before);
    expect(second.state.now()).toBeGreaterThanOrEqual(clock);
    const page = await clientFor(second, p.token).crm.contacts.basicApi.getPage(100);
    expect(page.results).toHaveLength(50);
    await second.close();
  });

  it("saves a freshly generated preset, then each change through the API a moment later, without waiting for close", async () => {
    const file = snapshotFile();
    const sandbox = await startSandbox({ preset: "small", seed: 5, snapshot: file, snapshotDebounceMs: 50 });
    try {
      await waitFor(async () => existsSync(file));
      const portal = clientPortals(sandbox)[0]!;
      expect((await stateIn(file)).portal(portal.hubId)?.contacts.liveCount).toBe(portal.contacts);

      const client = clientFor(sandbox, portal.token);
      const created = await client.crm.contacts.basicApi.create({
        properties: { email: "kept@example.org", firstname: "Kept" },
        associations: [],
      });
      await waitFor(async () => contactByEmail(await stateIn(file), portal.hubId, "kept@example.org") !== undefined);

      await client.crm.contacts.basicApi.update(created.id, { properties: { firstname: "Changed" } });
      await waitFor(async () => contactByEmail(await stateIn(file), portal.hubId, "kept@example.org")?.firstname === "Changed");
      // An admin change (no contact event) is a change too.
      sandbox.admin.advance({ days: 3 });
      await fetch(`${sandbox.url}/_sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ days: 1 }),
      });
      await waitFor(async () => (await stateIn(file)).clock.getOffset() === sandbox.state.clock.getOffset());
    } finally {
      await sandbox.close();
    }
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("close waits for a save under way and writes what changed during it", async () => {
    const file = snapshotFile();
    // Debounce far away: only the explicit save and close write.
    const sandbox = await startSandbox({
      preset: "small",
      seed: 6,
      snapshot: file,
      snapshotDebounceMs: 60_000,
      snapshotMaxDelayMs: 60_000,
    });
    const portal = clientPortals(sandbox)[1]!;
    const saving = sandbox.saveSnapshot();
    await clientFor(sandbox, portal.token).crm.contacts.basicApi.create({ properties: { email: "late@example.org" }, associations: [] });
    await sandbox.close();
    await saving;
    expect(contactByEmail(await stateIn(file), portal.hubId, "late@example.org")).toBeDefined();
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("a save that fails keeps the previous snapshot whole, and the next save succeeds", async () => {
    const file = snapshotFile();
    let sandbox: Sandbox | undefined;
    try {
      sandbox = await startSandbox({ preset: "small", seed: 8, snapshot: file, snapshotDebounceMs: 60_000, snapshotMaxDelayMs: 60_000 });
      await sandbox.saveSnapshot();
      const previous = readFileSync(file, "utf8");
      // The temporary file's name taken by a folder: the write fails as on a full disk.
      mkdirSync(`${file}.tmp`);
      sandbox.admin.advance({ days: 1 });
      await expect(sandbox.saveSnapshot()).rejects.toThrow();
      expect(readFileSync(file, "utf8")).toBe(previous);
      expect((await stateIn(file)).clock.getOffset()).not.toBe(sandbox.state.clock.getOffset());

      rmSync(`${file}.tmp`, { recursive: true });
      await sandbox.saveSnapshot();
      expect((await stateIn(file)).clock.getOffset()).toBe(sandbox.state.clock.getOffset());
    } finally {
      await sandbox?.close().catch(() => undefined);
    }
  });

  it("a keeper removes the temporary file a killed save left, and leaves the snapshot beside it alone", () => {
    const file = snapshotFile();
    writeFileSync(file, "complete\n");
    writeFileSync(`${file}.tmp`, "cut off");
    new SnapshotKeeper(file, () => new SandboxState(0));
    expect(existsSync(`${file}.tmp`)).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("complete\n");
  });
});
