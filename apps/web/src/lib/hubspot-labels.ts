/**
 * HubSpot's option labels for the two enumerations the Contacts page shows. The portal's own
 * labels (read from its properties API at sync, `contacts.facets`' `labels`) win: a portal can
 * rename lifecycle stages or add its own. These are HubSpot's defaults, for a portal not yet read.
 */
export const DEFAULT_SOURCE_LABELS: Readonly<Record<string, string>> = {
  ANALYTICS: "Analytics",
  API: "API",
  AUTOMATION_PLATFORM: "Workflows",
  CRM_UI: "CRM UI",
  EMAIL_INTEGRATION: "Email integration",
  FORM: "Form",
  IMPORT: "Import",
  INTEGRATION: "Integration",
  MEETINGS: "Meetings",
  MOBILE_ANDROID: "Mobile Android",
  MOBILE_IOS: "Mobile iOS",
  SALES: "Sales",
  WORKFLOWS: "Workflows",
};

export const DEFAULT_STAGE_LABELS: Readonly<Record<string, string>> = {
  subscriber: "Subscriber",
  lead: "Lead",
  marketingqualifiedlead: "Marketing Qualified Lead",
  salesqualifiedlead: "Sales Qualified Lead",
  opportunity: "Opportunity",
  customer: "Customer",
  evangelist: "Evangelist",
  other: "Other",
};

export interface PropertyLabels {
  source: Record<string, string>;
  lifecycleStage: Record<string, string>;
}

/** A readable label for a code: the portal's, else HubSpot's default, else the code made readable. */
export function labelOf(labels: Record<string, string> | undefined, defaults: Readonly<Record<string, string>>, code: string): string {
  return labels?.[code] ?? defaults[code] ?? readable(code);
}

function readable(code: string): string {
  const words = code.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type Labeller = { source: (code: string) => string; lifecycleStage: (code: string) => string };

export function labeller(labels: Partial<PropertyLabels> | undefined): Labeller {
  return {
    source: (code) => labelOf(labels?.source, DEFAULT_SOURCE_LABELS, code),
    lifecycleStage: (code) => labelOf(labels?.lifecycleStage, DEFAULT_STAGE_LABELS, code),
  };
}
