import { expect } from "vitest";

import type { Permission } from "@marketable/permissions";

import { appRouter } from "../src/root";
import type { ProcedureMeta } from "../src/trpc";
import { unique, type ActorName, type World } from "./world";

/**
 * Every procedure of the app router, with the permission it must declare, one example input
 * (built fresh for each call, so successful mutations do not consume each other's targets),
 * and what a member of another agency gets: NOT_FOUND, or their own agency's data only.
 * A procedure missing here, or declaring another permission, fails the suite.
 */
export interface Case {
  permission: Permission;
  /** `actor` is who will call: for procedures acting on the caller's own rows (saved filters). */
  input?: (w: World, actor: ActorName) => unknown;
  /** For procedures that act on the caller's own agency: proves nothing of agency A leaks. */
  outsiderSeesOwn?: (result: unknown, w: World) => void;
}

const noAgencyA = (w: World) => (result: unknown) => {
  const text = JSON.stringify(result);
  for (const id of [w.agencyA.id, w.p1.id, w.p2.id, w.p3.id, w.users.owner.id, w.users.owner.email]) {
    expect(text).not.toContain(id);
  }
};

export const cases: Record<string, Case> = {
  "agency.current": {
    permission: "agency.view",
    outsiderSeesOwn: (r, w) => {
      expect((r as { agency: { id: string } }).agency.id).toBe(w.agencyB.id);
      noAgencyA(w)(r);
    },
  },
  "agency.overview": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "agency.memberships": {
    permission: "agency.view",
    outsiderSeesOwn: (r, w) => {
      expect((r as { id: string }[]).map((m) => m.id)).toEqual([w.agencyB.id]);
      noAgencyA(w)(r);
    },
  },
  "agency.switch": { permission: "agency.view", input: (w) => ({ agencyId: w.agencyA.id }) },
  "portals.list": { permission: "agency.view", input: () => ({}), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "portals.get": { permission: "portal.view", input: (w) => ({ portalId: w.p1.id }) },
  "portals.create": {
    permission: "portal.connect",
    input: () => ({
      name: `New ${unique("p")}`,
      timeZone: "Europe/Paris",
      currency: "EUR",
      edition: "starter",
      purchasedTier: 1000,
      billingTerm: "monthly",
      renewalDate: "2027-01-15",
    }),
    outsiderSeesOwn: (r, w) => expect((r as { agencyId: string }).agencyId).toBe(w.agencyB.id),
  },
  "portals.update": { permission: "portal.connect", input: (w) => ({ portalId: w.p1.id, name: `P1 ${unique("n")}` }) },
  "portals.updateContract": { permission: "billing.manage", input: (w) => ({ portalId: w.p1.id, purchasedTier: 5000 }) },
  "portals.archive": {
    permission: "portal.remove",
    // Archiving consumes the portal, so each allowed call archives a fresh one that P1's
    // grantees can see: the same shape of input for every role.
    input: async (w) => {
      const { createPortal, grantPortal } = await import("@marketable/db/seed");
      const portal = await createPortal(w.t.db, { agencyId: w.agencyA.id, name: "Disposable" });
      for (const role of ["manager", "analyst", "client"] as const) {
        await grantPortal(w.t.db, { agencyId: w.agencyA.id, userId: w.users[role].id, portalId: portal.id, role });
      }
      return { portalId: portal.id };
    },
  },
  "members.list": { permission: "members.manage", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "members.invite": {
    permission: "members.manage",
    input: (w) => ({ email: unique("invite"), role: "member", grants: [{ portalId: w.p1.id, role: "analyst" }] }),
  },
  "members.revokeInvitation": {
    permission: "members.manage",
    input: async (w) => ({ invitationId: (await w.freshInvitation()).id }),
  },
  "members.changeRole": {
    permission: "members.manage",
    input: async (w) => ({ userId: (await w.freshMember("billing")).id, role: "admin" }),
  },
  "members.grantPortal": {
    permission: "members.manage",
    input: async (w) => ({ userId: (await w.freshMember()).id, portalId: w.p1.id, role: "client" }),
  },
  "members.revokePortal": {
    permission: "members.manage",
    input: async (w) => ({ userId: (await w.freshGrantedMember()).id, portalId: w.p1.id }),
  },
  "members.remove": { permission: "members.manage", input: async (w) => ({ userId: (await w.freshMember()).id }) },
  "audit.list": { permission: "audit.view", input: () => ({}), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "audit.exportCsv": { permission: "audit.view", input: () => ({}), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "integrations.matrix": {
    permission: "agency.view",
    input: () => ({ page: 1, pageSize: 10 }),
    outsiderSeesOwn: (r, w) => noAgencyA(w)(r),
  },
  "integrations.portal": { permission: "integrations.view", input: (w) => ({ portalId: w.p1.id }) },
  "integrations.setPolicy": {
    permission: "integrations.managePolicy",
    input: (w) => ({ portalId: w.p1.id, appId: "1160452", createMarketing: false }),
  },
  "integrations.setTemplate": { permission: "integrations.managePolicy", input: () => ({ appId: "1160452", createMarketing: true }) },
  "integrations.templates": { permission: "integrations.managePolicy", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "integrations.previewTemplate": { permission: "integrations.managePolicy", input: () => ({ appId: "1160452", createMarketing: false }) },
  // A fresh agency-wide change of agency A to undo (an outsider's undo of it is NOT_FOUND).
  "integrations.undoTemplate": {
    permission: "integrations.managePolicy",
    input: async (w) => ({ auditId: (await w.as("owner").integrations.setTemplate({ appId: "1160452", createMarketing: false })).auditId }),
  },
  "connections.startOAuth": {
    permission: "portal.connect",
    input: () => ({}),
    outsiderSeesOwn: (r) => expect((r as { url: string }).url).toMatch(/state=/),
  },
  "connections.connectToken": {
    permission: "portal.connect",
    input: (w) => ({ token: w.hub.clientPortals[1]!.token }),
    outsiderSeesOwn: (r, w) => expect([w.p1.id, w.p2.id, w.p3.id]).not.toContain((r as { portalId: string }).portalId),
  },
  "connections.disconnect": { permission: "portal.connect", input: async (w) => ({ portalId: (await w.freshConnectedPortal()).id }) },
  "connections.syncStatus": { permission: "portal.view", input: (w) => ({ portalId: w.p1.id }) },
  "connections.apiUsage": { permission: "portal.view", input: (w) => ({ portalId: w.p1.id }) },
  "billing.rollup": { permission: "agency.view", input: () => ({ page: 1, pageSize: 10 }), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "billing.rollupCsv": { permission: "agency.view", input: () => ({}), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "billing.portal": { permission: "billing.view", input: (w) => ({ portalId: w.p1.id }) },
  "billing.renewalPack": { permission: "billing.view", input: (w) => ({ portalId: w.p1.id }) },
  "billing.renewalPackCsv": { permission: "billing.view", input: (w) => ({ portalId: w.p1.id }) },
  "billing.priceTables": { permission: "billing.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "billing.savePriceTable": {
    permission: "billing.manage",
    input: () => ({
      tableKey: "negotiated-usd",
      name: "Negotiated 2027",
      currency: "USD",
      effectiveFrom: "2027-01-01",
      source: "Signed quote Q-1",
      rows: [{ edition: "professional", term: "yearly", currency: "USD", includedContacts: 2000, blockSize: 5000, blockPriceMinor: 22500 }],
    }),
    outsiderSeesOwn: (r, w) => expect((r as { agencyId: string }).agencyId).toBe(w.agencyB.id),
  },
  "billing.setPortalPriceTable": { permission: "billing.manage", input: (w) => ({ portalId: w.p1.id, priceTableId: null }) },
  "connections.sync": { permission: "integrations.managePolicy", input: (w) => ({ portalId: w.p1.id, kind: "incremental" }) },
  "onboarding.previewCsv": {
    permission: "portal.connect",
    input: () => ({ csv: csvRow(`Preview ${unique("p")}`) }),
    outsiderSeesOwn: (r, w) => noAgencyA(w)(r),
  },
  "onboarding.importCsv": {
    permission: "portal.connect",
    input: () => ({ csv: csvRow(`Imported ${unique("p")}`) }),
    outsiderSeesOwn: (r, w) => noAgencyA(w)(r),
  },
  "onboarding.partnerClients": {
    permission: "portal.connect",
    input: (w) => ({ token: w.hub.sandbox.admin.listPortals().find((p) => p.partner)!.token }),
    outsiderSeesOwn: (r, w) => noAgencyA(w)(r),
  },
  "onboarding.addPartnerClients": {
    permission: "portal.connect",
    input: () => ({ clients: [{ hubId: String(Math.floor(Math.random() * 1e9)), name: "Partner client" }] }),
    outsiderSeesOwn: (r, w) => noAgencyA(w)(r),
  },
  "contacts.list": { permission: "contacts.view", input: (w) => ({ portalId: w.p1.id, filter: { status: "marketing" } }) },
  "contacts.facets": { permission: "contacts.view", input: (w) => ({ portalId: w.p1.id }) },
  "contacts.exportCsv": { permission: "contacts.view", input: (w) => ({ portalId: w.p1.id, filter: {} }) },
  "contacts.savedFilters": { permission: "contacts.view", input: (w) => ({ portalId: w.p1.id }) },
  // A name of the caller's own (fresh per call, so the 50-per-person limit is never reached here).
  "contacts.saveFilter": {
    permission: "contacts.view",
    input: (w) => ({ portalId: w.p1.id, name: unique("Bounced"), filter: { bounced: true } }),
  },
  // The caller's own filter: allowed roles delete it (OK); the rest are refused before reaching it.
  "contacts.deleteFilter": {
    permission: "contacts.view",
    input: async (w, actor) => ({ portalId: w.p1.id, id: (await w.freshSavedFilter(actor)).id }),
  },
  "statusRequests.preview": {
    permission: "marketingStatus.request",
    input: async (w) => ({ portalId: w.p1.id, target: "nonMarketing", selection: { kind: "ids", ids: await w.freshContacts() } }),
  },
  "statusRequests.create": {
    permission: "marketingStatus.request",
    input: async (w) => ({
      portalId: w.p1.id,
      target: "nonMarketing",
      reason: "Bounced contacts",
      selection: { kind: "ids", ids: await w.freshContacts() },
      confirmCount: 2,
    }),
  },
  "statusRequests.list": { permission: "contacts.view", input: (w) => ({ portalId: w.p1.id }) },
  "statusRequests.get": {
    permission: "contacts.view",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id }),
  },
  "statusRequests.pendingApprovals": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "statusRequests.approvalQueue": { permission: "marketingStatus.approve", input: (w) => ({ portalId: w.p1.id }) },
  "statusRequests.approve": {
    permission: "marketingStatus.approve",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id }),
  },
  "statusRequests.reject": {
    permission: "marketingStatus.approve",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id, note: "Not this month" }),
  },
  "statusRequests.inbox": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  // Everyone who sees a portal may view its contacts or approve its requests: no role sees P1
  // without reading its requests (the billing role reads them through approve, not contacts.view).
  "statusRequests.detail": {
    permission: "portal.view",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id }),
  },
  "statusRequests.contacts": {
    permission: "portal.view",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id }),
  },
  "statusRequests.contactsCsv": {
    permission: "portal.view",
    input: async (w) => ({ portalId: w.p1.id, requestId: (await w.freshPendingRequest()).id }),
  },
  "notifications.list": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  // The caller's own notices in their own agency: the outsider marks theirs (none), never A's.
  "notifications.markAllRead": { permission: "agency.view", outsiderSeesOwn: (r) => expect(r).toEqual({ updated: 0 }) },
  "statusRequests.guardrails": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "statusRequests.setGuardrails": {
    permission: "billing.manage",
    input: () => ({ approvalSizeThreshold: 5000, approvalCostThresholdMinor: 100_00, approvalTtlHours: 48 }),
    outsiderSeesOwn: (r) => expect(r).toMatchObject({ approvalSizeThreshold: 5000 }),
  },
  "alerts.list": { permission: "agency.view", input: () => ({ status: "all" }), outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "alerts.badge": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "alerts.acknowledge": { permission: "alerts.manage", input: async (w) => ({ portalId: w.p1.id, alertId: (await w.freshAlert()).id }) },
  "alerts.rules": { permission: "portal.view", input: (w) => ({ portalId: w.p1.id }) },
  "alerts.setRules": {
    permission: "alerts.manage",
    input: (w) => ({ portalId: w.p1.id, rules: { thresholds: [75, 90, 100], spikePct: 15, enabled: true } }),
  },
  "alerts.defaultRules": { permission: "agency.view", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "alerts.setDefaultRules": {
    permission: "alerts.manage",
    input: () => ({ rules: { thresholds: [70, 95], spikePct: 20, enabled: true } }),
    // Agency-scoped: the outsider sets their own agency's defaults, and sees nothing of A's.
    outsiderSeesOwn: (r, w) => {
      expect(r).toEqual({ thresholds: [70, 95], spikePct: 20, enabled: true, source: "agency" });
      noAgencyA(w)(r);
    },
  },
  "alerts.webhook": { permission: "alerts.manage", outsiderSeesOwn: (r, w) => noAgencyA(w)(r) },
  "alerts.setWebhook": {
    permission: "alerts.manage",
    input: () => ({ webhook: { url: "https://hooks.example.test/marketable" } }),
    outsiderSeesOwn: (r) => expect((r as { webhook: { url: string } }).webhook.url).toBe("https://hooks.example.test/marketable"),
  },
};

function csvRow(name: string) {
  return `name,time_zone,currency,edition,purchased_tier,billing_term,renewal_date\n${name},UTC,USD,starter,1000,monthly,2027-02-01`;
}

export type AnyProcedure = { _def: { meta?: ProcedureMeta; type: "query" | "mutation"; inputs: unknown[] } };
// At run time tRPC keeps a flat record keyed by dotted path.
export const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Calls a procedure by its dotted path as `actor`, the way a client would. */
export async function callProcedure(w: World, actor: ActorName, path: string, input: unknown) {
  const caller = w.as(actor) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [router, name] = path.split(".") as [string, string];
  return caller[router]![name]!(input);
}
