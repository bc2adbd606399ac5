import { randomUUID } from "node:crypto";

import { DAY_MS } from "../state/clock";
import { type ContactRecord } from "../state/contact";
import { type Portal } from "../state/portal";
import { type SandboxState } from "../state/sandboxState";
import { currentTerm, updateDatesBetween } from "./updateDates";

/** Why a contact's status changed: becomes hs_marketable_reason_type / _id. */
export interface MarketingReason {
  type: string;
  id: string | null;
}

/** HubSpot records the status change as a property change; webhooks see it. */
function emitStatusChange(state: SandboxState, portal: Portal, c: ContactRecord, name: string, value: string, changeSource: string): void {
  state.emitContactEvent({
    type: "contact.propertyChange",
    hubId: portal.hubId,
    contactId: c.id,
    occurredAt: state.now(),
    propertyName: name,
    propertyValue: value,
    changeSource,
  });
}

/**
 * Set to marketing: takes effect and counts at once; crossing the tier upgrades it.
 * A contact already queued for demotion stays queued (HubSpot: a queued demotion cannot be undone
 * within the period). Returns whether the status changed.
 */
export function promote(state: SandboxState, portal: Portal, c: ContactRecord, reason: MarketingReason, changeSource: string): boolean {
  if (c.archivedAt !== 0 || c.marketable) return false;
  c.marketable = true;
  c.reasonType = reason.type;
  c.reasonId = reason.id;
  c.updatedAt = state.now();
  portal.contacts.marketingCount++;
  emitStatusChange(state, portal, c, "hs_marketable_status", "true", changeSource);
  enforceTier(state, portal);
  return true;
}

/**
 * Set to non-marketing: queued until the next update date (hs_marketable_until_renewal = "true");
 * the contact keeps counting until then. Returns whether anything changed.
 */
export function demote(state: SandboxState, portal: Portal, c: ContactRecord, reason: MarketingReason, changeSource: string): boolean {
  if (c.archivedAt !== 0 || !c.marketable || c.untilRenewal) return false;
  c.untilRenewal = true;
  c.reasonType = reason.type;
  c.reasonId = reason.id;
  c.updatedAt = state.now();
  emitStatusChange(state, portal, c, "hs_marketable_until_renewal", "true", changeSource);
  return true;
}

/** A newly created contact's initial status: counts at once if marketing. */
export function initialStatus(state: SandboxState, portal: Portal, c: ContactRecord, marketing: boolean, reason: MarketingReason): void {
  if (!marketing) return;
  c.marketable = true;
  c.reasonType = reason.type;
  c.reasonId = reason.id;
  if (c.archivedAt === 0) portal.contacts.marketingCount++;
  enforceTier(state, portal);
}

/**
 * Over the tier, HubSpot upgrades to the next tier that fits, with a pro-rated charge billed the
 * next day. Tiers never go down on their own.
 */
export function enforceTier(state: SandboxState, portal: Portal): void {
  const count = portal.contacts.marketingCount;
  if (count <= portal.tier) return;
  const fromTier = portal.tier;
  let toTier = fromTier;
  while (toTier < count) toTier += portal.blockSize;
  portal.tier = toTier;
  const now = state.now();
  const term = currentTerm(portal, now);
  const proratedFraction = Math.round(((term.end - now) / (term.end - term.start)) * 10_000) / 10_000;
  portal.billingEvents.push({
    id: randomUUID(),
    hubId: portal.hubId,
    type: "TIER_UPGRADE",
    at: new Date(now).toISOString(),
    marketingContacts: count,
    fromTier,
    toTier,
    proratedFraction,
    chargeDate: new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
  });
}

/** Applies an update date: every queued demotion takes effect. */
export function applyUpdateDate(state: SandboxState, portal: Portal, at: number): number {
  let demoted = 0;
  for (const c of portal.contacts.records) {
    if (!c.untilRenewal) continue;
    c.untilRenewal = false;
    if (c.marketable) {
      c.marketable = false;
      if (c.archivedAt === 0) {
        portal.contacts.marketingCount--;
        demoted++;
        c.updatedAt = at;
        emitStatusChange(state, portal, c, "hs_marketable_status", "false", "BILLING");
      }
    }
  }
  portal.billingEvents.push({
    id: randomUUID(),
    hubId: portal.hubId,
    type: "UPDATE_DATE",
    at: new Date(at).toISOString(),
    marketingContacts: portal.contacts.marketingCount,
    demotedContacts: demoted,
  });
  return demoted;
}

/** Runs every update date crossed by a clock advance, for every portal. */
export function applyUpdateDatesBetween(state: SandboxState, from: number, to: number): void {
  for (const portal of state.portals.values()) {
    for (const at of updateDatesBetween(portal, from, to)) applyUpdateDate(state, portal, at);
  }
}
