/**
 * The request id rule: a client- or proxy-sent `x-request-id` is kept only if it is 1 to 64 of
 * [A-Za-z0-9_-] (a UUID passes); anything else (too long, newlines, quotes, other characters)
 * is replaced by a fresh UUID. The id is written to logs, the audit log and error messages, so a
 * client must not be able to put arbitrary text there.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && WELL_FORMED.test(value);
}

/** The request's id: the sent one if well-formed, else a new UUID. */
export function requestIdFrom(headers: Headers): string {
  const sent = headers.get(REQUEST_ID_HEADER);
  return isWellFormedRequestId(sent) ? sent : crypto.randomUUID();
}
