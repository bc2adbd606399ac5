import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-marketable-signature";
export const TIMESTAMP_HEADER = "x-marketable-timestamp";
export const DELIVERY_HEADER = "x-marketable-delivery";

/** A new signing secret; shown to the agency once, then stored sealed. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. The timestamp (Unix seconds, also
 * sent in its own header) is inside the signed text so a captured delivery cannot be replayed
 * later with a fresh timestamp; receivers should refuse old ones.
 */
export function signAlertPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** For receivers (and tests): constant-time check of the signature and the timestamp's age. */
export function verifyAlertSignature(
  secret: string,
  input: { signature: string | undefined; timestamp: string | undefined; body: string },
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
  const timestamp = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signAlertPayload(secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
