/**
 * HubSpot contact → the row shape of the `contacts` table. HubSpot types every property value as a
 * string, leaves unset ones out, and sometimes sends `null`: every field accepts all three.
 */

/** A contact as HubSpot's CRM API returns it. */
export interface HubSpotContact {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: Date | string | null;
  updatedAt?: Date | string | null;
  archived?: boolean | null;
}

/** The stored fields of one contact (the `contacts` table without portal id and sync time). */
export interface ContactRecord {
  hubspotId: string;
  email: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  marketable: boolean;
  marketableUntilRenewal: boolean;
  marketableReasonType: string | null;
  marketableReasonId: string | null;
  objectSource: string | null;
  objectSourceId: string | null;
  /** hs_object_source_label: the record source code again (INTEGRATION, FORM, …), not a name. */
  objectSourceLabel: string | null;
  /** hs_object_source_detail_1: the app's (or form's) name; the product names apps from it. */
  objectSourceDetail1: string | null;
  hardBounced: boolean;
  optedOut: boolean;
  lastEngagementAt: Date | null;
  lifecycleStage: string | null;
  archived: boolean;
}

/** Date properties whose latest value is the contact's last engagement. */
export const ENGAGEMENT_PROPERTIES = [
  "hs_last_sales_activity_timestamp",
  "hs_email_last_open_date",
  "hs_email_last_click_date",
  "notes_last_updated",
] as const;

/**
 * The properties to request for the mapping. Names HubSpot (or the sandbox) does not know are
 * ignored by reads, so real HubSpot's extra bounce/engagement properties can be asked for safely.
 */
export const CONTACT_PROPERTIES = [
  "email",
  "createdate",
  "lastmodifieddate",
  "lifecyclestage",
  "hs_marketable_status",
  "hs_marketable_until_renewal",
  "hs_marketable_reason_type",
  "hs_marketable_reason_id",
  "hs_object_source",
  "hs_object_source_id",
  "hs_object_source_label",
  "hs_object_source_detail_1",
  "hs_email_bounce",
  "hs_email_hard_bounce_reason_enum",
  "hs_email_optout",
  ...ENGAGEMENT_PROPERTIES,
] as const;

export function toContactRecord(contact: HubSpotContact): ContactRecord {
  const p = contact.properties ?? {};
  return {
    hubspotId: String(contact.id),
    email: text(p.email)?.toLowerCase() ?? null,
    createdAt: date(p.createdate) ?? date(contact.createdAt),
    updatedAt: date(p.lastmodifieddate) ?? date(contact.updatedAt),
    marketable: flag(p.hs_marketable_status),
    marketableUntilRenewal: flag(p.hs_marketable_until_renewal),
    marketableReasonType: text(p.hs_marketable_reason_type),
    marketableReasonId: text(p.hs_marketable_reason_id),
    objectSource: text(p.hs_object_source),
    objectSourceId: text(p.hs_object_source_id),
    objectSourceLabel: text(p.hs_object_source_label),
    objectSourceDetail1: text(p.hs_object_source_detail_1),
    // HubSpot records a hard bounce as a reason enum; the count of bounces is the older signal.
    hardBounced: text(p.hs_email_hard_bounce_reason_enum) !== null || (num(p.hs_email_bounce) ?? 0) > 0,
    optedOut: flag(p.hs_email_optout),
    lastEngagementAt: latest(ENGAGEMENT_PROPERTIES.map((name) => date(p[name]))),
    lifecycleStage: text(p.lifecyclestage),
    archived: contact.archived === true,
  };
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

function flag(value: string | null | undefined): boolean {
  return text(value)?.toLowerCase() === "true";
}

function num(value: string | null | undefined): number | null {
  const s = text(value);
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** HubSpot sends datetimes as ISO strings, sometimes as epoch milliseconds; dates as YYYY-MM-DD. */
function date(value: Date | string | null | undefined): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const s = text(value);
  if (s === null) return null;
  const d = /^\d+$/.test(s) ? new Date(Number(s)) : new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function latest(dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d.getTime() > best.getTime())) best = d;
  return best;
}
