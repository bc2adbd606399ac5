import type { Access, Db, findVisiblePortal } from "@marketable/db";
import { logger, newRequestId, type Logger } from "@marketable/logger";

import { systemClock, type Clock } from "./clock";
import type { HubSpotSettings } from "./integrationSettings/hubspotSettings";
import type { JobScheduler } from "./jobs/scheduler";
import { PUBLIC_ADDRESSES_ONLY, type WebhookTargetPolicy } from "./services/alerts/webhookTarget";

export interface ContextInput {
  db: Db;
  /** From the verified session; null when signed out. Roles are loaded per request. */
  userId: string | null;
  requestId?: string;
  clock?: Clock;
  log?: Logger;
  /** How to reach HubSpot; absent where the server has no HubSpot configuration. */
  hubspot?: HubSpotSettings;
  scheduler?: JobScheduler;
  /** Where alert webhooks may point; absent: public addresses only. */
  webhookPolicy?: WebhookTargetPolicy;
  /**
   * The signed-in user's access, loaded once for the whole request: a server render calls several
   * procedures (the layout's badge, the page's data) and its own page guard, and each would
   * otherwise read user, membership and grants again. Absent: each procedure loads it afresh.
   */
  loadAccess?: () => Promise<Access | null>;
  /**
   * A portal the signed-in user may see, or null, read once per request and portal like the
   * access: the page's 404 guard and the page's portal procedure ask for the same one. Absent:
   * each portal procedure reads it afresh.
   */
  loadVisiblePortal?: (portalId: string) => Promise<VisiblePortal | null>;
}

type VisiblePortal = NonNullable<Awaited<ReturnType<typeof findVisiblePortal>>>;

export function createTRPCContext(input: ContextInput) {
  const requestId = input.requestId ?? newRequestId();
  return {
    db: input.db,
    userId: input.userId,
    requestId,
    clock: input.clock ?? systemClock,
    log: input.log ?? logger.child({ requestId }),
    hubspot: input.hubspot,
    scheduler: input.scheduler,
    webhookPolicy: input.webhookPolicy ?? PUBLIC_ADDRESSES_ONLY,
    loadAccess: input.loadAccess,
    loadVisiblePortal: input.loadVisiblePortal,
  };
}

export type Context = ReturnType<typeof createTRPCContext>;
