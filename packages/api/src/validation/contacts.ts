import { z } from "zod";

import { calendarDay, count, hubspotId, pageNumber, text } from "./primitives";

/** "marketable": marketing or pending demotion (what HubSpot counts as marketing today). */
export const contactStatuses = ["marketing", "nonMarketing", "pendingDemotion", "marketable"] as const;
export const statusTargets = ["marketing", "nonMarketing"] as const;
/** The billing page's non-marketing candidates; each is also a contact filter, so a link's count is the page's. */
export const recommendationKinds = ["hard_bounced", "opted_out", "no_engagement", "policy_no_app", "duplicate_email"] as const;

const day = calendarDay("Enter a date as YYYY-MM-DD");
/** Source codes, app ids and lifecycle stages are HubSpot's short identifiers. */
const facet = (what: string) => text({ min: 1, max: 64, tooShort: `Choose a ${what}`, tooLong: `A ${what} has at most 64 characters` });

/** The contact filters of the Contacts page, also used to choose a request's contacts. */
export const contactFilter = z.object({
  status: z.enum(contactStatuses, { message: "Choose marketing, non-marketing or pending demotion" }).optional(),
  source: facet("source").optional(),
  appId: facet("app").optional(),
  bounced: z.boolean().optional(),
  optedOut: z.boolean().optional(),
  /** No engagement for at least this many days (or never). */
  noEngagementDays: count({ min: 1, max: 3650, unit: "days", notWhole: "Enter whole days", tooSmall: "Enter at least 1 day" }).optional(),
  lifecycleStage: facet("lifecycle stage").optional(),
  createdFrom: day.optional(),
  createdTo: day.optional(),
  search: text({ max: 200, tooLong: "Keep the search to 200 characters or fewer" }).optional(),
  /** The contacts a billing recommendation counts (demotable marketing contacts of that kind). */
  recommendation: z.enum(recommendationKinds, { message: "Choose a recommendation" }).optional(),
});
export type ContactFilter = z.infer<typeof contactFilter>;

export const contactSorts = ["email", "createdAt", "lastEngagementAt", "lifecycleStage", "objectSource", "marketable"] as const;

export const listContactsInput = z.object({
  filter: contactFilter.default({}),
  sort: z.enum(contactSorts, { message: "Sort by a column of the table" }).default("createdAt"),
  direction: z.enum(["asc", "desc"], { message: "Sort ascending or descending" }).default("desc"),
  page: pageNumber.default(1),
  pageSize: count({ min: 1, max: 200, unit: "rows" }).default(50),
});

/** How a request's contacts are chosen. */
export const statusSelection = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("filter"), filter: contactFilter }),
    z.object({
      kind: z.literal("csv"),
      text: text({ min: 1, max: 2_000_000, tooShort: "Paste at least one email or contact id", tooLong: "The pasted list is too long" }),
    }),
    z.object({
      kind: z.literal("ids"),
      ids: z
        .array(hubspotId("Contact ids are numbers"))
        .min(1, "Select at least one contact")
        .max(10_000, "Select at most 10,000 contacts"),
    }),
  ],
  { message: "Choose contacts by filter, pasted list or selection" },
);
export type StatusSelection = z.infer<typeof statusSelection>;

export const statusRequestFields = z.object({
  target: z.enum(statusTargets, { message: "Choose marketing or non-marketing" }),
  selection: statusSelection,
});

export const createStatusRequestInput = statusRequestFields.extend({
  reason: text({ min: 3, max: 500, tooShort: "Say why (at least 3 characters)", tooLong: "Keep the reason under 500 characters" }),
  /** The count typed by the person when the preview asked for it (whole portal, or over the agency's share). */
  confirmCount: z
    .int("Type the number of contacts")
    .min(0, "Type the number of contacts")
    .max(10_000_000, "Type the number of contacts")
    .optional(),
});

export const guardrailSettingsInput = z.object({
  approvalSizeThreshold: z.int("Enter a whole number").min(1, "Enter at least 1").max(10_000_000, "Enter at most 10,000,000").nullable(),
  approvalCostThresholdMinor: z
    .int("Enter an amount in cents")
    .min(0, "Enter 0 or more")
    .max(1_000_000_000, "Enter at most 10,000,000.00")
    .nullable(),
  approvalTtlHours: z
    .int("Enter whole hours")
    .min(1, "At least 1 hour")
    .max(24 * 30, "At most 30 days"),
  /** Omitted: the saved share is kept. */
  confirmSharePercent: z.int("Enter a whole percentage").min(1, "Enter at least 1 %").max(100, "Enter at most 100 %").optional(),
});
