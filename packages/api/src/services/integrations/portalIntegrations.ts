import { appPolicies, portalApps, type portals, type DbOrTx } from "@marketable/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Contract, contractPriceRow } from "@marketable/billing";
import { loadPortalContract, portalContracts } from "../billing/contract";
import { driftOf, marketingContactsSettingsUrl, observedSwitch } from "./drift";
import { driftContacts } from "./driftContacts";

type Portal = typeof portals.$inferSelect;

/** One portal's apps with counts, the agency's policy, the observed switch and drift. */
export async function portalIntegrations(db: DbOrTx, portal: Portal, now: Date) {
  const rows = await db
    .select({ app: portalApps, policy: appPolicies.createMarketing, fromTemplate: appPolicies.fromTemplate })
    .from(portalApps)
    .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(eq(portalApps.portalId, portal.id))
    .orderBy(asc(portalApps.label));
  const contract = await loadPortalContract(db, portal);
  return withDriftContacts(db, rows.map(({ app, policy, fromTemplate }) => ({ portalId: portal.id, ...describeApp(portal, contract, app, policy, fromTemplate) })), now);
}

/**
 * Adds, to each drifting app, the contacts behind the drift (a filter for the Contacts page and its
 * count: two queries on contacts each). `shown` limits that to the apps a page shows.
 */
async function withDriftContacts<T extends ReturnType<typeof describeApp> & { portalId: string }>(db: DbOrTx, apps: T[], now: Date, shown: (portalId: string) => boolean = () => true) {
  return Promise.all(
    apps.map(async (app) => ({
      ...app,
      driftContacts:
        app.drift.drifting && app.policy !== null && shown(app.portalId) ? await driftContacts(db, app.portalId, app.appId, app.policy, app.recentCreated, now) : null,
    })),
  );
}

export function describeApp(portal: Portal, contract: Contract, app: typeof portalApps.$inferSelect, policy: boolean | null, fromTemplate: boolean | null) {
  const observed = app.kind === "never_creates_contacts" ? "unknown" : observedSwitch(app.recentCreated, app.recentMarketing);
  const drift = driftOf({
    policy,
    observed,
    recentCreated: app.recentCreated,
    recentMarketing: app.recentMarketing,
    created30d: app.created30d,
    marketing: app.marketing,
    priceRow: contractPriceRow(contract),
  });
  return {
    appId: app.appId,
    label: app.label,
    kind: app.kind,
    contacts: app.contacts,
    marketing: app.marketing,
    created7d: app.created7d,
    created30d: app.created30d,
    lastCreatedAt: app.lastCreatedAt,
    recentCreated: app.recentCreated,
    policy,
    policyFromTemplate: fromTemplate ?? false,
    observed,
    drift,
    settingsUrl: marketingContactsSettingsUrl(portal.hubId),
    currency: portal.currency,
  };
}

/**
 * Every visible portal × every app any of them has: the Integrations matrix. Drift is worked out
 * for every cell; the contacts behind a drift only for the portals `shown` (default all), since a
 * page of the matrix shows 50 of them and each drifting cell costs two queries on contacts.
 */
export async function integrationsMatrix(db: DbOrTx, visible: Portal[], now: Date, shown?: (portalId: string) => boolean) {
  if (visible.length === 0) return { portals: [], apps: [], cells: [] };
  const byId = new Map(visible.map((p) => [p.id, p]));
  const rows = await db
    .select({ app: portalApps, policy: appPolicies.createMarketing, fromTemplate: appPolicies.fromTemplate })
    .from(portalApps)
    .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(inArray(portalApps.portalId, [...byId.keys()]));
  // Every visible portal is the caller's agency's.
  const contractFor = await portalContracts(db, visible[0]!.agencyId);
  const apps = new Map<string, string>();
  const described = rows.map(({ app, policy, fromTemplate }) => {
    apps.set(app.appId, app.label);
    return { portalId: app.portalId, ...describeApp(byId.get(app.portalId)!, contractFor(byId.get(app.portalId)!).contract, app, policy, fromTemplate) };
  });
  const cells = await withDriftContacts(db, described, now, shown);
  return {
    portals: byName(visible),
    apps: [...apps].map(([appId, label]) => ({ appId, label })).sort((a, b) => a.label.localeCompare(b.label)),
    cells,
  };
}

/** The matrix's rows: portals by name. */
export function byName(visible: Portal[]) {
  return visible.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name));
}
