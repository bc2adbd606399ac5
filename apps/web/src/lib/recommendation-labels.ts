import type { ContactFilter } from "@marketable/api/validation";

/** The billing page's recommendations, as the Contacts page and a request's summary name them. */
export const RECOMMENDATIONS: { value: NonNullable<ContactFilter["recommendation"]>; label: string }[] = [
  { value: "hard_bounced", label: "Hard bounced" },
  { value: "opted_out", label: "Unsubscribed from all email" },
  { value: "no_engagement", label: "No engagement for 180 days" },
  { value: "policy_no_app", label: "Created by apps whose policy is “no”" },
  { value: "duplicate_email", label: "Duplicate email (all but the oldest)" },
];
