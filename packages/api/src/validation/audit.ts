import { z } from "zod";

import { instant, recordId, text } from "./primitives";

export const auditFilters = z.object({
  action: text({ max: 100, tooLong: "Keep the action to 100 characters or fewer" }).optional(),
  portalId: recordId("Choose a portal").optional(),
  // Part of an address is a fine filter, so this is text rather than an email address.
  actorEmail: text({ max: 254, tooLong: "An email address has at most 254 characters" }).optional(),
  /** One record's entries (a status request's, from its page). */
  targetId: recordId("Choose a record").optional(),
  from: instant("Enter the start date as YYYY-MM-DD").optional(),
  to: instant("Enter the end date as YYYY-MM-DD").optional(),
});
