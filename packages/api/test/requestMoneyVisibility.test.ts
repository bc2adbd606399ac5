import { beforeAll, describe, expect, it } from "vitest";

import { availableEngines } from "@marketable/db/testing";

import { statusRequestWorld } from "./statusRequestWorld";

const engines = await availableEngines();

// A client reads its portal's requests (contacts.view) but not its bill (no billing.view): the
// request's preview, reasons and events reach it without the tier, prices or amounts.
describe.each(engines)("a status request's money goes only to viewers with billing.view, on %s", (engine) => {
  const w = statusRequestWorld(engine);
  let portalId: string;
  let requestId: string;
  beforeAll(async () => {
    portalId = w.portalId;
    const filter = { status: "nonMarketing" as const };
    const selection = { kind: "filter" as const, filter };
    const preview = await w.as("admin").statusRequests.preview({ portalId, target: "marketing", selection });
    const created = await w.as("admin").statusRequests.create({
      portalId,
      target: "marketing",
      reason: "Newsletter relaunch",
      selection,
      confirmCount: preview.changeCount,
    });
    requestId = created.id;
    // Both money reasons (over the tier, a cost over the agency's limit of 0) around the size one.
    expect(created.approvalReasons).toEqual([
      expect.stringMatching(/^Crosses the portal's tier: 1,000 → /),
      expect.stringMatching(/^Changes 1,053 contacts, over the agency's limit of 1,000$/),
      expect.stringMatching(/^Adds \d+\.\d\d USD, over/),
    ]);
  });

  it("the client's request page, request and list carry no tier, price or amount; the reasons say the bill changes", async () => {
    const client = w.as("client");
    const answers = {
      detail: await client.statusRequests.detail({ portalId, requestId }),
      get: await client.statusRequests.get({ portalId, requestId }),
      list: await client.statusRequests.list({ portalId }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      const text = JSON.stringify(answer);
      for (const secret of ['"money"', '"billing"', "Minor", "tierLimit", "Crosses the portal's tier", "Adds ", "1,000 →"])
        expect(text, `${name}: no ${secret}`).not.toContain(secret);
      expect(text, name).toContain("Changes the portal's bill");
    }
    const sizeReason = "Changes 1,053 contacts, over the agency's limit of 1,000";
    expect(answers.detail.request.approvalReasons).toEqual(["Changes the portal's bill", sizeReason]);
    expect(answers.detail.portal.currency).toBeNull();
    const waits = answers.detail.events.find((e) => e.kind === "awaiting_approval");
    expect(waits?.message).toBe(`Waits for approval: Changes the portal's bill; ${sizeReason}`);
    // What the client may see stays: the selection, the count, the state.
    expect(answers.detail.request).toMatchObject({ state: "pending_approval", target: "marketing", changeCount: 1_053 });
  });

  it("the manager, the analyst and the billing role read the same request with its money and reasons", async () => {
    for (const role of ["manager", "analyst", "billing"] as const) {
      const { request, events, portal } = await w.as(role).statusRequests.detail({ portalId, requestId });
      expect((request.preview as { money?: unknown }).money, role).toBeDefined();
      expect(request.approvalReasons[0], role).toMatch(/^Crosses the portal's tier/);
      expect(events.find((e) => e.kind === "awaiting_approval")?.message, role).toMatch(/Crosses the portal's tier.*Adds/);
      expect(portal.currency, role).toMatch(/^[A-Z]{3}$/);
    }
  });

  it("lists a request's contacts in numeric id order, not text order", async () => {
    const page = await w.as("manager").statusRequests.contacts({ portalId, requestId, pageSize: 200 });
    const ids = page.items.map((c) => c.hubspotId);
    // The check means something only if the ids differ in length (text order would differ).
    expect(new Set(ids.map((id) => id.length)).size).toBeGreaterThan(1);
    expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    const { sample } = await w.as("manager").statusRequests.detail({ portalId, requestId });
    expect(sample.map((c) => c.hubspotId)).toEqual(ids.slice(0, 10));
  });
});
