import { type ContactRecord } from "./contact";

/** A contact property definition in the shape of HubSpot's properties API (`Property`). */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: "string" | "number" | "datetime" | "date" | "enumeration" | "bool";
  fieldType: string;
  groupName: string;
  description: string;
  options: { label: string; value: string; displayOrder: number; hidden: boolean }[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined?: boolean;
  calculated: boolean;
  externalOptions: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt?: string;
  updatedAt?: string;
  archived: boolean;
}

/** How a property reads and writes a ContactRecord; `num` serves numeric and date comparisons in search. */
export interface PropertyAccessor {
  get(c: ContactRecord): string | null;
  num?(c: ContactRecord): number | null;
  set?(c: ContactRecord, value: string | null): void;
}

const boolOptions = [
  { label: "True", value: "true", displayOrder: 0, hidden: false },
  { label: "False", value: "false", displayOrder: 1, hidden: false },
];

/** HubSpot's own labels where the code does not read as one ("CRM_UI" is "CRM UI"). */
const OPTION_LABELS: Record<string, string> = {
  CRM_UI: "CRM UI",
  API: "API",
  MOBILE_IOS: "Mobile iOS",
  marketingqualifiedlead: "Marketing Qualified Lead",
  salesqualifiedlead: "Sales Qualified Lead",
};

function options(values: readonly string[]): PropertyDefinition["options"] {
  return values.map((value, displayOrder) => ({
    label: OPTION_LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).toLowerCase().replaceAll("_", " "),
    value,
    displayOrder,
    hidden: false,
  }));
}

export const OBJECT_SOURCES = [
  "INTEGRATION",
  "FORM",
  "IMPORT",
  "CRM_UI",
  "API",
  "EMAIL_INTEGRATION",
  "MEETINGS",
  "SALES",
  "MOBILE_IOS",
  "WORKFLOWS",
] as const;

export const MARKETABLE_REASON_TYPES = [
  "INTEGRATION",
  "FORM_SUBMISSION",
  "IMPORT",
  "CRM_UI",
  "WORKFLOW",
  "AUTO_UPGRADE",
  "CONVERSATIONS",
  "ADS",
] as const;

export const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
] as const;

type Spec = Partial<PropertyDefinition> & Pick<PropertyDefinition, "name" | "label" | "type" | "fieldType"> & { readOnly?: boolean };

function define(spec: Spec, displayOrder: number): PropertyDefinition {
  const { readOnly = false, ...rest } = spec;
  return {
    groupName: "contactinformation",
    description: "",
    options: [],
    displayOrder,
    hasUniqueValue: false,
    hidden: false,
    formField: !readOnly,
    hubspotDefined: true,
    calculated: false,
    externalOptions: false,
    archived: false,
    createdAt: "2019-08-06T02:41:52.000Z",
    updatedAt: "2026-01-15T10:00:00.000Z",
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: readOnly },
    ...rest,
  };
}

/** HubSpot's built-in contact properties the product relies on. */
export const BUILT_IN_PROPERTIES: readonly PropertyDefinition[] = (
  [
    { name: "email", label: "Email", type: "string", fieldType: "text", hasUniqueValue: false },
    { name: "firstname", label: "First Name", type: "string", fieldType: "text" },
    { name: "lastname", label: "Last Name", type: "string", fieldType: "text" },
    { name: "phone", label: "Phone Number", type: "string", fieldType: "phonenumber" },
    { name: "company", label: "Company Name", type: "string", fieldType: "text" },
    { name: "jobtitle", label: "Job Title", type: "string", fieldType: "text" },
    { name: "city", label: "City", type: "string", fieldType: "text" },
    { name: "country", label: "Country/Region", type: "string", fieldType: "text" },
    { name: "website", label: "Website URL", type: "string", fieldType: "text" },
    { name: "createdate", label: "Create Date", type: "datetime", fieldType: "date", readOnly: true },
    { name: "lastmodifieddate", label: "Last Modified Date", type: "datetime", fieldType: "date", readOnly: true },
    { name: "hs_object_id", label: "Record ID", type: "number", fieldType: "number", readOnly: true },
    {
      name: "lifecyclestage",
      label: "Lifecycle Stage",
      type: "enumeration",
      fieldType: "radio",
      options: options(LIFECYCLE_STAGES),
    },
    { name: "hubspot_owner_id", label: "Contact owner", type: "enumeration", fieldType: "select", externalOptions: true },
    {
      name: "hs_marketable_status",
      label: "Marketing contact status",
      type: "enumeration",
      fieldType: "booleancheckbox",
      groupName: "contact_activity",
      description: "The marketing status of a contact. Set to marketing (true) or non-marketing (false).",
      options: boolOptions,
      readOnly: true,
    },
    {
      name: "hs_marketable_until_renewal",
      label: "Marketing contact until next update",
      type: "enumeration",
      fieldType: "booleancheckbox",
      groupName: "contact_activity",
      description: "Set to true when a marketing contact was set to non-marketing; it stays marketing until the next update date.",
      options: boolOptions,
      readOnly: true,
    },
    {
      name: "hs_marketable_reason_type",
      label: "Marketing contact status source type",
      type: "enumeration",
      fieldType: "select",
      groupName: "contact_activity",
      options: options(MARKETABLE_REASON_TYPES),
      readOnly: true,
    },
    {
      name: "hs_marketable_reason_id",
      label: "Marketing contact status source name",
      type: "string",
      fieldType: "text",
      groupName: "contact_activity",
      readOnly: true,
    },
    {
      name: "hs_object_source",
      label: "Record source",
      type: "enumeration",
      fieldType: "select",
      options: options(OBJECT_SOURCES),
      readOnly: true,
    },
    // HubSpot's record-source family: the code twice (hs_object_source and _label), the app's (or
    // form's) id, and its name in detail 1 (docs/hubspot.md).
    {
      name: "hs_object_source_label",
      label: "Record source",
      type: "enumeration",
      fieldType: "select",
      options: options(OBJECT_SOURCES),
      readOnly: true,
    },
    { name: "hs_object_source_id", label: "Record source ID", type: "string", fieldType: "text", readOnly: true },
    { name: "hs_object_source_detail_1", label: "Record source detail 1", type: "string", fieldType: "text", readOnly: true },
    { name: "hs_object_source_detail_2", label: "Record source detail 2", type: "string", fieldType: "text", readOnly: true },
    { name: "hs_object_source_detail_3", label: "Record source detail 3", type: "string", fieldType: "text", readOnly: true },
    { name: "hs_object_source_user_id", label: "Record source user", type: "number", fieldType: "number", readOnly: true },
    {
      name: "hs_email_bounce",
      label: "Marketing emails bounced",
      type: "number",
      fieldType: "number",
      groupName: "emailinformation",
      readOnly: true,
    },
    {
      name: "hs_email_optout",
      label: "Unsubscribed from all email",
      type: "bool",
      fieldType: "booleancheckbox",
      groupName: "emailinformation",
      options: boolOptions,
      readOnly: true,
    },
    {
      name: "hs_email_last_open_date",
      label: "Last marketing email open date",
      type: "datetime",
      fieldType: "date",
      groupName: "emailinformation",
      readOnly: true,
    },
    {
      name: "hs_last_sales_activity_timestamp",
      label: "Last Engagement Date",
      type: "datetime",
      fieldType: "date",
      groupName: "sales_properties",
      readOnly: true,
    },
  ] satisfies Spec[]
).map((spec, i) => define(spec, i));

export const BUILT_IN_BY_NAME = new Map(BUILT_IN_PROPERTIES.map((p) => [p.name, p]));

/** Properties every contact response carries even when none were requested (HubSpot's defaults). */
export const DEFAULT_PROPERTIES = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"] as const;

const iso = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null);
const flag = (b: boolean): string => (b ? "true" : "false");
const nonZero = (ms: number): number | null => (ms > 0 ? ms : null);

/** Properties held in a record's fixed fields; all others live in `extra`. */
export const FIXED_ACCESSORS: Readonly<Record<string, PropertyAccessor>> = {
  email: { get: (c) => c.email, set: (c, v) => void (c.email = v) },
  firstname: { get: (c) => c.firstname, set: (c, v) => void (c.firstname = v) },
  lastname: { get: (c) => c.lastname, set: (c, v) => void (c.lastname = v) },
  createdate: { get: (c) => iso(c.createdAt), num: (c) => c.createdAt },
  lastmodifieddate: { get: (c) => iso(c.updatedAt), num: (c) => c.updatedAt },
  hs_object_id: { get: (c) => String(c.id), num: (c) => c.id },
  lifecyclestage: { get: (c) => c.lifecyclestage, set: (c, v) => void (c.lifecyclestage = v) },
  hubspot_owner_id: { get: (c) => c.ownerId, num: (c) => (c.ownerId ? Number(c.ownerId) : null), set: (c, v) => void (c.ownerId = v) },
  hs_marketable_status: { get: (c) => flag(c.marketable) },
  hs_marketable_until_renewal: { get: (c) => flag(c.untilRenewal) },
  hs_marketable_reason_type: { get: (c) => c.reasonType },
  hs_marketable_reason_id: { get: (c) => c.reasonId },
  hs_object_source: { get: (c) => c.source },
  hs_object_source_id: { get: (c) => c.sourceId },
  hs_object_source_label: { get: (c) => c.source },
  hs_object_source_detail_1: { get: (c) => c.sourceDetail1 },
  hs_email_bounce: { get: (c) => (c.bounced ? "1" : null), num: (c) => (c.bounced ? 1 : null) },
  hs_email_optout: { get: (c) => (c.optedOut ? "true" : null) },
  hs_email_last_open_date: { get: (c) => iso(c.lastEmailOpenAt), num: (c) => nonZero(c.lastEmailOpenAt) },
  hs_last_sales_activity_timestamp: { get: (c) => iso(c.lastActivityAt), num: (c) => nonZero(c.lastActivityAt) },
};

const extraAccessors = new Map<string, PropertyAccessor>();

/** The accessor for any property name: fixed fields first, otherwise the record's `extra` bag. */
export function accessor(name: string): PropertyAccessor {
  const fixed = FIXED_ACCESSORS[name];
  if (fixed) return fixed;
  let a = extraAccessors.get(name);
  if (!a) {
    a = {
      get: (c) => c.extra?.[name] ?? null,
      set: (c, v) => {
        if (v === null || v === "") {
          if (c.extra) delete c.extra[name];
          return;
        }
        (c.extra ??= {})[name] = v;
      },
    };
    extraAccessors.set(name, a);
  }
  return a;
}
