import { and, eq, max } from "drizzle-orm";

import { portalPropertyOptions, type Db } from "@marketable/db";
import type { PortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";

/** The enumerations whose codes the Contacts page shows: record source and lifecycle stage. */
export const LABELLED_PROPERTIES = ["hs_object_source", "lifecyclestage"] as const;
/** Labels change rarely: read again at most once a day (two calls), not on every sync. */
const REFRESH_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the portal's option labels for LABELLED_PROPERTIES from its properties API and keeps
 * them. Best effort: a failure (an OAuth install without the schema scope, a limit) is logged and
 * the sync goes on; the page then shows HubSpot's default labels.
 */
export async function refreshPropertyLabels(
  db: Db,
  gateway: Pick<PortalGateway, "getPropertyOptions">,
  portalId: string,
  now: Date,
  log: Logger,
): Promise<void> {
  const [last] = await db
    .select({ at: max(portalPropertyOptions.readAt) })
    .from(portalPropertyOptions)
    .where(eq(portalPropertyOptions.portalId, portalId));
  if (last?.at && now.getTime() - new Date(last.at).getTime() < REFRESH_MS) return;
  try {
    const read = await Promise.all(
      LABELLED_PROPERTIES.map(async (property) => ({ property, options: await gateway.getPropertyOptions(property) })),
    );
    await db.transaction(async (tx) => {
      for (const { property, options } of read) {
        await tx
          .delete(portalPropertyOptions)
          .where(and(eq(portalPropertyOptions.portalId, portalId), eq(portalPropertyOptions.property, property)));
        if (options.length === 0) continue;
        await tx
          .insert(portalPropertyOptions)
          .values(options.map((o) => ({ portalId, property, value: o.value, label: o.label, displayOrder: o.displayOrder, readAt: now })));
      }
    });
  } catch (error) {
    log.warn({ err: error, portalId }, "could not read the portal's property labels; HubSpot's defaults are shown");
  }
}

/** The stored labels of one portal, by property: `{ source: { CRM_UI: "CRM UI" }, lifecycleStage: { … } }`. */
export async function portalLabels(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], portalId: string) {
  const rows = await db
    .select({ property: portalPropertyOptions.property, value: portalPropertyOptions.value, label: portalPropertyOptions.label })
    .from(portalPropertyOptions)
    .where(eq(portalPropertyOptions.portalId, portalId));
  const labels = { source: {} as Record<string, string>, lifecycleStage: {} as Record<string, string> };
  for (const r of rows) {
    if (r.property === "hs_object_source") labels.source[r.value] = r.label;
    if (r.property === "lifecyclestage") labels.lifecycleStage[r.value] = r.label;
  }
  return labels;
}
