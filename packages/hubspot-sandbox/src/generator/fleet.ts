import { type Edition } from "../state/portal";
import { createRng, seedFrom } from "../util/random";
import { COMPANY_SLUGS, COMPANY_SUFFIXES, COMPANY_WORDS } from "./names";
import type { PortalSpec } from "./presets";

/** Client portals of the `fleet` preset: an agency at scale. */
export const FLEET_PORTALS = 500;

const TIME_ZONES = ["US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "Europe/London", "Europe/Paris", "Europe/Zurich", "UTC"];
const EDITIONS: Edition[] = ["starter", "professional", "enterprise"];
const APP_KEYS = ["salesforce", "shopify", "zapier", "typeform", "calendar"] as const;

/**
 * Contacts of the portal at quantile `q` of the fleet: heavy-tailed. The top 0.8 % (4 of 500) have
 * 300,000, the next 3.2 % 20,000–120,000 (log-spread), the rest 2,000–20,000 with most near the
 * bottom (median about 4,000): about 5 million in all for 500 portals.
 */
export function fleetPortalSize(q: number): number {
  if (q >= 0.992) return 300_000;
  if (q >= 0.96) return Math.round((20_000 * Math.exp(((q - 0.96) / 0.032) * Math.log(6))) / 100) * 100;
  return Math.round((2_000 * 10 ** ((q / 0.96) ** 1.6)) / 100) * 100;
}

/**
 * The fleet's portals, deterministic (the same for every seed, like the demo's): sizes by quantile
 * so that a smaller `count` (benches at small scale) keeps the shape, shuffled so hub ids do not
 * follow size; every edition (by size: big portals are enterprise), both terms, both connection
 * kinds (every third portal through the product's OAuth app, the rest private apps), and ongoing
 * activity in proportion to size (0.2 % created and 1 % changed a day).
 */
export function fleetPortals(count = FLEET_PORTALS): PortalSpec[] {
  const rng = createRng(seedFrom("fleet", count));
  const sizes = Array.from({ length: count }, (_, i) => fleetPortalSize((i + 0.5) / count));
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  return sizes.map((contacts, i) => {
    const word = COMPANY_WORDS[i % COMPANY_WORDS.length]!;
    const suffix = COMPANY_SUFFIXES[Math.floor(i / COMPANY_WORDS.length) % COMPANY_SUFFIXES.length]!;
    // Editions cycle independently of the connection kind (i % 3), so each kind has every edition.
    const edition: Edition = contacts >= 50_000 ? "enterprise" : EDITIONS[Math.floor(i / 3) % 3]!;
    const apps = APP_KEYS.filter(() => rng() < 0.4).map((key) =>
      key !== "calendar" && rng() < 0.5 ? { key, on: { daysAgo: 30 + Math.floor(rng() * 900) } } : { key },
    );
    return {
      name: `${word} ${suffix} ${i + 1}`,
      domain: `${COMPANY_SLUGS[i % COMPANY_SLUGS.length]}-${i + 1}.example.com`,
      edition,
      contacts,
      billingTerm: i % 4 === 0 ? "yearly" : "monthly",
      renewalDay: 1 + (i % 28),
      timeZone: TIME_ZONES[i % TIME_ZONES.length]!,
      apps,
      connection: i % 3 === 2 ? "oauth" : "private-app",
      activity: { contactsPerDay: Math.max(1, Math.round(contacts * 0.002)), changesPerDay: Math.max(1, Math.round(contacts * 0.01)) },
    } satisfies PortalSpec;
  });
}
