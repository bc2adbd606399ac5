import { GatewayTransport } from "./gatewayTransport";
import type { ContactPage } from "./gatewayTypes";
import { CONTACT_PROPERTIES, toContactRecord, type HubSpotContact } from "./mapping";
import { contactsPageSchema, parseResponse, searchPageSchema } from "./responses";

/** A search page holds up to 200 contacts; a list page 100. */
export const SEARCH_PAGE_LIMIT = 200;

/**
 * The two ways a full sync reads a portal's contacts in pages, both read raw (no SDK models): the
 * list in ascending id order and a search over an id range in descending order. A full sync of a
 * big portal runs both at once towards each other (services/sync/fullSyncPages.ts): a search page
 * brings 200 contacts for one call of the rate limit, a list page 100.
 */
export class ContactPagesTransport extends GatewayTransport {
  /** One page of contacts in id order (`GET /crm/v3/objects/contacts`). */
  async listContactsPage(
    input: { after?: string; limit?: number; properties?: readonly string[]; archived?: boolean } = {},
  ): Promise<ContactPage> {
    const qs: Record<string, string> = {
      limit: String(input.limit ?? 100),
      properties: (input.properties ?? CONTACT_PROPERTIES).join(","),
      archived: String(input.archived ?? false),
    };
    if (input.after) qs.after = input.after;
    const res = parseResponse(
      contactsPageSchema,
      await this.rawJson("contacts.getPage", "GET", "/crm/v3/objects/contacts", { qs }),
      "contacts.getPage",
    );
    const raw: HubSpotContact[] = res.results;
    return { contacts: raw.map(toContactRecord), raw, nextAfter: res.paging?.next?.after };
  }

  /**
   * The highest-id contacts with an id strictly between `above` and `below` (either open), newest
   * id first (`POST .../search`, one page, no offset: the caller narrows `below` to go on, so
   * HubSpot's 10,000-results-a-query cap never applies). Draws on the search limit as well.
   */
  async searchContactsByIdDescending(input: { below?: string; above?: string; limit?: number }): Promise<ContactPage> {
    const filters: { propertyName: string; operator: string; value: string }[] = [];
    if (input.below) filters.push({ propertyName: "hs_object_id", operator: "LT", value: input.below });
    if (input.above) filters.push({ propertyName: "hs_object_id", operator: "GT", value: input.above });
    const body = {
      filterGroups: filters.length > 0 ? [{ filters }] : [],
      sorts: [{ propertyName: "hs_object_id", direction: "DESCENDING" }],
      properties: [...CONTACT_PROPERTIES],
      limit: input.limit ?? SEARCH_PAGE_LIMIT,
    };
    const res = parseResponse(
      searchPageSchema,
      await this.rawJson("contacts.searchByIds", "POST", "/crm/v3/objects/contacts/search", { body, kind: "search" }),
      "contacts.searchByIds",
    );
    const raw: HubSpotContact[] = res.results;
    return { contacts: raw.map(toContactRecord), raw };
  }
}
