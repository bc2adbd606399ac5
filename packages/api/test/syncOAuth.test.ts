import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { auditLog, portalConnections, type Access } from "@marketable/db";
import { createMember, grantPortal } from "@marketable/db/seed";
import { availableEngines, type TestDatabase } from "@marketable/db/testing";

import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { completeOAuth } from "../src/services/connections/oauthFlow";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { syncWorld } from "./syncWorld";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("connect through OAuth on %s", (engine) => {
  const w = syncWorld(engine);
  const { scheduler, clock, caller, portalFor } = w;
  let t: TestDatabase, hub: Hub, access: Access;
  beforeAll(() => void ({ t, hub, access } = w));

  /** HubSpot's authorize page approved for `hubId`: the callback's code and state. */
  const startAndApprove = async (hubId: number) => {
    const { url } = await caller().connections.startOAuth({});
    const form = new URL(url).searchParams;
    const approve = await fetch(`${hub.sandbox.url}/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: form.get("client_id")!,
        redirect_uri: form.get("redirect_uri")!,
        scope: form.get("scope")!,
        state: form.get("state")!,
        hubId: String(hubId),
        decision: "approve",
      }),
    });
    const callback = new URL(approve.headers.get("location")!);
    return { code: callback.searchParams.get("code")!, state: callback.searchParams.get("state")! };
  };

  it("connects through OAuth: authorize page, approve, callback; the refresh token is sealed; named from the account, contract to confirm", async () => {
    const target = hub.clientPortals[1]!;
    const { url } = await caller().connections.startOAuth({});
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const form = new URL(url).searchParams;
    const approve = await fetch(`${hub.sandbox.url}/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: form.get("client_id")!,
        redirect_uri: form.get("redirect_uri")!,
        scope: form.get("scope")!,
        state: form.get("state")!,
        hubId: String(target.hubId),
        decision: "approve",
      }),
    });
    const callback = new URL(approve.headers.get("location")!);
    const portal = await completeOAuth(
      t.db,
      access,
      hub.settings,
      { code: callback.searchParams.get("code")!, state: callback.searchParams.get("state")! },
      { now: clock.now() },
    );
    expect(portal.hubId).toBe(String(target.hubId));
    // Named from HubSpot's account details (portalName), not its UI host; the contract fields are
    // placeholders HubSpot cannot fill, so they wait for confirmation.
    expect(portal.name).toBe(target.name);
    expect(portal.name).not.toMatch(/hubspot\.com/);
    expect(portal.contractNeedsConfirmation).toBe(true);
    const [connection] = await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, portal.id));
    expect(connection).toMatchObject({ kind: "oauth", appId: String(hub.sandbox.oauth.appId) });
    expect(connection!.refreshTokenEnc).toMatch(/^v1\./);
    // The state is single use.
    await expect(
      completeOAuth(t.db, access, hub.settings, { code: "x", state: callback.searchParams.get("state")! }, { now: clock.now() }),
    ).rejects.toThrow(/expired or was already used/);

    // A manager of the portal may not confirm the contract (billing.manage): refused, nothing changes.
    const manager = await createMember(t.db, { agencyId: access.agency.id, role: "member" });
    await grantPortal(t.db, { agencyId: access.agency.id, userId: manager.id, portalId: portal.id, role: "manager" });
    const as = (userId: string) => createCaller(createTRPCContext({ db: t.db, userId, clock, hubspot: hub.settings, scheduler }));
    await expect(as(manager.id).portals.updateContract({ portalId: portal.id, purchasedTier: 5_000 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await portalFor(target.hubId)).contractNeedsConfirmation).toBe(true);
    // The roll-up and the portal's billing view carry the flag while it is set.
    const billing = await createMember(t.db, { agencyId: access.agency.id, role: "billing" });
    const rollup = await as(billing.id).billing.rollup({});
    expect(rollup.rows.find((r) => r.portalId === portal.id)).toMatchObject({ contractNeedsConfirmation: true });
    expect((await as(billing.id).billing.portal({ portalId: portal.id })).portal.contractNeedsConfirmation).toBe(true);
    // Someone with billing.manage saves the contract: confirmed, and the audit keeps the change.
    const saved = await as(billing.id).portals.updateContract({
      portalId: portal.id,
      edition: "professional",
      purchasedTier: 5_000,
      billingTerm: "yearly",
      renewalDate: "2027-06-30",
    });
    expect(saved).toMatchObject({ purchasedTier: 5_000, contractNeedsConfirmation: false });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, portal.id), eq(auditLog.action, "portal.updateContract")));
    expect(entry).toMatchObject({ before: { contractNeedsConfirmation: true }, after: { contractNeedsConfirmation: false } });
    expect((await as(billing.id).billing.rollup({})).rows.find((r) => r.portalId === portal.id)).toMatchObject({
      contractNeedsConfirmation: false,
    });
    // Reconnecting an existing portal leaves its confirmed contract alone.
    const again = await startAndApprove(target.hubId);
    const reconnected = await completeOAuth(t.db, access, hub.settings, again, { now: clock.now() });
    expect(reconnected).toMatchObject({ id: portal.id, contractNeedsConfirmation: false, purchasedTier: 5_000, name: target.name });
  });
});
