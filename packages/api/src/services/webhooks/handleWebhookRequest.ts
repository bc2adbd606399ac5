import { z } from "zod";

import { verifyWebhookSignatureV3 } from "@marketable/hubspot";

import type { WorkerDeps } from "../../jobs/workerDeps";
import { ingestWebhookEvents, type IngestResult } from "./ingestWebhookEvents";
import { webhookDeliverySchema } from "./webhookEvents";

/** HubSpot batches at most 100 small events; anything far larger is not a HubSpot delivery. */
export const MAX_WEBHOOK_BODY_BYTES = 1_000_000;

export interface WebhookRequest {
  method: string;
  /** The public URL HubSpot called (scheme, host, path, query): what it signed. */
  url: string;
  headers: { get(name: string): string | null };
  rawBody: string;
  /** Epoch milliseconds, to judge the timestamp's age. */
  now: number;
}

export interface WebhookResponse {
  status: 200 | 400 | 401 | 413 | 503;
  body: ({ ok: true } & IngestResult) | { ok: false; error: string };
}

/**
 * The webhook endpoint's whole logic, free of any web framework (the Next.js route is a thin
 * adapter, tests call it from a plain HTTP server): verify the v3 signature, validate the body,
 * apply the events. Bad input is a 4xx, never a 5xx, because HubSpot retries 5xx for a day; a
 * failure on our side (database down) is a 503, so HubSpot does retry it.
 */
export async function handleWebhookRequest(deps: WorkerDeps, request: WebhookRequest): Promise<WebhookResponse> {
  const log = deps.log;
  if (Buffer.byteLength(request.rawBody, "utf8") > MAX_WEBHOOK_BODY_BYTES) {
    return { status: 413, body: { ok: false, error: "Body too large" } };
  }
  const verified = verifyWebhookSignatureV3({
    clientSecret: deps.settings.clientSecret,
    method: request.method,
    url: request.url,
    rawBody: request.rawBody,
    signature: request.headers.get("x-hubspot-signature-v3"),
    timestamp: request.headers.get("x-hubspot-request-timestamp"),
    now: request.now,
  });
  if (!verified.ok) {
    log.warn({ reason: verified.reason, url: request.url }, "webhook refused: signature");
    return { status: 401, body: { ok: false, error: `Invalid signature (${verified.reason})` } };
  }

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    log.warn("webhook refused: body is not JSON");
    return { status: 400, body: { ok: false, error: "Body is not JSON" } };
  }
  const parsed = webhookDeliverySchema.safeParse(json);
  if (!parsed.success) {
    const error = z.prettifyError(parsed.error);
    log.warn({ error }, "webhook refused: not an array of events");
    return { status: 400, body: { ok: false, error: `Not an array of webhook events: ${error}` } };
  }

  try {
    const result = await ingestWebhookEvents(deps, { events: parsed.data });
    return { status: 200, body: { ok: true, ...result } };
  } catch (error) {
    log.error({ err: error, events: parsed.data.length }, "webhook delivery could not be applied; HubSpot will retry it");
    return { status: 503, body: { ok: false, error: "Temporarily unavailable" } };
  }
}
