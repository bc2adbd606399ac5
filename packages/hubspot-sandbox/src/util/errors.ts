import { randomUUID } from "node:crypto";

/**
 * HubSpot's error body: `{status:"error", message, correlationId, category, subCategory?, errors?, context?, links?}`.
 * Every refusal the sandbox makes uses it, so clients parse sandbox errors the way they parse HubSpot's.
 */
export interface HubSpotErrorBody {
  status: string;
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

export class HubSpotError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: HubSpotErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function errorBody(category: string, message: string, extra: Partial<HubSpotErrorBody> = {}): HubSpotErrorBody {
  return { status: "error", message, correlationId: randomUUID(), category, ...extra };
}

export function validationError(message: string, extra: Partial<HubSpotErrorBody> = {}): HubSpotError {
  return new HubSpotError(400, errorBody("VALIDATION_ERROR", message, extra));
}

export function notFound(message = "resource not found"): HubSpotError {
  return new HubSpotError(404, errorBody("OBJECT_NOT_FOUND", message));
}

/** One property-level failure as HubSpot embeds it (JSON-encoded) in a VALIDATION_ERROR message. */
export interface PropertyValidationFailure {
  isValid: false;
  message: string;
  error: "READ_ONLY_VALUE" | "PROPERTY_DOESNT_EXIST" | "INVALID_EMAIL" | "INVALID_OPTION";
  name: string;
  localizedErrorMessage: string;
}

export function propertyValidationError(failures: PropertyValidationFailure[]): HubSpotError {
  return validationError(`Property values were not valid: ${JSON.stringify(failures)}`);
}
