import { z } from "zod";

import { HubSpotApiError } from "./errors";

/**
 * Shapes of the endpoints the SDK does not cover (raw `apiRequest`), checked at the boundary so a
 * changed response fails loudly here rather than as `undefined` deep in a sync.
 */
export const accountDetailsSchema = z.object({
  portalId: z.union([z.number(), z.string()]),
  timeZone: z.string(),
  companyCurrency: z.string(),
  uiDomain: z.string(),
  accountType: z.string(),
  /** The account's name: in HubSpot's example response, not in its schema's required list. */
  portalName: z.string().nullish(),
});

export const partnerClientsPageSchema = z.object({
  results: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable().optional()) })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/**
 * `GET /crm/v3/objects/contacts`: one page of contacts. Read raw rather than through the SDK's
 * model classes: a full sync reads thousands of pages, and the sync maps each row straight to
 * columns. Building the SDK's objects took about 1.3 ms a 100-contact page against 0.8 ms for
 * JSON.parse plus this check (a microbenchmark; the whole sync's gain was within the noise).
 */
export const contactsPageSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      properties: z.record(z.string(), z.string().nullable().optional()),
      createdAt: z.string().nullish(),
      updatedAt: z.string().nullish(),
      archived: z.boolean().nullish(),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** `POST /crm/v3/objects/contacts/search`: one page and the query's total. */
export const searchPageSchema = contactsPageSchema.extend({ total: z.number() });

export function parseResponse<T>(schema: z.ZodType<T>, body: unknown, operation: string): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new HubSpotApiError(
      `${operation}: unexpected response shape (${result.error.issues[0]?.message ?? "invalid"})`,
      200,
      undefined,
      operation,
    );
  return result.data;
}

/** `GET /crm/v3/imports`: one page of a portal's imports. */
export const importsPageSchema = z.object({
  results: z.array(
    z.object({
      id: z.union([z.string(), z.number()]),
      importName: z.string().optional(),
      state: z.string(),
      createdAt: z.string().optional(),
      updatedAt: z.string().optional(),
      metadata: z.object({ counters: z.record(z.string(), z.number()).optional() }).optional(),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string().optional() }).optional() }).optional(),
});

/** `GET /crm/v3/properties/contacts/{name}` (HubSpot's `Property`): only the options are read. */
export const propertySchema = z.object({
  name: z.string(),
  options: z
    .array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().nullish(), hidden: z.boolean().nullish() }))
    .default([]),
});
