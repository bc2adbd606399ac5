import { z } from "zod";

import { webUrl } from "./primitives";

/** One threshold, as a percentage of the purchased tier (above 100 % is allowed: HubSpot bills the overage). */
export const alertThreshold = z
  .int("A threshold is a whole percentage")
  .min(1, "A threshold is at least 1%")
  .max(500, "A threshold is at most 500%");

/** A portal's alert rules, or the agency's defaults: the same shape and the same messages. */
export const alertRulesInput = z.object({
  thresholds: z
    .array(alertThreshold, { message: "Enter the thresholds" })
    .min(1, "Keep at least one threshold")
    .max(10, "At most 10 thresholds"),
  spikePct: z.int("The spike is a whole percentage").min(1, "A spike is at least +1%").max(1000, "A spike is at most +1000%"),
  enabled: z.boolean({ message: "Choose on or off" }),
});

/**
 * https anywhere; plain http only to this machine (local receivers and tests). The form's first
 * check: the server also refuses private addresses, this machine included, unless the deployment
 * sets ALERT_WEBHOOK_ALLOW_PRIVATE=1 (services/alerts/webhookTarget.ts).
 */
export const alertWebhookUrl = webUrl("Enter the full URL, starting with https://").refine((value) => {
  // zod 4 runs this even when the URL check above failed: leave that case to its message.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost"));
}, "The webhook URL must use https:// (http:// only for 127.0.0.1)");

export const alertWebhookInput = z.object({
  url: alertWebhookUrl,
  enabled: z.boolean({ message: "Choose on or off" }).default(true),
  rotateSecret: z.boolean({ message: "Choose whether to rotate the secret" }).default(false),
});
