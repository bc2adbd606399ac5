import type { Portal } from "@marketable/db";
import { can, type Actor } from "@marketable/permissions";

import { contractDates } from "../billing/contractDates";

/**
 * A portal as one viewer may see it. The record (name, hub, domain, time zone, edition,
 * connection) goes to everyone who sees the portal; the Marketing Hub contract (tier, term,
 * renewal and update dates, currency) is billing, so it is `null` for a viewer without
 * `billing.view` on this portal: a client never receives it, whatever the page shows.
 */
export function portalForViewer(portal: Portal, actor: Actor, now: Date) {
  const { purchasedTier, billingTerm, renewalDate, updateDateRule, priceTableVersion, currency, contractNeedsConfirmation, ...record } =
    portal;
  if (!can(actor, "billing.view", portal.id)) return { ...record, contract: null };
  const contract = {
    purchasedTier,
    billingTerm,
    renewalDate,
    updateDateRule,
    priceTableVersion,
    currency,
    needsConfirmation: contractNeedsConfirmation,
  };
  return { ...record, contract: { ...contract, ...contractDates(portal, now) } };
}

export type PortalForViewer = ReturnType<typeof portalForViewer>;
