import { createHmac, timingSafeEqual } from "node:crypto";

export type WebhookVerification =
  { ok: true } | { ok: false; reason: "missing_signature" | "missing_timestamp" | "stale" | "future" | "mismatch" };

export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;

/**
 * HubSpot's signature v3: base64(HMAC-SHA256(client secret, method + URL + raw body + timestamp)),
 * rejected when the timestamp is older than five minutes (replays). `url` must be the full URL
 * HubSpot called (scheme, host, path, query) and `rawBody` the exact bytes received.
 */
export function verifyWebhookSignatureV3(input: {
  clientSecret: string;
  method: string;
  url: string;
  rawBody: string | Buffer;
  signature: string | null | undefined;
  timestamp: string | number | null | undefined;
  now: number;
  maxAgeMs?: number;
}): WebhookVerification {
  if (!input.signature) return { ok: false, reason: "missing_signature" };
  const timestamp = Number(input.timestamp);
  if (input.timestamp === null || input.timestamp === undefined || input.timestamp === "" || !Number.isFinite(timestamp)) {
    return { ok: false, reason: "missing_timestamp" };
  }
  const maxAge = input.maxAgeMs ?? WEBHOOK_MAX_AGE_MS;
  if (input.now - timestamp > maxAge) return { ok: false, reason: "stale" };
  // Allow a little clock skew forwards, no more than the replay window.
  if (timestamp - input.now > maxAge) return { ok: false, reason: "future" };
  const body = typeof input.rawBody === "string" ? input.rawBody : input.rawBody.toString("utf8");
  const given = Buffer.from(input.signature, "base64");
  // The URL as received, and with the characters HubSpot decodes before signing decoded.
  for (const url of new Set([input.url, decodeUrl(input.url)])) {
    const source = `${input.method.toUpperCase()}${url}${body}${String(input.timestamp)}`;
    const expected = createHmac("sha256", input.clientSecret).update(source, "utf8").digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "mismatch" };
}

/** HubSpot's docs list these characters as decoded in the URL it signs. */
function decodeUrl(url: string): string {
  const map: Record<string, string> = {
    "%3A": ":",
    "%2F": "/",
    "%3F": "?",
    "%40": "@",
    "%21": "!",
    "%24": "$",
    "%27": "'",
    "%28": "(",
    "%29": ")",
    "%2A": "*",
    "%2C": ",",
    "%3B": ";",
  };
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => map[m.toUpperCase()] ?? m);
}
