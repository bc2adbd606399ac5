import { z } from "zod";

import type { WebhookTargetPolicy } from "./webhookTarget";

/** The alert webhook's env, shared by the web and worker processes (both deliver alerts). */
export const alertWebhookEnvSchema = z.object({
  /** 1: alert webhooks may reach private, loopback and link-local addresses (local receivers, tests). */
  ALERT_WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], { message: "ALERT_WEBHOOK_ALLOW_PRIVATE is 0 or 1" }).default("0"),
});

export function webhookPolicyFromEnv(env: z.output<typeof alertWebhookEnvSchema>): WebhookTargetPolicy {
  return { allowPrivate: env.ALERT_WEBHOOK_ALLOW_PRIVATE === "1" };
}
