/** Typed failures of the gateway, so callers (sync jobs, status changes) can decide what to do. */

export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  category?: string;
  subCategory?: string;
  policyName?: string;
  errorType?: string;
  correlationId?: string;
  errors?: unknown[];
}

/** HubSpot answered with an error status we do not retry (4xx other than 401/429), or retries ran out. */
export class HubSpotApiError extends Error {
  override readonly name: string = "HubSpotApiError";
  constructor(
    message: string,
    readonly status: number,
    readonly body: HubSpotErrorBody | undefined,
    readonly operation: string,
  ) {
    super(message);
  }

  get category(): string | undefined {
    return this.body?.category;
  }
}

/** The portal's daily allowance is spent (HubSpot's 429 `DAILY`, or our own count): retrying today is pointless. */
export class DailyLimitReached extends Error {
  override readonly name = "DailyLimitReached";
  constructor(
    readonly key: string,
    readonly source: "hubspot" | "limiter",
  ) {
    super(`HubSpot daily API limit reached for ${key} (${source})`);
  }
}

/** The connection's credentials are refused even after a refresh: the portal needs reconnecting. */
export class HubSpotAuthError extends Error {
  override readonly name = "HubSpotAuthError";
  constructor(
    message: string,
    readonly status: number,
    readonly body?: HubSpotErrorBody,
  ) {
    super(message);
  }
}

/** Transient failures (429, 5xx, timeouts, dropped connections) outlasted the attempt budget. */
export class RetriesExhausted extends Error {
  override readonly name = "RetriesExhausted";
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`${operation}: gave up after ${attempts} attempts (${describe(lastError)})`);
  }
}

/** No connection row, or a connection that cannot be used (e.g. OAuth without app credentials). */
export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
