import { type App } from "../state/apps";
import { DAY_MS } from "../state/clock";
import { ContactRecord } from "../state/contact";
import { createPortal, EDITION_PACKAGING, type Owner, type Portal } from "../state/portal";
import { LIFECYCLE_STAGES } from "../state/properties";
import { type SandboxState } from "../state/sandboxState";
import { createRng, deterministicUuid, seedFrom, type Rng } from "../util/random";
import { COMPANY_SLUGS, FIRST_NAMES, FIRST_SLUGS, FREE_MAIL_DOMAINS, LAST_NAMES, LAST_SLUGS } from "./names";
import { AGENCY_HUB_ID, DEMO_APPS, FIRST_CLIENT_HUB_ID, presetPortals, PRODUCT_APP, type PortalSpec, type PresetName } from "./presets";

/** Private-app token of a portal: derived from the hub id only, so it is stable across seeds and runs. */
export function privateAppToken(hubId: number): string {
  return `pat-na1-${deterministicUuid("private-app-token", hubId)}`;
}

export function privateAppId(hubId: number): number {
  return 3_000_000 + (hubId % 1_000_000);
}

/** An app with deterministic OAuth credentials (derived from its id). */
export function makeApp(input: { appId: number; name: string; kind: App["kind"]; createsContacts: boolean }, now: number): App {
  return {
    ...input,
    clientId: deterministicUuid("client-id", input.appId),
    clientSecret: deterministicUuid("client-secret", input.appId),
    developerApiKey: deterministicUuid("developer-api-key", input.appId),
    redirectUris: [],
    webhooks: { targetUrl: null, maxConcurrentRequests: 10, createdAt: now, updatedAt: now, subscriptions: [] },
  };
}

/** Registers the product app and the marketplace apps (idempotent). */
export function registerDemoApps(state: SandboxState): void {
  const now = state.now();
  if (!state.apps.has(PRODUCT_APP.appId)) state.addApp(makeApp({ ...PRODUCT_APP, kind: "product", createsContacts: false }, now));
  for (const a of Object.values(DEMO_APPS)) if (!state.apps.has(a.appId)) state.addApp(makeApp(a, now));
}

export function newPortal(state: SandboxState, spec: Omit<PortalSpec, "contacts" | "apps">, hubId: number, termStart: number): Portal {
  const portal = createPortal({
    hubId,
    name: spec.name,
    domain: spec.domain,
    edition: spec.edition,
    billingTerm: spec.billingTerm,
    renewalDay: spec.renewalDay,
    termStart,
    timeZone: spec.timeZone,
    privateApp: { appId: privateAppId(hubId), token: privateAppToken(hubId), name: `${spec.name} private app` },
  });
  portal.owners = makeOwners(createRng(seedFrom(state.seed, hubId, "owners")), portal, termStart);
  state.addPortal(portal);
  return portal;
}

function makeOwners(rng: Rng, portal: Portal, createdAt: number): Owner[] {
  const n = 3 + Math.floor(rng() * 6);
  const owners: Owner[] = [];
  for (let i = 0; i < n; i++) {
    const f = Math.floor(rng() * FIRST_NAMES.length);
    const l = Math.floor(rng() * LAST_NAMES.length);
    owners.push({
      id: String(70_000_000 + (portal.hubId % 1000) * 100 + i),
      userId: 9_000_000 + (portal.hubId % 1000) * 100 + i,
      firstName: FIRST_NAMES[f]!,
      lastName: LAST_NAMES[l]!,
      email: `${FIRST_SLUGS[f]}.${LAST_SLUGS[l]}@${portal.domain}`,
      createdAt,
    });
  }
  return owners;
}

// Weighted tables flattened into lookup arrays so each pick costs one random number.
function table<T>(entries: readonly (readonly [T, number])[]): T[] {
  const out: T[] = [];
  for (const [v, w] of entries) for (let i = 0; i < w; i++) out.push(v);
  return out;
}

const SOURCES = table([
  ["INTEGRATION", 35],
  ["FORM", 25],
  ["IMPORT", 20],
  ["CRM_UI", 12],
  ["API", 5],
  ["EMAIL_INTEGRATION", 3],
] as const);
const STAGES = table([
  [LIFECYCLE_STAGES[0], 30],
  [LIFECYCLE_STAGES[1], 35],
  [LIFECYCLE_STAGES[2], 12],
  [LIFECYCLE_STAGES[3], 8],
  [LIFECYCLE_STAGES[4], 5],
  [LIFECYCLE_STAGES[5], 8],
  [LIFECYCLE_STAGES[6], 1],
  [LIFECYCLE_STAGES[7], 1],
] as const);
const FORM_IDS = ["2a9f8c1e-0b1d-4c6e-9f3a-7d5e1b2c3a4f", "7c3e5a9b-1f2d-4e8a-b6c4-0d9e8f7a6b5c", "b1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"];
const FORM_NAMES = ["Newsletter signup", "Contact us", "Webinar registration"];

export interface ContactGenerationOptions {
  count: number;
  /** Contacts are created between `from` and `to`, in id order. */
  from: number;
  to: number;
  rng: Rng;
  /** Fraction of generated contacts that are archived. */
  archivedShare?: number;
}

/**
 * Appends `count` realistic contacts to a portal. Hot path of the 2-million benchmark: one
 * fixed-shape record each, a handful of random numbers, one string concatenation for the email.
 * App-created contacts take the app's switch as it was at their creation time.
 */
export function generateContacts(state: SandboxState, portal: Portal, opts: ContactGenerationOptions): void {
  const { rng, count, from, to } = opts;
  const store = portal.contacts;
  const apps: { appId: number; name: string; onSince: number }[] = [];
  for (const install of portal.apps.values()) {
    const app = state.apps.get(install.appId);
    if (!app?.createsContacts) continue;
    const on = install.switchHistory.find((h) => h.marketing);
    apps.push({ appId: app.appId, name: app.name, onSince: install.marketingSwitch && on ? on.at : Number.POSITIVE_INFINITY });
  }
  const owners = portal.owners;
  const step = count > 0 ? (to - from) / count : 0;
  const company = COMPANY_SLUGS[portal.hubId % COMPANY_SLUGS.length]!;
  let t = from;
  let marketing = 0;
  for (let i = 0; i < count; i++) {
    t += step * (0.5 + rng());
    if (t > to) t = to;
    const at = Math.floor(t);
    const id = store.nextId;
    const f = Math.floor(rng() * FIRST_NAMES.length);
    const l = Math.floor(rng() * LAST_NAMES.length);
    const pattern = rng();
    const domainRoll = rng();
    const domain =
      domainRoll < 0.55
        ? FREE_MAIL_DOMAINS[Math.floor(domainRoll * 14.5) % FREE_MAIL_DOMAINS.length]!
        : domainRoll < 0.75
          ? portal.domain
          : `${company}${id % 97}.com`;
    const local =
      pattern < 0.4
        ? `${FIRST_SLUGS[f]}.${LAST_SLUGS[l]}${id}`
        : pattern < 0.7
          ? `${FIRST_SLUGS[f]![0]}${LAST_SLUGS[l]}${id}`
          : `${FIRST_SLUGS[f]}_${LAST_SLUGS[l]}.${id}`;
    let source: string = SOURCES[Math.floor(rng() * SOURCES.length)]!;
    if (source === "INTEGRATION" && apps.length === 0) source = "API";
    const c = new ContactRecord(id, at, `${local}@${domain}`, FIRST_NAMES[f]!, LAST_NAMES[l]!, source);
    const roll = rng();
    let isMarketing: boolean;
    switch (source) {
      case "INTEGRATION": {
        const app = apps[Math.floor(roll * apps.length)]!;
        c.sourceId = String(app.appId);
        c.sourceDetail1 = app.name;
        isMarketing = at >= app.onSince;
        if (isMarketing) {
          c.reasonType = "INTEGRATION";
          c.reasonId = c.sourceId;
        }
        break;
      }
      case "FORM": {
        const k = Math.floor(roll * FORM_IDS.length);
        c.sourceId = FORM_IDS[k]!;
        c.sourceDetail1 = FORM_NAMES[k]!;
        isMarketing = roll < 0.92;
        if (isMarketing) {
          c.reasonType = "FORM_SUBMISSION";
          c.reasonId = c.sourceId;
        }
        break;
      }
      case "IMPORT":
        c.sourceDetail1 = "Import";
        isMarketing = roll < 0.5;
        if (isMarketing) c.reasonType = "IMPORT";
        break;
      default:
        c.sourceId = source === "CRM_UI" ? `userId:${owners[0]?.userId ?? 1}` : null;
        isMarketing = roll < 0.1;
        if (isMarketing) c.reasonType = "CRM_UI";
    }
    c.marketable = isMarketing;
    if (isMarketing && rng() < 0.01) c.untilRenewal = true;
    const engagement = rng();
    if (engagement < 0.6) c.lastEmailOpenAt = at + Math.floor((to - at) * engagement * 1.6);
    if (engagement < 0.3) c.lastActivityAt = at + Math.floor((to - at) * engagement * 3);
    const health = rng();
    c.bounced = health < 0.02;
    c.optedOut = health >= 0.02 && health < 0.06;
    c.lifecyclestage = STAGES[Math.floor(rng() * STAGES.length)]!;
    if (owners.length > 0 && rng() < 0.4) c.ownerId = owners[Math.floor(rng() * owners.length)]!.id;
    c.updatedAt = Math.max(at, c.lastActivityAt, c.lastEmailOpenAt);
    if (opts.archivedShare && rng() < opts.archivedShare) c.archivedAt = c.updatedAt;
    store.add(c);
    if (isMarketing && c.archivedAt === 0) marketing++;
  }
  // Generated history never crossed the tier without paying for it: size the tier to fit.
  const included = EDITION_PACKAGING[portal.edition].included;
  if (store.marketingCount > portal.tier) {
    portal.tier = Math.max(included, Math.ceil(store.marketingCount / portal.blockSize) * portal.blockSize);
  }
  void marketing;
}

export interface AgencyGeneration {
  preset: PresetName;
  portals: number;
  contacts: number;
  ms: number;
}

/** Builds the demo agency: its partner portal, the apps, and the client portals of the preset. */
export function generateAgency(state: SandboxState, preset: PresetName, options: { fleetPortals?: number } = {}): AgencyGeneration {
  const started = performance.now();
  registerDemoApps(state);
  const now = state.now();
  const anchor = Math.floor(now / DAY_MS) * DAY_MS;
  const agency = newPortal(
    state,
    {
      name: "Brightside Agency",
      domain: "brightside.agency",
      edition: "professional",
      billingTerm: "yearly",
      renewalDay: 1,
      timeZone: "US/Eastern",
    },
    AGENCY_HUB_ID,
    anchor - 900 * DAY_MS,
  );
  state.agency = { name: agency.name, partnerHubId: agency.hubId, partnerToken: agency.privateApp.token };
  let contacts = 0;
  const specs = presetPortals(preset, options);
  specs.forEach((spec, i) => {
    const hubId = FIRST_CLIENT_HUB_ID + i;
    const rng = createRng(seedFrom(state.seed, hubId));
    const ageDays = 400 + Math.floor(rng() * 1400);
    const portal = newPortal(state, spec, hubId, anchor - ageDays * DAY_MS);
    for (const a of spec.apps) {
      const app = DEMO_APPS[a.key as keyof typeof DEMO_APPS];
      const installedAt = anchor - (ageDays - 10) * DAY_MS;
      const history = a.on ? [{ at: anchor - a.on.daysAgo * DAY_MS, marketing: true }] : [];
      portal.apps.set(app.appId, { appId: app.appId, installedAt, marketingSwitch: a.on !== undefined, switchHistory: history });
    }
    // Connected through the product's OAuth app: installed (it creates no contacts).
    if (spec.connection === "oauth")
      portal.apps.set(PRODUCT_APP.appId, {
        appId: PRODUCT_APP.appId,
        installedAt: anchor - DAY_MS,
        marketingSwitch: false,
        switchHistory: [],
      });
    if (spec.activity) {
      portal.activity.push({
        id: "act-1",
        source: "form",
        contactsPerDay: spec.activity.contactsPerDay,
        changesPerDay: spec.activity.changesPerDay,
        carry: 0,
        changeCarry: 0,
      });
    }
    generateContacts(state, portal, { count: spec.contacts, from: anchor - ageDays * DAY_MS, to: anchor, rng, archivedShare: 0.002 });
    contacts += spec.contacts;
  });
  return { preset, portals: specs.length, contacts, ms: performance.now() - started };
}
