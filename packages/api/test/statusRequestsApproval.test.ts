import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts } from "@marketable/db";
import { availableEngines, snapshotDatabase, type TestDatabase } from "@marketable/db/testing";

import { type sandboxHubSpot } from "./hubspotSandbox";
import { statusRequestWorld } from "./statusRequestWorld";
import { errorCode } from "./trpcErrors";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("marketing status requests on %s", (engine) => {
  const w = statusRequestWorld(engine);
  const { queued, clock, as, execute, stored, audit } = w;
  let t: TestDatabase, hub: Hub, portalId: string;
  beforeAll(() => void ({ t, hub, portalId } = w));

  it("an admin's promotion over the tier waits; the admin cannot approve it; billing approves; it runs", async () => {
    const filter = { status: "nonMarketing" as const };
    const preview = await as("admin").statusRequests.preview({ portalId, target: "marketing", selection: { kind: "filter", filter } });
    expect(preview.billing.crossesTier).toBe(true);
    expect(preview.billing.upgrade!.proratedChargeMinor).toBeGreaterThan(0);
    const created = await as("admin").statusRequests.create({
      portalId,
      target: "marketing",
      reason: "Newsletter relaunch",
      selection: { kind: "filter", filter },
      confirmCount: preview.changeCount,
    });
    expect(created.state).toBe("pending_approval");
    expect(created.approvalReasons[0]).toMatch(/Crosses the portal's tier/);
    expect(queued).not.toContain(created.id);

    const before = await snapshotDatabase(t.db);
    expect(await errorCode(as("admin").statusRequests.approve({ portalId, requestId: created.id }))).toBe("FORBIDDEN");
    expect(await errorCode(as("manager").statusRequests.approve({ portalId, requestId: created.id }))).toBe("FORBIDDEN");
    expect(await snapshotDatabase(t.db)).toEqual(before);
    // Nothing runs before approval.
    expect(await execute(created.id)).toEqual({ state: "pending_approval" });

    const queue = await as("billing").statusRequests.approvalQueue({ portalId });
    expect(queue.map((r) => r.id)).toContain(created.id);
    expect(await as("billing").statusRequests.approve({ portalId, requestId: created.id, note: "Budget agreed" })).toMatchObject({
      state: "queued",
    });
    expect(queued).toContain(created.id);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });
    const { results: events } = (await fetch(`${hub.sandbox.url}/_sandbox/portals/${hub.clientPortals[0]!.hubId}/billing-events`).then(
      (r) => r.json(),
    )) as { results: { type: string }[] };
    expect(events.some((e) => e.type === "TIER_UPGRADE")).toBe(true);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.approve",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);

    // No sync needed: the billing page already counts the promoted contacts, says what HubSpot's
    // automatic upgrade is (the tier the sandbox moved to), and the tier alerts are raised.
    const marketing = (await stored()).filter((c) => c.marketable).length;
    const billing = await as("billing").billing.portal({ portalId });
    expect(billing.usage!.marketing).toBe(marketing);
    expect(marketing).toBeGreaterThan(1_000);
    const sandboxTier = (
      (await fetch(`${hub.sandbox.url}/_sandbox/portals/${hub.clientPortals[0]!.hubId}`).then((r) => r.json())) as { tier: number }
    ).tier;
    expect(billing.automaticUpgrade).toMatchObject({ fromLimit: 1_000, newLimit: sandboxTier });
    const open = (await as("billing").alerts.list({ status: "open", portalId })).alerts;
    expect(
      open
        .filter((a) => a.kind === "threshold")
        .map((a) => a.detail.threshold)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual([80, 90, 100]);
  });

  it("an approval window that passes expires the request; a rejection is final and audited", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    await as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: 2, approvalCostThresholdMinor: null, approvalTtlHours: 1 });
    const first = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Cleanup",
      selection: { kind: "ids", ids },
    });
    expect(first.state).toBe("pending_approval");
    clock.advance(2 * 3_600_000);
    expect(await errorCode(as("billing").statusRequests.approve({ portalId, requestId: first.id }))).toBe("CONFLICT");
    expect((await as("manager").statusRequests.get({ portalId, requestId: first.id })).request.state).toBe("expired");

    const second = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Cleanup again",
      selection: { kind: "ids", ids },
    });
    expect(await as("billing").statusRequests.reject({ portalId, requestId: second.id, note: "Keep them this month" })).toMatchObject({
      state: "rejected",
    });
    expect(await errorCode(as("owner").statusRequests.approve({ portalId, requestId: second.id }))).toBe("CONFLICT");
    expect((await audit(second.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.reject"]);
    expect((await audit(first.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.expire"]);
    await as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: null, approvalCostThresholdMinor: null, approvalTtlHours: 72 });
  });

  it("a stale preview is recomputed before the import: contacts that changed meanwhile are skipped", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 4)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Stale check",
      selection: { kind: "ids", ids },
    });
    // Meanwhile one of them was demoted elsewhere (a webhook or sync stored it).
    await t.db
      .update(contacts)
      .set({ marketableUntilRenewal: true })
      .where(and(eq(contacts.portalId, portalId), eq(contacts.hubspotId, ids[0]!)));
    clock.advance(10 * 60_000);
    expect(await execute(created.id)).toEqual({ state: "succeeded" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.outcomes).toEqual({ changed: 3, skipped: 1 });
    expect(detail.events.map((e) => e.kind)).toContain("preview_recomputed");
    expect(detail.request.changeCount).toBe(3);
  });
});
