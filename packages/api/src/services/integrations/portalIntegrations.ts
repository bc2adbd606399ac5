import { and, asc, eq } from "drizzle-orm";

import { contractPriceRow, type Contract } from "@marketable/billing";
import { appPolicies, portalApps, type DbOrTx, type Portal, type PortalApp } from "@marketable/db";

import { inIdArray } from "../anyOf";
import { loadPortalContract, portalContracts } from "../billing/contract";
import { driftOf, drifts, marketingContactsSettingsUrl, observedOf } from "./drift";
import { driftContacts } from "./driftContacts";

/** One portal's apps with counts, the agency's policy, the observed switch and drift. */
export async function portalIntegrations(db: DbOrTx, portal: Portal, now: Date) {
  const rows = await db
    .select({ app: portalApps, policy: appPolicies.createMarketing, fromTemplate: appPolicies.fromTemplate })
    .from(portalApps)
    .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(eq(portalApps.portalId, portal.id))
    .orderBy(asc(portalApps.label));
  const contract = await loadPortalContract(db, portal);
  return withDriftContacts(
    db,
    rows.map(({ app, policy, fromTemplate }) => ({ portalId: portal.id, ...describeApp(portal, contract, app, policy, fromTemplate) })),
    now,
  );
}

/** Adds, to each drifting app, the contacts behind the drift (a filter for the Contacts page and its count). */
async function withDriftContacts<T extends ReturnType<typeof describeApp> & { portalId: string }>(db: DbOrTx, apps: T[], now: Date) {
  return Promise.all(
    apps.map(async (app) => ({
      ...app,
      driftContacts:
        app.drift.drifting && app.policy !== null
          ? await driftContacts(db, app.portalId, app.appId, app.policy, app.recentCreated, now)
          : null,
    })),
  );
}

export function describeApp(portal: Portal, contract: Contract, app: PortalApp, policy: boolean | null, fromTemplate: boolean | null) {
  const observed = observedOf(app);
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
 * Every visible portal × every app any of them has: the Integrations matrix, with the count of
 * drifting cells. `shown` (default: every portal) limits the cells described in full, with the
 * contacts behind each drift (two queries on contacts per drifting cell), to the portals a page
 * shows; the others' cells are read with only what the app list and the drift count need.
 */
export async function integrationsMatrix(db: DbOrTx, visible: Portal[], now: Date, shown?: Set<string>) {
  if (visible.length === 0) return { apps: [], cells: [], driftCount: 0 };
  const byId = new Map(visible.map((p) => [p.id, p]));
  const detailedIds = shown ? [...shown].filter((id) => byId.has(id)) : [...byId.keys()];
  const otherIds = shown ? [...byId.keys()].filter((id) => !shown.has(id)) : [];
  const policyJoin = and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId));
  const [rows, others, contractFor] = await Promise.all([
    detailedIds.length === 0
      ? []
      : db
          .select({ app: portalApps, policy: appPolicies.createMarketing, fromTemplate: appPolicies.fromTemplate })
          .from(portalApps)
          .leftJoin(appPolicies, policyJoin)
          .where(inIdArray(portalApps.portalId, detailedIds)),
    otherIds.length === 0
      ? []
      : db
          .select({
            appId: portalApps.appId,
            label: portalApps.label,
            kind: portalApps.kind,
            recentCreated: portalApps.recentCreated,
            recentMarketing: portalApps.recentMarketing,
            policy: appPolicies.createMarketing,
          })
          .from(portalApps)
          .leftJoin(appPolicies, policyJoin)
          .where(inIdArray(portalApps.portalId, otherIds)),
    // Every visible portal is the caller's agency's.
    portalContracts(db, visible[0]!.agencyId),
  ]);
  const apps = new Map<string, string>();
  const described = rows.map(({ app, policy, fromTemplate }) => {
    apps.set(app.appId, app.label);
    return {
      portalId: app.portalId,
      ...describeApp(byId.get(app.portalId)!, contractFor(byId.get(app.portalId)!).contract, app, policy, fromTemplate),
    };
  });
  for (const other of others) apps.set(other.appId, other.label);
  const cells = await withDriftContacts(db, described, now);
  return {
    apps: [...apps].map(([appId, label]) => ({ appId, label })).sort((a, b) => names.compare(a.label, b.label)),
    cells,
    driftCount: cells.filter((c) => c.drift.drifting).length + others.filter((o) => drifts(o.policy, observedOf(o))).length,
  };
}

const names = new Intl.Collator();

/** The matrix's rows: portals by name (one collator: `localeCompare` builds one per comparison). */
export function byName(visible: Portal[]) {
  return visible.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => names.compare(a.name, b.name));
}
