import type { Db, Portal } from "@marketable/db";
import type { Logger } from "@marketable/logger";
import { evaluateAlerts, type Evaluation } from "./evaluateAlerts";

/** Hands each new webhook delivery to the queue (`alerts.deliver`); absent, deliveries stay pending. */
export interface AlertDeliveryScheduler {
  deliver(deliveryId: string): Promise<void>;
}

/**
 * Evaluates a portal's alerts after a sync (successful or not) and schedules their deliveries.
 * Runs after the sync's transaction has committed, so enqueueing never happens inside one; an
 * alerting failure is logged, never turned into a failed sync.
 */
export async function evaluateAfterSync(
  deps: { db: Db; log: Logger; alerts?: AlertDeliveryScheduler },
  portal: Portal,
  now: Date,
): Promise<Evaluation | null> {
  try {
    const evaluation = await evaluateAlerts(deps.db, portal, now);
    for (const id of evaluation.deliveryIds) await deps.alerts?.deliver(id);
    return evaluation;
  } catch (error) {
    deps.log.warn({ err: error, portalId: portal.id }, "alert evaluation failed");
    return null;
  }
}
