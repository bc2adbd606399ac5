import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/index";
import { clientFor } from "./support/sandbox";

describe("snapshots", () => {
  it("saves state on close and loads it at start", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sbx-")), "state.ndjson");
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
});
