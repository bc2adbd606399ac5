import "server-only";

import { and, eq, isNull } from "drizzle-orm";

import { connectStatic, requestSync } from "@marketable/api";
import { agencies, loadAccess, portalConnections, portals, users } from "@marketable/db";
import { demoAgency, demoUsers } from "@marketable/db/seed";
import { logger } from "@marketable/logger";

import { getDb } from "./db";
import { hubspotSettings } from "./hubspot";
import { scheduler } from "./jobs";

interface SandboxPortal {
  hubId: number;
  token: string;
}

/**
 * Embedded demo only: connects the demo agency's portals to the bundled sandbox with its
 * private-app tokens (read from the sandbox's admin API) and queues their first sync, so a
 * newcomer sees real numbers moments after the server starts. Skipped when the sandbox is away.
 */
export async function connectDemoPortals() {
  const log = logger.child({ task: "demo-connect" });
  const settings = hubspotSettings();
  let sandboxPortals: SandboxPortal[];
  try {
    const response = await fetch(`${settings.apiBase}/_sandbox/portals`, { signal: AbortSignal.timeout(5_000) });
    sandboxPortals = ((await response.json()) as { results: SandboxPortal[] }).results;
  } catch {
    log.warn({ apiBase: settings.apiBase }, "HubSpot sandbox not reachable: demo portals stay unconnected");
    return;
  }
  const db = await getDb();
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoUsers[0].email));
  const access = owner ? await loadAccess(db, owner.id) : null;
  if (!access) return;
  const unconnected = await db
    .select({ id: portals.id, hubId: portals.hubId })
    .from(portals)
    .innerJoin(agencies, eq(agencies.id, portals.agencyId))
    .leftJoin(portalConnections, eq(portalConnections.portalId, portals.id))
    .where(and(eq(agencies.slug, demoAgency.slug), isNull(portalConnections.portalId), isNull(portals.archivedAt)));
  for (const portal of unconnected) {
    const sandbox = sandboxPortals.find((p) => String(p.hubId) === portal.hubId);
    if (!sandbox) continue;
    try {
      await connectStatic(db, access, settings, { token: sandbox.token, portalId: portal.id }, { now: new Date() });
      await requestSync(db, scheduler, { portalId: portal.id, kind: "full" });
      log.info({ hubId: portal.hubId }, "demo portal connected; first sync queued");
    } catch (error) {
      log.warn({ err: error, hubId: portal.hubId }, "demo portal could not be connected");
    }
  }
}
