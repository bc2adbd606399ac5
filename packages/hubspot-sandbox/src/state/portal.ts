import { ContactStore } from "./contactStore";
import { type PropertyDefinition } from "./properties";

export type Edition = "starter" | "professional" | "enterprise";
export type BillingTerm = "monthly" | "yearly";

/** Marketing Hub packaging per edition (docs/hubspot.md, "Money"): included contacts and block size. */
export const EDITION_PACKAGING: Readonly<Record<Edition, { included: number; blockSize: number }>> = {
  starter: { included: 1000, blockSize: 1000 },
  professional: { included: 2000, blockSize: 5000 },
  enterprise: { included: 10000, blockSize: 10000 },
};

export interface Owner {
  id: string;
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: number;
}

/** An app installed (connected) in a portal, with the portal's marketing-contacts switch for it. */
export interface PortalAppInstall {
  appId: number;
  installedAt: number;
  marketingSwitch: boolean;
  /** Every flip, so a contact's status can be traced to the switch as it was when it was created. */
  switchHistory: { at: number; marketing: boolean }[];
}

/** Creates contacts over simulated time as the clock advances (see rules/activity.ts). */
export interface ActivityGenerator {
  id: string;
  source: "app" | "form" | "import" | "crm_ui" | "api";
  appId?: number;
  contactsPerDay: number;
  /** Fractional contacts carried between clock advances, so slow generators still create some. */
  carry: number;
  /** Existing contacts changed a day (their lifecycle stage moves on); fleet preset. */
  changesPerDay?: number;
  changeCarry?: number;
}

export interface BillingEvent {
  id: string;
  hubId: number;
  type: "TIER_UPGRADE" | "UPDATE_DATE";
  at: string;
  marketingContacts: number;
  fromTier?: number;
  toTier?: number;
  /** Share of the billing term left when the tier went up: the pro-rated part of the charge. */
  proratedFraction?: number;
  /** HubSpot bills a pro-rated upgrade the next day. */
  chargeDate?: string;
  demotedContacts?: number;
}

export interface Portal {
  hubId: number;
  name: string;
  domain: string;
  edition: Edition;
  /** Contact tier: the number of marketing contacts paid for. */
  tier: number;
  blockSize: number;
  billingTerm: BillingTerm;
  /** Day of month (1-28) of the subscription's renewal, which is the monthly term's update date. */
  renewalDay: number;
  /** Start of the subscription: terms roll from here. */
  termStart: number;
  timeZone: string;
  currency: string;
  createdAt: number;
  privateApp: { appId: number; token: string; name: string };
  contacts: ContactStore;
  apps: Map<number, PortalAppInstall>;
  owners: Owner[];
  customProperties: Map<string, PropertyDefinition>;
  billingEvents: BillingEvent[];
  activity: ActivityGenerator[];
}

export interface NewPortalInput {
  hubId: number;
  name: string;
  domain: string;
  edition: Edition;
  tier?: number;
  billingTerm?: BillingTerm;
  renewalDay?: number;
  termStart: number;
  timeZone?: string;
  currency?: string;
  privateApp: { appId: number; token: string; name: string };
}

export function createPortal(input: NewPortalInput): Portal {
  const packaging = EDITION_PACKAGING[input.edition];
  return {
    hubId: input.hubId,
    name: input.name,
    domain: input.domain,
    edition: input.edition,
    tier: input.tier ?? packaging.included,
    blockSize: packaging.blockSize,
    billingTerm: input.billingTerm ?? "monthly",
    renewalDay: input.renewalDay ?? 1,
    termStart: input.termStart,
    timeZone: input.timeZone ?? "US/Eastern",
    currency: input.currency ?? "USD",
    createdAt: input.termStart,
    privateApp: input.privateApp,
    contacts: new ContactStore(1),
    apps: new Map(),
    owners: [],
    customProperties: new Map(),
    billingEvents: [],
    activity: [],
  };
}
