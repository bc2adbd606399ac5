import type { Db, Portal } from "@marketable/db";
import type { Logger } from "@marketable/logger";

import type { JobScheduler } from "../../jobs/scheduler";
import { evaluateAlerts, type Evaluation } from "./evaluateAlerts";

/**
 * Evaluates a portal's alerts after a sync (successful or not) and schedules their deliveries.
 * Runs after the sync's transaction has committed, so enqueueing never happens inside one; an
 * alerting failure is logged, never turned into a failed sync.
 */
export async function evaluateAfterSync(
  deps: { db: Db; log: Logger; scheduler?: Pick<JobScheduler, "deliverAlert"> },
  portal: Portal,
  now: Date,
): Promise<Evaluation | null> {
  try {
    const evaluation = await evaluateAlerts(deps.db, portal, now);
    // Each new webhook delivery goes to the queue (`alerts.deliver`); without one it stays pending.
    for (const id of evaluation.deliveryIds) await deps.scheduler?.deliverAlert?.(id);
    return evaluation;
  } catch (error) {
    deps.log.warn({ err: error, portalId: portal.id }, "alert evaluation failed");
    return null;
  }
}
