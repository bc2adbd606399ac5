import { z } from "zod";

import { calendarDay, currencyCode, text } from "./primitives";

export const editions = ["starter", "professional", "enterprise"] as const;
export const billingTerms = ["monthly", "yearly"] as const;
export const updateDateRules = ["renewal_day", "first_of_month"] as const;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** HubSpot's rule: monthly terms update on the renewal day, yearly terms on the 1st. */
export function updateDateRuleFor(term: (typeof billingTerms)[number]) {
  return term === "monthly" ? "renewal_day" : "first_of_month";
}

/** The fields of a portal record and its Marketing Hub contract, as a form submits them. */
export const portalFields = z.object({
  name: text({ min: 1, max: 120, tooShort: "Give the portal a name", tooLong: "Keep the name under 120 characters" }),
  domain: text({ max: 253, tooLong: "A domain has at most 253 characters" })
    .regex(/^$|^[a-z0-9.-]+\.[a-z]{2,}$/i, "Enter a domain such as client.com")
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
  hubId: text({ max: 12, tooLong: "A HubSpot hub id is a number" })
    .regex(/^$|^\d{1,12}$/, "A HubSpot hub id is a number")
    .optional()
    .transform((v) => v || undefined),
  timeZone: text({ min: 1, max: 64, tooShort: "Choose a time zone", tooLong: "Choose a valid time zone, such as Europe/Paris" }).refine(
    isTimeZone,
    "Choose a valid time zone, such as Europe/Paris",
  ),
  currency: currencyCode(),
  edition: z.enum(editions, { message: "Choose Starter, Professional or Enterprise" }),
  purchasedTier: z.coerce
    .number({ message: "Enter the number of marketing contacts purchased" })
    .int("The tier is a whole number of contacts")
    .min(1, "The tier must be at least 1 contact")
    .max(100_000_000, "That tier is larger than any HubSpot sells"),
  billingTerm: z.enum(billingTerms, { message: "Choose monthly or yearly" }),
  renewalDate: calendarDay("Enter the renewal date as YYYY-MM-DD"),
});

export const createPortalInput = portalFields;
export type CreatePortalInput = z.input<typeof createPortalInput>;

export const updatePortalInput = portalFields.partial();
