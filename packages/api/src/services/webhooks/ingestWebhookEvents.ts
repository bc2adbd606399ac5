import { and, eq, inArray, isNull } from "drizzle-orm";

import { contacts, portals, webhookEvents, type Portal } from "@marketable/db";
import { upsertContacts, type ContactRecord } from "@marketable/hubspot";

import type { WorkerDeps } from "../../jobs/workerDeps";
import { refreshPortalApps } from "../integrations/refreshPortalApps";
import { requestSync } from "../sync/requestSync";
import { CONTACT_CHANGE_TYPES, CONTACT_DELETION_TYPE, type WebhookEvent } from "./webhookEvents";

export interface IngestResult {
  /** Events applied now (new event ids of connected portals). */
  accepted: number;
  /** Events already applied by an earlier delivery, or repeated within this one. */
  duplicates: number;
  /** Events of hub ids no connected portal has. */
  unknownPortals: number;
  /** Events of subscription types this product does not use. */
  ignored: number;
  /** Portals whose changed contacts could not be read and got an incremental sync instead. */
  syncsRequested: number;
}

type PortalRow = Portal;

/**
 * Applies a verified webhook delivery. Idempotent: each event id is claimed once in
 * `webhook_events` (INSERT … ON CONFLICT DO NOTHING, in the same transaction as its effect), so a
 * replayed or concurrent delivery changes nothing. Created and changed contacts are re-read from
 * HubSpot (the event says *that* something changed, the contact says what it is now, so events
 * arriving out of order still end in HubSpot's current state); deletions archive the contact.
 * Several agencies may manage one hub: every connected portal with the hub id gets the change.
 */
export async function ingestWebhookEvents(deps: WorkerDeps, input: { events: readonly WebhookEvent[] }): Promise<IngestResult> {
  const now = () => deps.clock.now();
  const result: IngestResult = { accepted: 0, duplicates: 0, unknownPortals: 0, ignored: 0, syncsRequested: 0 };

  const unique = new Map<string, WebhookEvent>();
  for (const event of input.events) {
    if (unique.has(event.eventId)) result.duplicates++;
    else unique.set(event.eventId, event);
  }
  const relevant = [...unique.values()].filter((e) => {
    const known = CONTACT_CHANGE_TYPES.has(e.subscriptionType) || e.subscriptionType === CONTACT_DELETION_TYPE;
    if (!known) result.ignored++;
    return known;
  });
  if (relevant.length === 0) return result;

  const seen = new Set(
    (
      await deps.db
        .select({ id: webhookEvents.eventId })
        .from(webhookEvents)
        .where(
          inArray(
            webhookEvents.eventId,
            relevant.map((e) => e.eventId),
          ),
        )
    ).map((r) => r.id),
  );
  const fresh = relevant.filter((e) => !seen.has(e.eventId));
  result.duplicates += relevant.length - fresh.length;
  if (fresh.length === 0) return result;

  const hubIds = [...new Set(fresh.map((e) => e.portalId))];
  const connected = await deps.db
    .select()
    .from(portals)
    .where(and(inArray(portals.hubId, hubIds), eq(portals.connectionStatus, "connected"), isNull(portals.archivedAt)));
  const portalsByHub = new Map<string, PortalRow[]>();
  for (const portal of connected) portalsByHub.set(portal.hubId!, [...(portalsByHub.get(portal.hubId!) ?? []), portal]);
  const applicable = fresh.filter((e) => {
    if (portalsByHub.has(e.portalId)) return true;
    result.unknownPortals++;
    return false;
  });
  if (applicable.length === 0) return result;

  // Read the changed contacts before the transaction: HTTP never runs while a transaction (on
  // PGlite: the only connection) is open. A portal whose read fails gets a sync instead.
  const fetched = new Map<string, ContactRecord[]>();
  const needSync: PortalRow[] = [];
  for (const [hubId, hubPortals] of portalsByHub) {
    const ids = [
      ...new Set(applicable.filter((e) => e.portalId === hubId && CONTACT_CHANGE_TYPES.has(e.subscriptionType)).map((e) => e.objectId)),
    ];
    if (ids.length === 0) continue;
    for (const portal of hubPortals) {
      try {
        const gateway = await deps.gatewayFor(portal, deps.log);
        fetched.set(portal.id, await gateway.getContactsByIds(ids));
      } catch (error) {
        deps.log.warn({ err: error, portalId: portal.id }, "webhook: could not read changed contacts; an incremental sync will");
        needSync.push(portal);
      }
    }
  }

  await deps.db.transaction(async (tx) => {
    const claimed = await tx
      .insert(webhookEvents)
      .values(
        applicable.map((e) => ({
          eventId: e.eventId,
          portalId: portalsByHub.get(e.portalId)![0]!.id,
          subscriptionType: e.subscriptionType,
          objectId: e.objectId,
          occurredAt: e.occurredAt !== undefined ? new Date(e.occurredAt) : null,
          receivedAt: now(),
        })),
      )
      .onConflictDoNothing({ target: webhookEvents.eventId })
      .returning({ eventId: webhookEvents.eventId });
    const claimedIds = new Set(claimed.map((c) => c.eventId));
    result.accepted = claimedIds.size;
    // Another delivery of the same events committed first: those are its to apply.
    result.duplicates += applicable.length - claimedIds.size;
    const mine = applicable.filter((e) => claimedIds.has(e.eventId));

    for (const [hubId, hubPortals] of portalsByHub) {
      const events = mine.filter((e) => e.portalId === hubId);
      if (events.length === 0) continue;
      const changed = new Set(events.filter((e) => CONTACT_CHANGE_TYPES.has(e.subscriptionType)).map((e) => e.objectId));
      const deleted = [...new Set(events.filter((e) => e.subscriptionType === CONTACT_DELETION_TYPE).map((e) => e.objectId))];
      for (const portal of hubPortals) {
        let touched = false;
        const records = (fetched.get(portal.id) ?? []).filter((r) => changed.has(r.hubspotId));
        if (records.length > 0) touched = (await upsertContacts(tx, portal.id, records, now())) > 0;
        if (deleted.length > 0) {
          const archived = await tx
            .update(contacts)
            .set({ archived: true, syncedAt: now() })
            .where(and(eq(contacts.portalId, portal.id), inArray(contacts.hubspotId, deleted), eq(contacts.archived, false)))
            .returning({ id: contacts.hubspotId });
          touched ||= archived.length > 0;
        }
        if (touched) await refreshPortalApps(tx, portal.id, now());
      }
    }
  });

  // After the commit (never send inside a transaction on PGlite, packages/jobs/README.md).
  for (const portal of needSync) {
    await requestSync(deps.db, deps.scheduler, { portalId: portal.id, kind: "incremental" });
    result.syncsRequested++;
  }
  deps.log.info({ ...result }, "webhook delivery applied");
  return result;
}
