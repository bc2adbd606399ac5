import { eq, sql } from "drizzle-orm";

import { alertDeliveries, alerts, alertWebhooks, openSecret, portals, type Db, type Keyring } from "@marketable/db";

import { postToTarget } from "./postToTarget";
import { DELIVERY_HEADER, signAlertPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
import { resolveWebhookTarget, WebhookTargetRefused, type Resolver, type WebhookTargetPolicy } from "./webhookTarget";

/** Attempts per delivery; the `alerts.deliver` job's retryLimit is this minus one. */
export const MAX_DELIVERY_ATTEMPTS = 6;
const TIMEOUT_MS = 10_000;

export interface DeliverDeps {
  db: Db;
  keyring: Keyring;
  /** Which addresses deliveries may reach (private ones only with ALERT_WEBHOOK_ALLOW_PRIVATE=1). */
  policy: WebhookTargetPolicy;
  now?: () => Date;
  /** The system resolver unless given. */
  resolve?: Resolver;
}

export type DeliveryOutcome = { status: "delivered" | "failed" | "pending"; attempts: number; statusCode?: number; error?: string };

/** Backoff recorded on the row (the job queue applies its own): 30 s, 1 min, 2 min, … capped at 1 h. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * One attempt at one delivery: POST the alert, signed, to the agency's webhook URL and record
 * the outcome. Already delivered (or given up) is a no-op, so a re-run job is harmless. No
 * transaction is held across the HTTP call. "pending" means: try again later. A URL that resolves
 * to an address the policy refuses is "failed" at once: asking again would get the same answer.
 */
export async function deliverAlert(deps: DeliverDeps, deliveryId: string): Promise<DeliveryOutcome> {
  const now = deps.now ?? (() => new Date());
  const [row] = await deps.db
    .select({
      delivery: alertDeliveries,
      alert: alerts,
      portal: { id: portals.id, name: portals.name, hubId: portals.hubId },
      webhook: alertWebhooks,
    })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(portals, eq(portals.id, alerts.portalId))
    .leftJoin(alertWebhooks, eq(alertWebhooks.agencyId, alertDeliveries.agencyId))
    .where(eq(alertDeliveries.id, deliveryId));
  if (!row) return { status: "failed", attempts: 0, error: "No such delivery" };
  const { delivery, alert, portal, webhook } = row;
  if (delivery.status !== "pending") return { status: delivery.status, attempts: delivery.attempts };
  if (!webhook?.enabled) {
    await deps.db
      .update(alertDeliveries)
      .set({ status: "failed", lastError: "The webhook was removed or disabled" })
      .where(eq(alertDeliveries.id, deliveryId));
    return { status: "failed", attempts: delivery.attempts, error: "The webhook was removed or disabled" };
  }

  const body = JSON.stringify({
    type: "alert.raised",
    deliveryId,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      detail: alert.detail,
      causePath: alert.causePath,
      raisedAt: alert.raisedAt.toISOString(),
      portal,
    },
  });
  const timestamp = Math.floor(now().getTime() / 1000);
  const signature = signAlertPayload(openSecret(webhook.secretEnc, deps.keyring), timestamp, body);
  let statusCode: number | undefined;
  let error: string | undefined;
  let refused = false;
  try {
    // The URL the delivery was created for: changing the webhook later does not redirect it.
    // Checked on every attempt (DNS may have changed since it was saved), and the POST connects
    // to the addresses this check approved.
    const addresses = await resolveWebhookTarget(delivery.url, deps.policy, deps.resolve);
    statusCode = await postToTarget(delivery.url, addresses, {
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signature,
        [TIMESTAMP_HEADER]: String(timestamp),
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      timeoutMs: TIMEOUT_MS,
    });
    if (statusCode >= 300 && statusCode < 400) error = `The receiver answered ${statusCode} (redirects are not followed)`;
    else if (statusCode < 200 || statusCode >= 300) error = `The receiver answered ${statusCode}`;
  } catch (cause) {
    refused = cause instanceof WebhookTargetRefused;
    error = cause instanceof Error ? cause.message : String(cause);
  }

  const attempts = delivery.attempts + 1;
  if (!error) {
    await deps.db
      .update(alertDeliveries)
      .set({
        status: "delivered",
        attempts: sql`${alertDeliveries.attempts} + 1`,
        lastStatusCode: statusCode,
        lastError: null,
        deliveredAt: now(),
      })
      .where(eq(alertDeliveries.id, deliveryId));
    return { status: "delivered", attempts, statusCode };
  }
  const status = refused || attempts >= MAX_DELIVERY_ATTEMPTS ? "failed" : "pending";
  await deps.db
    .update(alertDeliveries)
    .set({
      status,
      attempts: sql`${alertDeliveries.attempts} + 1`,
      lastStatusCode: statusCode ?? null,
      lastError: error,
      nextAttemptAt: new Date(now().getTime() + nextAttemptDelayMs(attempts)),
    })
    .where(eq(alertDeliveries.id, deliveryId));
  return { status, attempts, statusCode, error };
}
