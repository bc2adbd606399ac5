import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MailMessage } from "@marketable/auth/mailer";
import { alertWebhooks, notifications, sealSecret, statusRequests } from "@marketable/db";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { verifyAlertSignature } from "../src/services/alerts/signature";
import { deliverRequestNotice } from "../src/services/notifications/deliverRequestNotice";
import { startAlertReceiver } from "./alertReceiver";
import { errorCode } from "./trpcErrors";
import { actors, buildWorld, type ActorName, type World } from "./world";

const engines = await availableEngines();

describe.each(engines)("approvals inbox, request page and notifications on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
    // Every request waits for a second person here (the default waits from 1,000 contacts).
    await w.as("owner").statusRequests.setGuardrails({ approvalSizeThreshold: 1, approvalCostThresholdMinor: 0, approvalTtlHours: 72 });
  });
  afterAll(async () => w?.close());

  const kindsFor = async (actor: ActorName, requestId: string) =>
    (await w.as(actor).notifications.list()).items.filter((n) => n.requestId === requestId).map((n) => n.kind);

  const managerRequest = async () => {
    const ids = await w.freshContacts(3);
    return w.as("manager").statusRequests.create({
      portalId: w.p1.id,
      target: "nonMarketing",
      reason: "Bounced last quarter",
      selection: { kind: "ids", ids },
      confirmCount: 3,
    });
  };

  it("a manager's request: every approver is told and sees it in the inbox with a sample; the requester, other roles and the other agency are not", async () => {
    const created = await managerRequest();
    expect(created.state).toBe("pending_approval");
    for (const approver of ["owner", "admin", "billing"] as const) {
      expect(await kindsFor(approver, created.id)).toEqual(["approval_needed"]);
      const inbox = await w.as(approver).statusRequests.inbox();
      const item = inbox.items.find((r) => r.id === created.id)!;
      expect(item).toMatchObject({ portalName: "P1", changeCount: 3, requestedByEmail: w.users.manager.email, mine: false });
      expect(item.sample).toHaveLength(3);
      expect(inbox.toDecide).toBeGreaterThanOrEqual(1);
    }
    for (const other of ["manager", "analyst", "client", "outsider"] as const) expect(await kindsFor(other, created.id)).toEqual([]);
    expect((await w.as("manager").statusRequests.inbox()).items).toEqual([]);
    expect((await w.as("outsider").statusRequests.inbox()).items).toEqual([]);
    expect((await w.as("outsider").notifications.list()).items).toEqual([]);
  });

  it("billing, without contacts.view, reads the request's page and contacts, approves it, and the requester is told", async () => {
    const created = await managerRequest();
    expect(await errorCode(w.as("billing").contacts.list({ portalId: w.p1.id }))).toBe("FORBIDDEN");
    const page = await w.as("billing").statusRequests.detail({ portalId: w.p1.id, requestId: created.id });
    expect(page.sample).toHaveLength(3);
    expect(page.viewer).toMatchObject({ canApprove: true, canViewContacts: false });
    expect(page.audit!.map((a) => a.action)).toEqual(["marketingStatus.request"]);
    const contacts = await w.as("billing").statusRequests.contacts({ portalId: w.p1.id, requestId: created.id });
    expect(contacts.total).toBe(3);
    const csv = await w.as("billing").statusRequests.contactsCsv({ portalId: w.p1.id, requestId: created.id });
    expect(csv.csv.split(/\r?\n/)[0]).toBe("hubspot_id,email,status_before,outcome,error");
    expect(csv.rows).toBe(3);
    // A manager and an analyst read it through contacts.view; the manager of another portal does not see P3's.
    expect((await w.as("analyst").statusRequests.detail({ portalId: w.p1.id, requestId: created.id })).viewer.canApprove).toBe(false);

    await w.as("billing").statusRequests.approve({ portalId: w.p1.id, requestId: created.id });
    expect(await kindsFor("manager", created.id)).toEqual(["approved"]);
    const bell = await w.as("manager").notifications.list();
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    expect((await w.as("manager").notifications.markAllRead()).updated).toBeGreaterThanOrEqual(1);
    expect((await w.as("manager").notifications.list()).unread).toBe(0);
  });

  it("a reject without a reason is refused and changes nothing; with one, the requester is told why", async () => {
    const created = await managerRequest();
    const before = await snapshotDatabase(w.t.db);
    expect(await errorCode(w.as("admin").statusRequests.reject({ portalId: w.p1.id, requestId: created.id, note: "" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
    await w.as("admin").statusRequests.reject({ portalId: w.p1.id, requestId: created.id, note: "Wait for the renewal" });
    const notice = (await w.as("manager").notifications.list()).items.find((n) => n.requestId === created.id && n.kind === "rejected");
    expect(notice?.message).toMatch(/rejected by .*: Wait for the renewal$/);
  });

  it("never shows another agency's request, nor one of a portal the viewer no longer sees", async () => {
    // A notice of agency B's portal addressed to A's owner (say, a person in both agencies) and one
    // of P3, which the manager is not granted (say, a grant revoked since): neither is shown.
    const [bRequest] = await w.t.db
      .insert(statusRequests)
      .values({
        agencyId: w.agencyB.id,
        portalId: w.bPortal.id,
        target: "non_marketing",
        reason: "B's own",
        state: "pending_approval",
        selection: { kind: "ids" },
        changeCount: 1,
        preview: {},
        previewAt: w.clock.now(),
        approvalReasons: ["test"],
        requestedBy: w.users.outsider.id,
        requestedByEmail: w.users.outsider.email,
        approvalExpiresAt: new Date(w.clock.now().getTime() + 86_400_000),
        createdAt: w.clock.now(),
        updatedAt: w.clock.now(),
      })
      .returning();
    const p3Request = (
      await w.t.db
        .insert(statusRequests)
        .values({
          ...bRequest!,
          id: undefined,
          agencyId: w.agencyA.id,
          portalId: w.p3.id,
          requestedBy: w.users.manager.id,
          requestedByEmail: w.users.manager.email,
        })
        .returning()
    )[0]!;
    await w.t.db.insert(notifications).values([
      {
        agencyId: w.agencyB.id,
        userId: w.users.owner.id,
        portalId: w.bPortal.id,
        requestId: bRequest!.id,
        kind: "approval_needed",
        message: "B",
        createdAt: w.clock.now(),
      },
      {
        agencyId: w.agencyA.id,
        userId: w.users.manager.id,
        portalId: w.p3.id,
        requestId: p3Request.id,
        kind: "approved",
        message: "P3",
        createdAt: w.clock.now(),
      },
    ]);
    for (const actor of actors) {
      const seen = JSON.stringify([await w.as(actor).notifications.list(), await w.as(actor).statusRequests.inbox()]);
      if (actor !== "outsider") expect(seen, actor).not.toContain(bRequest!.id);
      if (actor !== "outsider") expect(seen, actor).not.toContain(w.bPortal.id);
      if (actor === "manager" || actor === "analyst" || actor === "client") expect(seen, actor).not.toContain(p3Request.id);
    }
    expect(await errorCode(w.as("manager").statusRequests.detail({ portalId: w.p3.id, requestId: p3Request.id }))).toBe("NOT_FOUND");
    expect(await errorCode(w.as("owner").statusRequests.detail({ portalId: w.p1.id, requestId: p3Request.id }))).toBe("NOT_FOUND");
  });

  it("emails each notice once and posts the request's event to the agency webhook, signed as alerts are", async () => {
    const receiver = await startAlertReceiver([500]);
    const secret = "whsec_test_requests";
    await w.t.db
      .insert(alertWebhooks)
      .values({ agencyId: w.agencyA.id, url: receiver.url, secretEnc: sealSecret(secret, w.hub.settings.keyring) });
    try {
      const created = await managerRequest();
      const sent: MailMessage[] = [];
      const deps = {
        db: w.t.db,
        keyring: w.hub.settings.keyring,
        policy: { allowPrivate: true },
        mail: async (m: MailMessage) => void sent.push(m),
        appUrl: "https://portal.example.test",
      };
      // The receiver answers 500 first: the job throws to be retried; the emails already went.
      await expect(deliverRequestNotice(deps, created.id, "approval_needed")).rejects.toThrow(/500/);
      expect(sent.map((m) => m.to).sort()).toEqual([w.users.owner.email, w.users.admin.email, w.users.billing.email].sort());
      expect(sent[0]!.text).toContain(`https://portal.example.test/requests/${created.id}`);
      expect(await deliverRequestNotice(deps, created.id, "approval_needed")).toEqual({ emailed: 0, webhook: "delivered" });
      expect(sent).toHaveLength(3);
      const last = receiver.received.at(-1)!;
      expect(
        verifyAlertSignature(secret, {
          signature: last.headers["x-marketable-signature"] as string,
          timestamp: last.headers["x-marketable-timestamp"] as string,
          body: last.rawBody,
        }),
      ).toBe(true);
      expect(JSON.parse(last.rawBody)).toMatchObject({
        type: "statusRequest.approval_needed",
        request: { id: created.id, changeCount: 3, link: `https://portal.example.test/requests/${created.id}` },
      });
    } finally {
      await w.t.db.delete(alertWebhooks).where(eq(alertWebhooks.agencyId, w.agencyA.id));
      await receiver.close();
    }
  });
});
