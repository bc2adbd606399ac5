import { z } from "zod";

/** HubSpot sends ids as numbers; we keep them as strings (they are keys, and may outgrow 2^53). */
const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/**
 * One webhook event as HubSpot sends it (docs/hubspot.md). Unknown fields (changeFlag, sourceId, …)
 * are allowed and ignored; unknown subscription types are accepted and skipped, so a new
 * subscription in the app never makes HubSpot retry a whole batch.
 */
export const webhookEventSchema = z.looseObject({
  eventId: id,
  subscriptionId: id.optional(),
  portalId: id,
  appId: id.optional(),
  occurredAt: z.number().optional(),
  subscriptionType: z.string().min(1),
  attemptNumber: z.number().int().optional(),
  objectId: id,
  propertyName: z.string().optional(),
  propertyValue: z.string().nullable().optional(),
  changeSource: z.string().optional(),
});

/** A delivery: a JSON array of events (HubSpot batches up to 100). */
export const webhookDeliverySchema = z.array(webhookEventSchema).max(1000);

export type WebhookEvent = z.output<typeof webhookEventSchema>;

/** The subscription types this product applies. */
export const CONTACT_CHANGE_TYPES = new Set(["contact.creation", "contact.propertyChange"]);
export const CONTACT_DELETION_TYPE = "contact.deletion";
