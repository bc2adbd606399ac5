import { and, asc, eq, isNull } from "drizzle-orm";

import { contractPriceRow } from "@marketable/billing";
import { appPolicies, appPolicyTemplates, portalApps, portals, type Access, type DbOrTx } from "@marketable/db";

import { notFound } from "../../errors";
import { portalContracts } from "../billing/contract";
import { driftOf, observedSwitch } from "./drift";
import { driftContacts } from "./driftContacts";

/** Every app any active portal of the agency has, with its agency-wide policy (null: none) and how many portals follow or override it. */
export async function listPolicyTemplates(db: DbOrTx, access: Access) {
  const rows = await db
    .select({
      appId: portalApps.appId,
      label: portalApps.label,
      kind: portalApps.kind,
      policy: appPolicies.createMarketing,
      fromTemplate: appPolicies.fromTemplate,
    })
    .from(portalApps)
    .innerJoin(portals, eq(portals.id, portalApps.portalId))
    .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)))
    .orderBy(asc(portalApps.label));
  const templates = await db.select().from(appPolicyTemplates).where(eq(appPolicyTemplates.agencyId, access.agency.id));
  const apps = new Map<
    string,
    {
      appId: string;
      label: string;
      neverCreatesContacts: boolean;
      template: boolean | null;
      portals: number;
      following: number;
      overriding: number;
    }
  >();
  for (const row of rows) {
    const app = apps.get(row.appId) ?? {
      appId: row.appId,
      label: row.label,
      neverCreatesContacts: row.kind === "never_creates_contacts",
      template: templates.find((t) => t.appId === row.appId)?.createMarketing ?? null,
      portals: 0,
      following: 0,
      overriding: 0,
    };
    app.portals += 1;
    if (row.fromTemplate) app.following += 1;
    else if (app.template !== null) app.overriding += 1;
    apps.set(row.appId, app);
  }
  return { apps: [...apps.values()] };
}

/**
 * What an agency-wide policy would do before it is saved: for every active portal with the app,
 * its policy now and after, whether it would drift, and the contacts behind that drift (the same
 * filter and count the portal's integrations page then links to).
 */
export async function previewPolicyTemplate(db: DbOrTx, access: Access, input: { appId: string; createMarketing: boolean }, now: Date) {
  const rows = await db
    .select({ portal: portals, app: portalApps, policy: appPolicies.createMarketing, fromTemplate: appPolicies.fromTemplate })
    .from(portalApps)
    .innerJoin(portals, eq(portals.id, portalApps.portalId))
    .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
    .where(and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt), eq(portalApps.appId, input.appId)))
    .orderBy(asc(portals.name));
  if (rows.length === 0) throw notFound("No portal of this agency has this app");
  const contractFor = await portalContracts(db, access.agency.id);
  const result = await Promise.all(
    rows.map(async ({ portal, app, policy, fromTemplate }) => {
      const observed = app.kind === "never_creates_contacts" ? "unknown" : observedSwitch(app.recentCreated, app.recentMarketing);
      const drift = driftOf({
        policy: input.createMarketing,
        observed,
        recentCreated: app.recentCreated,
        recentMarketing: app.recentMarketing,
        created30d: app.created30d,
        marketing: app.marketing,
        priceRow: contractPriceRow(contractFor(portal).contract),
      });
      const contacts = drift.drifting ? await driftContacts(db, portal.id, app.appId, input.createMarketing, app.recentCreated, now) : null;
      return {
        portalId: portal.id,
        portalName: portal.name,
        currency: portal.currency,
        policyNow: policy,
        fromTemplate: fromTemplate ?? false,
        observed,
        wouldDrift: drift.drifting,
        monthlyCostMinor: drift.monthlyCostMinor,
        contacts,
      };
    }),
  );
  return {
    appId: input.appId,
    label: rows[0]!.app.label,
    createMarketing: input.createMarketing,
    portals: result,
    driftingPortals: result.filter((p) => p.wouldDrift).length,
    driftingContacts: result.reduce((sum, p) => sum + (p.contacts?.count ?? 0), 0),
    changingPortals: result.filter((p) => p.policyNow !== input.createMarketing || !p.fromTemplate).length,
  };
}
