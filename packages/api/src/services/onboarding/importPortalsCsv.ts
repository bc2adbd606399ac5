import { and, eq, inArray } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";

import { portals, writeAudit, type Access, type Db } from "@marketable/db";

import { portalFields, updateDateRuleFor } from "../../validation/portal";
import { hubspotToken } from "../../validation/primitives";

/** The CSV's columns, as a spreadsheet would name them. `token` is optional per row. */
export const PORTAL_CSV_COLUMNS = [
  "name",
  "hub_id",
  "domain",
  "time_zone",
  "currency",
  "edition",
  "purchased_tier",
  "billing_term",
  "renewal_date",
  "token",
] as const;

// An empty cell is no token; a filled one must be a token HubSpot could read.
const rowSchema = portalFields.extend({
  token: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(hubspotToken().optional()),
});

export interface CsvRowError {
  line: number;
  field: string;
  message: string;
}

export interface ParsedPortalRow {
  line: number;
  portal: z.output<typeof portalFields>;
  token?: string;
}

/**
 * Reads an agency's client list. Every row is checked with the same rules as the portal form;
 * errors name the line and the column, so a spreadsheet can be fixed and pasted again.
 */
export function parsePortalsCsv(csv: string): { rows: ParsedPortalRow[]; errors: CsvRowError[] } {
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: CsvRowError[] = parsed.errors.map((e) => ({ line: (e.row ?? 0) + 2, field: "row", message: e.message }));
  const missing = ["name", "time_zone", "currency", "edition", "purchased_tier", "billing_term", "renewal_date"].filter(
    (c) => !parsed.meta.fields?.includes(c),
  );
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, field: "header", message: `Missing columns: ${missing.join(", ")}` }] };
  const rows: ParsedPortalRow[] = [];
  const seenHubIds = new Map<string, number>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2;
    const result = rowSchema.safeParse({
      name: raw.name,
      hubId: raw.hub_id,
      domain: raw.domain,
      timeZone: raw.time_zone?.trim(),
      currency: raw.currency?.trim().toUpperCase(),
      edition: raw.edition?.trim().toLowerCase(),
      purchasedTier: raw.purchased_tier?.replace(/[,_\s]/g, ""),
      billingTerm: raw.billing_term?.trim().toLowerCase(),
      renewalDate: raw.renewal_date?.trim(),
      token: raw.token,
    });
    if (!result.success) {
      for (const issue of result.error.issues) errors.push({ line, field: String(issue.path[0] ?? "row"), message: issue.message });
      return;
    }
    const { token, ...portal } = result.data;
    if (portal.hubId) {
      const first = seenHubIds.get(portal.hubId);
      if (first) {
        errors.push({ line, field: "hubId", message: `Hub ${portal.hubId} is already on line ${first}` });
        return;
      }
      seenHubIds.set(portal.hubId, line);
    }
    rows.push({ line, portal, token });
  });
  return { rows, errors };
}

/**
 * Creates the portal records of a client list in one transaction: all or nothing, so a file with
 * an error creates nothing. Hubs the agency already has are reported and skipped.
 */
export async function createPortalsFromRows(db: Db, access: Access, rows: ParsedPortalRow[], meta: { requestId?: string; now: Date }) {
  return db.transaction(async (tx) => {
    const hubIds = rows.map((r) => r.portal.hubId).filter((h): h is string => Boolean(h));
    const existing = hubIds.length
      ? await tx
          .select({ hubId: portals.hubId })
          .from(portals)
          .where(and(eq(portals.agencyId, access.agency.id), inArray(portals.hubId, hubIds)))
      : [];
    const taken = new Set(existing.map((e) => e.hubId));
    const created: { line: number; portalId: string; name: string; token?: string }[] = [];
    const skipped: { line: number; name: string; reason: string }[] = [];
    for (const row of rows) {
      if (row.portal.hubId && taken.has(row.portal.hubId)) {
        skipped.push({ line: row.line, name: row.portal.name, reason: `The agency already has hub ${row.portal.hubId}` });
        continue;
      }
      const [portal] = await tx
        .insert(portals)
        .values({
          ...row.portal,
          agencyId: access.agency.id,
          updateDateRule: updateDateRuleFor(row.portal.billingTerm),
          connectionStatus: "manual",
        })
        .returning({ id: portals.id, name: portals.name });
      created.push({ line: row.line, portalId: portal!.id, name: portal!.name, token: row.token });
    }
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "portal.import",
      targetType: "agency",
      targetId: access.agency.id,
      after: { created: created.map((c) => c.name), skipped: skipped.map((s) => s.name) },
      requestId: meta.requestId,
    });
    return { created, skipped };
  });
}
