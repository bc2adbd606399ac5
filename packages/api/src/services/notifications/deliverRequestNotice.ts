import { and, eq, isNull } from "drizzle-orm";

import type { SendMail } from "@marketable/auth/mailer";
import { alertWebhooks, notifications, openSecret, portals, statusRequests, users, type Db, type Keyring } from "@marketable/db";

import { postToTarget } from "../alerts/postToTarget";
import { DELIVERY_HEADER, signAlertPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../alerts/signature";
import { resolveWebhookTarget, WebhookTargetRefused, type Resolver, type WebhookTargetPolicy } from "../alerts/webhookTarget";
import type { RequestNoticeKind } from "./requestNotices";

export interface NoticeDeliveryDeps {
  db: Db;
  keyring: Keyring;
  policy: WebhookTargetPolicy;
  /** The SMTP sender when SMTP_URL is set; absent: no email, the in-app notice only. */
  mail?: SendMail;
  /** The portal's public address, for the request's link (APP_URL). */
  appUrl: string;
  now?: () => Date;
  resolve?: Resolver;
}

const subjects: Record<RequestNoticeKind, string> = {
  approval_needed: "Approval needed",
  approved: "Your request was approved",
  rejected: "Your request was rejected",
  finished: "Your request finished",
  failed: "Your request failed",
  expired: "Your request expired",
};

/** The request page's address, pasted into emails and webhook bodies. */
export const requestLink = (appUrl: string, requestId: string) => `${appUrl.replace(/\/+$/, "")}/requests/${requestId}`;

/**
 * Sends what one step of a request tells people outside the app: an email per in-app notice not
 * emailed yet (each marked once sent, so a retry does not send it twice), then one POST to the
 * agency's alert webhook, signed as alerts are. Throws when the webhook does not take it, so the
 * job retries (emails already sent are skipped); an address the policy refuses is not retried.
 */
export async function deliverRequestNotice(
  deps: NoticeDeliveryDeps,
  requestId: string,
  kind: RequestNoticeKind,
): Promise<{ emailed: number; webhook: "delivered" | "refused" | "none" }> {
  const now = deps.now ?? (() => new Date());
  const [row] = await deps.db
    .select({ request: statusRequests, portal: { id: portals.id, name: portals.name, hubId: portals.hubId } })
    .from(statusRequests)
    .innerJoin(portals, eq(portals.id, statusRequests.portalId))
    .where(eq(statusRequests.id, requestId));
  if (!row) return { emailed: 0, webhook: "none" };
  const { request, portal } = row;
  const link = requestLink(deps.appUrl, requestId);
  let emailed = 0;
  if (deps.mail) {
    const unsent = await deps.db
      .select({ id: notifications.id, message: notifications.message, email: users.email })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(notifications.requestId, requestId), eq(notifications.kind, kind), isNull(notifications.emailedAt)));
    for (const notice of unsent) {
      await deps.mail({
        to: notice.email,
        subject: `${subjects[kind]}: ${portal.name}`,
        text: `${notice.message}.\n\nOpen the request: ${link}\n\nYou receive this because of your role in ${portal.name} on Marketable.\n`,
      });
      await deps.db.update(notifications).set({ emailedAt: now() }).where(eq(notifications.id, notice.id));
      emailed++;
    }
  }
  const [webhook] = await deps.db.select().from(alertWebhooks).where(eq(alertWebhooks.agencyId, request.agencyId));
  if (!webhook?.enabled) return { emailed, webhook: "none" };
  const deliveryId = `${requestId}:${kind}`;
  const body = JSON.stringify({
    type: `statusRequest.${kind}`,
    deliveryId,
    request: {
      id: request.id,
      state: request.state,
      target: request.target === "marketing" ? "marketing" : "nonMarketing",
      changeCount: request.changeCount,
      reason: request.reason,
      requestedBy: request.requestedByEmail,
      decidedBy: request.decidedByEmail,
      decisionNote: request.decisionNote,
      succeeded: request.succeeded,
      failed: request.failed,
      link,
      portal,
    },
  });
  const timestamp = Math.floor(now().getTime() / 1000);
  const signature = signAlertPayload(openSecret(webhook.secretEnc, deps.keyring), timestamp, body);
  try {
    const addresses = await resolveWebhookTarget(webhook.url, deps.policy, deps.resolve);
    const status = await postToTarget(webhook.url, addresses, {
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signature,
        [TIMESTAMP_HEADER]: String(timestamp),
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      timeoutMs: 10_000,
    });
    if (status < 200 || status >= 300) throw new Error(`The webhook answered ${status}`);
  } catch (error) {
    // Asking again would get the same answer from the policy.
    if (error instanceof WebhookTargetRefused) return { emailed, webhook: "refused" };
    throw error;
  }
  return { emailed, webhook: "delivered" };
}
