import type { PriceRow } from "@marketable/billing";

export type ObservedSwitch = "on" | "off" | "mixed" | "unknown";

/**
 * HubSpot has no API for the per-app "create as marketing" switch, so it is inferred from the
 * app's newest contacts: all (or nearly all) marketing → on; none → off. Thresholds leave room
 * for a contact promoted or demoted by hand after creation.
 */
export function observedSwitch(recentCreated: number, recentMarketing: number): ObservedSwitch {
  if (recentCreated === 0) return "unknown";
  const share = recentMarketing / recentCreated;
  if (share >= 0.8) return "on";
  if (share <= 0.2) return "off";
  return "mixed";
}

export interface DriftInput {
  policy: boolean | null;
  observed: ObservedSwitch;
  recentCreated: number;
  recentMarketing: number;
  created30d: number;
  marketing: number;
  /** The portal's price row (its contract's: the pinned table, the portal's currency). */
  priceRow: Pick<PriceRow, "blockSize" | "blockPriceMinor">;
}

export interface Drift {
  drifting: boolean;
  /** Contacts created against the policy among the app's recent ones. */
  contactsAffected: number;
  /** What the affected contacts cost a month at the portal's block price (minor units). */
  monthlyCostMinor: number;
}

/** An app's observed switch; an app that never creates contacts has none. */
export function observedOf(app: { kind: string; recentCreated: number; recentMarketing: number }): ObservedSwitch {
  return app.kind === "never_creates_contacts" ? "unknown" : observedSwitch(app.recentCreated, app.recentMarketing);
}

/** Observed ≠ policy is drift; "mixed" drifts from either policy, "unknown" from none. */
export function drifts(policy: boolean | null, observed: ObservedSwitch): boolean {
  return policy !== null && observed !== "unknown" && observed !== (policy ? "on" : "off");
}

/** Whether an app drifts (see `drifts`), how many contacts and what they cost. */
export function driftOf(input: DriftInput): Drift {
  if (!drifts(input.policy, input.observed)) return { drifting: false, contactsAffected: 0, monthlyCostMinor: 0 };
  // Policy "no" but creating marketing contacts: those cost money. Policy "yes" but creating
  // non-marketing ones: they cannot be emailed, and cost nothing yet.
  const contactsAffected = input.policy ? input.recentCreated - input.recentMarketing : input.recentMarketing;
  const row = input.priceRow;
  const monthlyCostMinor = input.policy ? 0 : Math.round((contactsAffected * row.blockPriceMinor) / row.blockSize);
  return { drifting: true, contactsAffected, monthlyCostMinor };
}

/** Settings > Integrations > Marketing contacts in the portal's HubSpot account. */
export function marketingContactsSettingsUrl(hubId: string | null, appBaseUrl = "https://app.hubspot.com"): string | null {
  return hubId ? `${appBaseUrl}/integrations-settings/${hubId}/marketing-contacts` : null;
}
