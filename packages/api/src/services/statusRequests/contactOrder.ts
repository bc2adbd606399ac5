import { asc, sql } from "drizzle-orm";

import { statusRequestContacts } from "@marketable/db";

/**
 * A request's contacts in HubSpot id order. The ids are numbers kept as text: shorter first, then
 * by text, is numeric order ("88" before "374" before "1062"; by text alone 1062 came first).
 */
export const byHubspotId = [asc(sql`length(${statusRequestContacts.hubspotId})`), asc(statusRequestContacts.hubspotId)] as const;
