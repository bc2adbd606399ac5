import { formatContractDay } from "@marketable/ui/format";

/**
 * Audit actions as sentences: one typed entry per action the product writes (the page falls back
 * to the action's words for one not listed). Each sentence follows
 * "<who> …", from the entry's own before/after, so it reads the same for every viewer.
 */
type Values = Record<string, unknown> | null;
export interface AuditEntryLike {
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

const str = (v: unknown, fallback = "") => (typeof v === "string" && v ? v : typeof v === "number" ? v.toLocaleString("en-US") : fallback);
const policy = (v: unknown) => (v === true ? "create as marketing" : v === false ? "create as non-marketing" : "no policy");
const status = (v: unknown) => (v === "marketing" ? "marketing" : "non-marketing");
const role = (v: unknown) => str(v, "a role");

export const AUDIT_SENTENCES = {
  "account.changePassword": () => "changed their password",
  "account.resetPassword": () => "reset their password from an emailed link",
  "agency.switch": () => "switched to another agency",
  "alerts.acknowledge": () => "acknowledged an alert",
  "alerts.setDefaultRules": () => "changed the agency's default alert rules",
  "alerts.setRules": () => "changed the portal's alert rules",
  "alerts.setWebhook": () => "changed the alert webhook",
  "auth.signIn": () => "signed in",
  "billing.savePriceTable": (_b, a) => `saved the price table${str(a?.name) ? ` “${str(a?.name)}”` : ""}`,
  "billing.setPortalPriceTable": () => "chose the portal's price table",
  "integrations.setPolicy": (_b, a) =>
    a?.createMarketing === null
      ? `removed ${str(a?.app, "an app")}'s policy`
      : `set ${str(a?.app, "an app")}'s policy to ${policy(a?.createMarketing)}`,
  "integrations.setTemplate": (_b, a) =>
    `set the agency-wide policy for ${str(a?.app, "an app")} to ${policy(a?.createMarketing)} on ${str(a?.portals, "every")} portals`,
  "integrations.undoTemplate": (_b, a) =>
    `undid the agency-wide policy change for ${str(a?.app, "an app")}, restoring ${str(a?.portals, "its")} portals`,
  "marketingStatus.approve": () => "approved a marketing-status request",
  "marketingStatus.execute": () => "started a marketing-status change in HubSpot",
  "marketingStatus.expire": () => "let a marketing-status request expire",
  "marketingStatus.reapproval": () => "sent a marketing-status request back for approval",
  "marketingStatus.reject": () => "rejected a marketing-status request",
  "marketingStatus.request": (_b, a) =>
    `requested ${status(a?.target)} for ${str(a?.changeCount, "some")} contact${a?.changeCount === 1 ? "" : "s"}`,
  "marketingStatus.result": () => "recorded the result of a marketing-status change",
  "member.changeRole": (b, a) => `changed a member's role from ${role(b?.role)} to ${role(a?.role)}`,
  "member.grantPortal": (_b, a) => `gave a member access to a portal${str(a?.role) ? ` as ${str(a?.role)}` : ""}`,
  "member.invite": (_b, a) => `invited ${str(a?.email, "someone")} as ${role(a?.role)}`,
  "member.join": () => "joined the agency",
  "member.remove": () => "removed a member",
  "member.revokeInvitation": () => "withdrew an invitation",
  "member.revokePortal": () => "took away a member's access to a portal",
  "portal.archive": () => "archived the portal",
  "portal.connect": () => "connected the portal to HubSpot",
  "portal.create": (_b, a) => `added the portal${str(a?.name) ? ` “${str(a?.name)}”` : ""}`,
  "portal.disconnect": () => "disconnected the portal from HubSpot",
  "portal.import": () => "imported portals from a CSV file",
  "portal.importPartnerClients": () => "imported portals from HubSpot's partner clients",
  "portal.update": () => "changed the portal's details",
  "portal.updateContract": () => "changed the portal's contract",
  "settings.guardrails": () => "changed the approval thresholds",
} satisfies Record<string, (before: Values, after: Values) => string>;

export type AuditAction = keyof typeof AUDIT_SENTENCES;

const asValues = (v: unknown): Values => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** "set Shopify's policy to create as non-marketing"; an unknown action reads as its words. */
export function auditSentence(entry: AuditEntryLike): string {
  const sentence = (AUDIT_SENTENCES as Record<string, (b: Values, a: Values) => string>)[entry.action];
  if (sentence) return sentence(asValues(entry.before), asValues(entry.after));
  return entry.action
    .replace(/[._]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

// "nonMarketing" and "non_marketing" both read "non-marketing", as everywhere else in the product.
const hyphenated = (text: string) => text.replace(/\bnon (?=marketing)/g, "non-");
const words = (key: string) => hyphenated(key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase());
/** Record ids mean nothing to a reader (the portal column names the portal); they are left out. */
const isId = (key: string) => key === "id" || /Id$/.test(key);

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map(describeValue).join("; ");
  const values = asValues(v);
  if (values) {
    return Object.entries(values)
      .filter(([key]) => !isId(key))
      .map(([key, inner]) => `${words(key)} ${describeValue(inner)}`)
      .join(", ");
  }
  if (typeof v === "number") return v.toLocaleString("en-US");
  if (typeof v === "string") return describeText(v);
  return typeof v === "bigint" ? v.toLocaleString("en-US") : JSON.stringify(v);
}

/**
 * Stored codes in words: a day as "Jan 5, 2027", "pending_approval" as "pending approval",
 * "nonMarketing" as "non-marketing"; anything else (names, emails, ids) as written.
 */
function describeText(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatContractDay(v);
  if (/^[a-z]+(_[a-z]+)+$/.test(v)) return hyphenated(v.replaceAll("_", " "));
  if (/^[a-z]+([A-Z][a-z]+)+$/.test(v)) return words(v);
  return v;
}

/** A before/after value as readable "key: value" lines for the expandable details. */
export function describeValues(value: unknown): [string, string][] {
  if (value === null || value === undefined) return [];
  const values = asValues(value);
  if (!values) return [["value", describeValue(value)]];
  return Object.entries(values)
    .filter(([key]) => !isId(key))
    .map(([key, v]) => [words(key), describeValue(v)]);
}
