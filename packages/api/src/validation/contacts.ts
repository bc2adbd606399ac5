import { z } from "zod";

export const contactStatuses = ["marketing", "nonMarketing", "pendingDemotion"] as const;
export const statusTargets = ["marketing", "nonMarketing"] as const;

const day = z.iso.date({ message: "Enter a date as YYYY-MM-DD" });

/** The contact filters of the Contacts page, also used to choose a request's contacts. */
export const contactFilter = z.object({
  status: z.enum(contactStatuses).optional(),
  source: z.string().trim().min(1).max(64).optional(),
  appId: z.string().trim().min(1).max(64).optional(),
  bounced: z.boolean().optional(),
  optedOut: z.boolean().optional(),
  /** No engagement for at least this many days (or never). */
  noEngagementDays: z.number().int("Enter whole days").min(1, "Enter at least 1 day").max(3650).optional(),
  lifecycleStage: z.string().trim().min(1).max(64).optional(),
  createdFrom: day.optional(),
  createdTo: day.optional(),
  search: z.string().trim().max(200).optional(),
});
export type ContactFilter = z.infer<typeof contactFilter>;

export const contactSorts = ["email", "createdAt", "lastEngagementAt", "lifecycleStage", "objectSource", "marketable"] as const;

export const listContactsInput = z.object({
  filter: contactFilter.default({}),
  sort: z.enum(contactSorts).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

/** How a request's contacts are chosen. */
export const statusSelection = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("filter"), filter: contactFilter }),
  z.object({
    kind: z.literal("csv"),
    text: z.string().trim().min(1, "Paste at least one email or contact id").max(2_000_000, "The pasted list is too long"),
  }),
  z.object({
    kind: z.literal("ids"),
    ids: z.array(z.string().regex(/^\d+$/, "Contact ids are numbers")).min(1, "Select at least one contact").max(10_000, "Select at most 10,000 contacts"),
  }),
]);
export type StatusSelection = z.infer<typeof statusSelection>;

export const statusRequestFields = z.object({
  target: z.enum(statusTargets, { message: "Choose marketing or non-marketing" }),
  selection: statusSelection,
});

export const createStatusRequestInput = statusRequestFields.extend({
  reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500, "Keep the reason under 500 characters"),
});

export const guardrailSettingsInput = z.object({
  approvalSizeThreshold: z.number().int("Enter a whole number").min(1, "Enter at least 1").max(10_000_000).nullable(),
  approvalCostThresholdMinor: z.number().int("Enter an amount in cents").min(0, "Enter 0 or more").max(1_000_000_000).nullable(),
  approvalTtlHours: z.number().int("Enter whole hours").min(1, "At least 1 hour").max(24 * 30, "At most 30 days"),
});
