import { type BillingTerm, type Edition } from "../state/portal";
import { fleetPortals } from "./fleet";

export type PresetName = "small" | "demo" | "large" | "fleet";

export interface PortalSpec {
  name: string;
  domain: string;
  edition: Edition;
  contacts: number;
  billingTerm: BillingTerm;
  renewalDay: number;
  timeZone: string;
  /** Installed apps by key (see DEMO_APPS); `on` = switch on, since `daysAgo`. */
  apps: { key: string; on?: { daysAgo: number } }[];
  /** How the product connects the portal (fleet preset): through its OAuth app (installed here) or the private app. */
  connection?: "oauth" | "private-app";
  /** Ongoing activity as the clock runs: contacts created and changed per simulated day. */
  activity?: { contactsPerDay: number; changesPerDay: number };
}

/** Client portals of the demo agency: every edition, a few thousand to about 300,000 contacts. */
const DEMO_PORTALS: PortalSpec[] = [
  {
    name: "Northwind Bakery",
    domain: "northwind-bakery.com",
    edition: "starter",
    contacts: 3_200,
    billingTerm: "monthly",
    renewalDay: 5,
    timeZone: "US/Eastern",
    apps: [{ key: "calendar" }, { key: "typeform", on: { daysAgo: 400 } }],
  },
  {
    name: "Blue Harbor Dental",
    domain: "blueharbordental.com",
    edition: "starter",
    contacts: 5_800,
    billingTerm: "yearly",
    renewalDay: 12,
    timeZone: "US/Pacific",
    apps: [{ key: "calendar" }, { key: "zapier" }],
  },
  {
    name: "Alpine Outfitters",
    domain: "alpine-outfitters.ch",
    edition: "starter",
    contacts: 9_500,
    billingTerm: "monthly",
    renewalDay: 20,
    timeZone: "Europe/Zurich",
    apps: [{ key: "shopify", on: { daysAgo: 200 } }, { key: "calendar" }],
  },
  {
    name: "Cedar & Pine Realty",
    domain: "cedarpinerealty.com",
    edition: "professional",
    contacts: 14_000,
    billingTerm: "monthly",
    renewalDay: 1,
    timeZone: "US/Central",
    apps: [{ key: "salesforce" }, { key: "calendar" }, { key: "zapier", on: { daysAgo: 90 } }],
  },
  {
    name: "Lumen Analytics",
    domain: "lumen-analytics.io",
    edition: "professional",
    contacts: 22_000,
    billingTerm: "yearly",
    renewalDay: 15,
    timeZone: "US/Eastern",
    apps: [{ key: "salesforce", on: { daysAgo: 500 } }, { key: "calendar" }],
  },
  {
    name: "Harbor Freight Logistics",
    domain: "harborfreightlogistics.com",
    edition: "professional",
    contacts: 35_000,
    billingTerm: "monthly",
    renewalDay: 8,
    timeZone: "US/Mountain",
    apps: [{ key: "salesforce" }, { key: "zapier" }, { key: "calendar" }],
  },
  {
    name: "Maison Verte",
    domain: "maisonverte.fr",
    edition: "professional",
    contacts: 48_000,
    billingTerm: "yearly",
    renewalDay: 1,
    timeZone: "Europe/Paris",
    apps: [{ key: "shopify", on: { daysAgo: 30 } }, { key: "typeform" }],
  },
  {
    name: "Quantum Fitness",
    domain: "quantumfitness.co",
    edition: "professional",
    contacts: 65_000,
    billingTerm: "monthly",
    renewalDay: 25,
    timeZone: "US/Pacific",
    apps: [{ key: "shopify" }, { key: "typeform", on: { daysAgo: 700 } }, { key: "calendar" }],
  },
  {
    name: "Redwood University",
    domain: "redwood.edu",
    edition: "enterprise",
    contacts: 90_000,
    billingTerm: "yearly",
    renewalDay: 1,
    timeZone: "US/Pacific",
    apps: [{ key: "salesforce", on: { daysAgo: 365 } }, { key: "calendar" }, { key: "typeform" }],
  },
  {
    name: "Sterling Insurance",
    domain: "sterling-insurance.com",
    edition: "enterprise",
    contacts: 120_000,
    billingTerm: "monthly",
    renewalDay: 10,
    timeZone: "US/Eastern",
    apps: [{ key: "salesforce" }, { key: "zapier" }],
  },
  {
    name: "Nimbus Cloud",
    domain: "nimbuscloud.dev",
    edition: "enterprise",
    contacts: 180_000,
    billingTerm: "yearly",
    renewalDay: 18,
    timeZone: "UTC",
    apps: [{ key: "salesforce", on: { daysAgo: 60 } }, { key: "zapier", on: { daysAgo: 600 } }, { key: "calendar" }],
  },
  {
    name: "Atlas Retail Group",
    domain: "atlasretail.com",
    edition: "enterprise",
    contacts: 300_000,
    billingTerm: "monthly",
    renewalDay: 3,
    timeZone: "US/Central",
    apps: [
      { key: "shopify", on: { daysAgo: 120 } },
      { key: "salesforce" },
      { key: "calendar" },
      { key: "typeform", on: { daysAgo: 1000 } },
    ],
  },
];

/** Few portals, few contacts: for tests and quick demos. */
const SMALL_PORTALS: PortalSpec[] = [
  { ...DEMO_PORTALS[0]!, contacts: 300 },
  { ...DEMO_PORTALS[3]!, contacts: 1_200 },
  { ...DEMO_PORTALS[8]!, contacts: 2_500 },
];

/** `fleetPortals`: the fleet preset at another scale (same shape; benches at small scale). */
export function presetPortals(preset: PresetName, options: { fleetPortals?: number } = {}): PortalSpec[] {
  switch (preset) {
    case "small":
      return SMALL_PORTALS;
    case "demo":
      return DEMO_PORTALS;
    case "large": {
      // About 2 million contacts with the demo's shape.
      const total = DEMO_PORTALS.reduce((s, p) => s + p.contacts, 0);
      const scale = 2_000_000 / total;
      return DEMO_PORTALS.map((p) => ({ ...p, contacts: Math.round(p.contacts * scale) }));
    }
    case "fleet":
      return fleetPortals(options.fleetPortals);
  }
}

/** The marketplace apps the demo portals connect. */
export const DEMO_APPS = {
  salesforce: { appId: 1_160_452, name: "Salesforce", kind: "crm-sync", createsContacts: true },
  shopify: { appId: 1_220_873, name: "Shopify", kind: "ecommerce", createsContacts: true },
  zapier: { appId: 1_030_229, name: "Zapier", kind: "automation", createsContacts: true },
  typeform: { appId: 1_311_045, name: "Typeform", kind: "forms", createsContacts: true },
  calendar: { appId: 1_405_118, name: "Google Calendar Sync", kind: "calendar", createsContacts: false },
} as const;

/** The product's own OAuth app: Marketable connects portals through it. */
export const PRODUCT_APP = { appId: 1_500_001, name: "Marketable" } as const;

export const AGENCY_HUB_ID = 20_000_000;
export const FIRST_CLIENT_HUB_ID = 20_000_001;
