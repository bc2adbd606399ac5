import { and, eq, isNull } from "drizzle-orm";

import { appPolicies, appPolicyTemplates, portalApps, portals, writeAudit, type Access, type Db, type Portal } from "@marketable/db";

import { notFound } from "../../errors";

/** Sets (or clears, with null) the agency's policy for one app in one portal; audited. */
export async function setAppPolicy(
  db: Db,
  access: Access,
  portal: Portal,
  input: { appId: string; createMarketing: boolean | null },
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(portalApps)
      .where(and(eq(portalApps.portalId, portal.id), eq(portalApps.appId, input.appId)));
    if (!app) throw notFound("This app has not been seen in this portal");
    const [previous] = await tx
      .select()
      .from(appPolicies)
      .where(and(eq(appPolicies.portalId, portal.id), eq(appPolicies.appId, input.appId)));
    if (input.createMarketing === null) {
      await tx.delete(appPolicies).where(and(eq(appPolicies.portalId, portal.id), eq(appPolicies.appId, input.appId)));
    } else {
      const values = { createMarketing: input.createMarketing, fromTemplate: false, updatedBy: access.user.id, updatedAt: meta.now };
      await tx
        .insert(appPolicies)
        .values({ portalId: portal.id, appId: input.appId, agencyId: access.agency.id, ...values })
        .onConflictDoUpdate({ target: [appPolicies.portalId, appPolicies.appId], set: values });
    }
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "integrations.setPolicy",
      targetType: "app",
      targetId: input.appId,
      before: { createMarketing: previous?.createMarketing ?? null },
      after: { createMarketing: input.createMarketing, app: app.label },
      requestId: meta.requestId,
    });
    return { portalId: portal.id, appId: input.appId, createMarketing: input.createMarketing };
  });
}

/**
 * The agency-wide template for an app: stored, and applied to every portal of the agency that
 * has the app (replacing per-portal choices; a portal can override it afterwards), in one audited
 * transaction. The entry's `before` holds what it replaced, so `undoAppPolicyTemplate` can put it
 * back for a few seconds.
 */
export async function setAppPolicyTemplate(
  db: Db,
  access: Access,
  input: { appId: string; createMarketing: boolean },
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const targets = await tx
      .select({
        portalId: portalApps.portalId,
        label: portalApps.label,
        policy: appPolicies.createMarketing,
        fromTemplate: appPolicies.fromTemplate,
      })
      .from(portalApps)
      .innerJoin(portals, eq(portals.id, portalApps.portalId))
      .leftJoin(appPolicies, and(eq(appPolicies.portalId, portalApps.portalId), eq(appPolicies.appId, portalApps.appId)))
      .where(and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt), eq(portalApps.appId, input.appId)));
    if (targets.length === 0) throw notFound("No portal of this agency has this app");
    const label = targets[0]!.label;
    const [previousTemplate] = await tx
      .select({ createMarketing: appPolicyTemplates.createMarketing })
      .from(appPolicyTemplates)
      .where(and(eq(appPolicyTemplates.agencyId, access.agency.id), eq(appPolicyTemplates.appId, input.appId)));
    const template = { label, createMarketing: input.createMarketing, updatedBy: access.user.id, updatedAt: meta.now };
    await tx
      .insert(appPolicyTemplates)
      .values({ agencyId: access.agency.id, appId: input.appId, ...template })
      .onConflictDoUpdate({ target: [appPolicyTemplates.agencyId, appPolicyTemplates.appId], set: template });
    for (const { portalId } of targets) {
      const values = { createMarketing: input.createMarketing, fromTemplate: true, updatedBy: access.user.id, updatedAt: meta.now };
      await tx
        .insert(appPolicies)
        .values({ portalId, appId: input.appId, agencyId: access.agency.id, ...values })
        .onConflictDoUpdate({ target: [appPolicies.portalId, appPolicies.appId], set: values });
    }
    const before: TemplateBefore = {
      createMarketing: previousTemplate?.createMarketing ?? null,
      portals: targets.map((t) => ({ portalId: t.portalId, createMarketing: t.policy, fromTemplate: t.fromTemplate ?? false })),
    };
    const auditId = await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "integrations.setTemplate",
      targetType: "app",
      targetId: input.appId,
      before,
      after: { createMarketing: input.createMarketing, app: label, portals: targets.length, at: meta.now.toISOString() },
      requestId: meta.requestId,
    });
    return { appId: input.appId, createMarketing: input.createMarketing, portals: targets.length, auditId };
  });
}

/** What a template change replaced: the template's value and each portal's policy (null: none). */
export interface TemplateBefore {
  createMarketing: boolean | null;
  portals: { portalId: string; createMarketing: boolean | null; fromTemplate: boolean }[];
}
