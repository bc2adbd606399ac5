import type { HubSpotErrorBody } from "../errors";

/** What went wrong with one attempt, in the terms the retry policy decides on. */
export type Failure =
  | { kind: "status"; status: number; body: HubSpotErrorBody | undefined; headers: Record<string, string> }
  | { kind: "timeout"; error: Error }
  | { kind: "network"; error: Error };

/** Thrown by raw `apiRequest` calls on an error status, shaped like the SDK's ApiException. */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
  }
}

export class AttemptTimeout extends Error {
  override readonly name = "AttemptTimeout";
}

/**
 * Normalises what an SDK method or `apiRequest` threw. The SDK's ApiException carries `code`,
 * `body` and `headers`; node-fetch's FetchError (`type: "system"`) means the connection failed or
 * was dropped; anything else is a bug and is rethrown by the caller.
 */
export function classify(error: unknown): Failure | null {
  if (error instanceof AttemptTimeout) return { kind: "timeout", error };
  if (typeof error === "object" && error !== null) {
    const e = error as { code?: unknown; body?: unknown; headers?: unknown; type?: unknown; name?: unknown };
    if (typeof e.code === "number" && e.code >= 100 && e.code < 600) {
      return { kind: "status", status: e.code, body: parseBody(e.body), headers: lowerCaseHeaders(e.headers) };
    }
    if (e.name === "FetchError" || e.type === "system" || isNetworkCode(e.code)) {
      return { kind: "network", error: error as Error };
    }
  }
  return null;
}

function isNetworkCode(code: unknown): boolean {
  return typeof code === "string" && ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "ECONNABORTED"].includes(code);
}

function parseBody(body: unknown): HubSpotErrorBody | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as HubSpotErrorBody;
    } catch {
      return { message: body };
    }
  }
  if (typeof body === "object") return body;
  return undefined;
}

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
  }
  return out;
}
