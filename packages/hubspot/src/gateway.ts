import type { Client } from "@hubspot/api-client";

import { ContactPagesTransport } from "./contactPages";
import type { AccountDetails, HubSpotImport, ImportRowError, PartnerClient, SearchPage } from "./gatewayTypes";
import { marketingStatusImportRequest } from "./importRequest";
import { CONTACT_PROPERTIES, toContactRecord, type ContactRecord, type HubSpotContact } from "./mapping";
import { accountDetailsSchema, importsPageSchema, parseResponse, partnerClientsPageSchema, propertySchema } from "./responses";

type SearchRequest = Parameters<Client["crm"]["contacts"]["searchApi"]["doSearch"]>[0];

/** Search filters compare dates as epoch milliseconds (strings). */
const ms = (d: Date): string => String(d.getTime());

/**
 * The one way the product talks to one HubSpot portal. Every call takes a token from the portal's
 * shared limiter, is retried by the policy of RequestExecutor and uses a fresh access token.
 *
 * Each gateway has its own `Client`, created with `basePath` and WITHOUT the SDK's
 * `limiterOptions`/`numberOfApiCallRetries`: those are process-wide in @hubspot/api-client, so
 * with many portals in one process they would mix (docs/hubspot.md).
 */
export class PortalGateway extends ContactPagesTransport {
  /**
   * One page of contacts modified in [since, until), ascending by `lastmodifieddate`. HubSpot's
   * search allows one sort; ties come back in a stable order. `after` is an offset that HubSpot
   * refuses at 10,000: use walkContactsModified() for ranges that may hold more.
   */
  async searchContactsModifiedSince(input: {
    since: Date;
    until?: Date;
    after?: string;
    limit?: number;
    properties?: readonly string[];
  }): Promise<SearchPage> {
    const filters = [{ propertyName: "lastmodifieddate", operator: "GTE", value: ms(input.since) }];
    if (input.until) filters.push({ propertyName: "lastmodifieddate", operator: "LT", value: ms(input.until) });
    return this.search({
      filterGroups: [{ filters }],
      sortBy: "lastmodifieddate",
      after: input.after,
      limit: input.limit,
      properties: input.properties,
    });
  }

  /** Contacts modified exactly at `at` with an id above `afterId`, by id (the walker's tie breaker). */
  async searchContactsModifiedAt(input: {
    at: Date;
    afterId?: string;
    after?: string;
    limit?: number;
    properties?: readonly string[];
  }): Promise<SearchPage> {
    const filters = [{ propertyName: "lastmodifieddate", operator: "EQ", value: ms(input.at) }];
    if (input.afterId) filters.push({ propertyName: "hs_object_id", operator: "GT", value: input.afterId });
    return this.search({
      filterGroups: [{ filters }],
      sortBy: "hs_object_id",
      after: input.after,
      limit: input.limit,
      properties: input.properties,
    });
  }

  private async search(input: {
    filterGroups: { filters: { propertyName: string; operator: string; value: string }[] }[];
    sortBy: string;
    after?: string;
    limit?: number;
    properties?: readonly string[];
  }): Promise<SearchPage> {
    const request = {
      filterGroups: input.filterGroups,
      // The SDK types sorts as strings; HubSpot documents (and the sandbox accepts) the object form.
      sorts: [{ propertyName: input.sortBy, direction: "ASCENDING" }],
      properties: [...(input.properties ?? CONTACT_PROPERTIES)],
      limit: input.limit ?? 200,
      after: input.after ?? "0",
    } as unknown as SearchRequest; // operators are the SDK's string enum, which it does not export
    const res = await this.executor.run("contacts.search", "search", (t) =>
      this.client(t).crm.contacts.searchApi.doSearchWithHttpInfo(request).then(this.seen),
    );
    const raw = res.results as HubSpotContact[];
    return { contacts: raw.map(toContactRecord), raw, total: res.total, nextAfter: res.paging?.next?.after };
  }

  /** Reads contacts by id, 100 a call (`POST .../batch/read`); ids HubSpot does not know are left out. */
  async getContactsByIds(ids: readonly string[], properties: readonly string[] = CONTACT_PROPERTIES): Promise<ContactRecord[]> {
    const out: ContactRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const inputs = ids.slice(i, i + 100).map((id) => ({ id }));
      const res = await this.executor.run("contacts.batchRead", "default", (t) =>
        this.client(t)
          .crm.contacts.batchApi.readWithHttpInfo({ inputs, properties: [...properties], propertiesWithHistory: [] }, false)
          .then(this.seen),
      );
      out.push(...(res.results as HubSpotContact[]).map(toContactRecord));
    }
    return out;
  }

  /** `GET /account-info/v3/details` (not in the SDK: raw request, status handled here). */
  async getAccountDetails(): Promise<AccountDetails> {
    const body = parseResponse(
      accountDetailsSchema,
      await this.rawJson("account.details", "GET", "/account-info/v3/details"),
      "account.details",
    );
    const name = body.portalName?.trim() || null;
    return {
      hubId: String(body.portalId),
      timeZone: body.timeZone,
      currency: body.companyCurrency,
      uiDomain: body.uiDomain,
      accountType: body.accountType,
      name,
    };
  }

  /** A contact property's option labels (`GET /crm/v3/properties/contacts/{name}`), in HubSpot's order. */
  async getPropertyOptions(name: string): Promise<{ value: string; label: string; displayOrder: number }[]> {
    const body = parseResponse(
      propertySchema,
      await this.rawJson("properties.get", "GET", `/crm/v3/properties/contacts/${encodeURIComponent(name)}`),
      "properties.get",
    );
    return body.options.map((o, i) => ({ value: o.value, label: o.label, displayOrder: o.displayOrder ?? i }));
  }

  /** The agency's client portals (`GET /crm/v3/objects/partner_clients`, every page). */
  async listPartnerClients(): Promise<PartnerClient[]> {
    const out: PartnerClient[] = [];
    let after: string | undefined;
    do {
      const qs: Record<string, string> = {
        limit: "100",
        properties: "hs_client_portal_id,hs_client_name,hs_client_domain,hs_client_hub_tier",
      };
      if (after) qs.after = after;
      const page = parseResponse(
        partnerClientsPageSchema,
        await this.rawJson("partnerClients.list", "GET", "/crm/v3/objects/partner_clients", { qs }),
        "partnerClients.list",
      );
      for (const r of page.results) {
        out.push({
          id: r.id,
          hubId: String(r.properties.hs_client_portal_id ?? ""),
          name: r.properties.hs_client_name ?? null,
          domain: r.properties.hs_client_domain ?? null,
          hubTier: r.properties.hs_client_hub_tier ?? null,
        });
      }
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  /**
   * Starts an import that sets existing contacts to marketing or non-marketing (the only supported
   * way to change the status: docs/hubspot.md). `UPDATE` only, so no contact is created by mistake.
   * Identifies contacts by email or by record id. Returns the import id.
   */
  async createMarketingStatusImport(input: {
    emails?: readonly string[];
    ids?: readonly string[];
    marketable: boolean;
    name: string;
  }): Promise<string> {
    const { csv, fileName, importRequest } = marketingStatusImportRequest(input);
    const res = await this.executor.run("imports.create", "default", (t) =>
      this.client(t)
        .crm.imports.coreApi.createWithHttpInfo({ data: Buffer.from(csv, "utf8"), name: fileName }, JSON.stringify(importRequest))
        .then(this.seen),
    );
    return String(res.id);
  }

  async getImport(importId: string): Promise<HubSpotImport> {
    const res = await this.executor.run("imports.get", "default", (t) =>
      this.client(t).crm.imports.coreApi.getByIdWithHttpInfo(Number(importId)).then(this.seen),
    );
    return {
      id: String(res.id),
      state: String(res.state),
      name: res.importName ?? null,
      counters: res.metadata?.counters ?? {},
      createdAt: res.createdAt ?? null,
      updatedAt: res.updatedAt ?? null,
    };
  }

  /**
   * The import named `name`, if one exists (`GET /crm/v3/imports`, every page). Imports have no
   * idempotency key, so a caller that crashed between creating an import and recording its id
   * finds it again by the unique name it gave it.
   */
  async findImportByName(name: string): Promise<HubSpotImport | null> {
    let after: string | undefined;
    do {
      const qs: Record<string, string> = { limit: "100" };
      if (after) qs.after = after;
      const page = parseResponse(importsPageSchema, await this.rawJson("imports.list", "GET", "/crm/v3/imports", { qs }), "imports.list");
      const found = page.results.find((r) => r.importName === name);
      if (found) {
        return {
          id: String(found.id),
          state: String(found.state),
          name: found.importName ?? null,
          counters: found.metadata?.counters ?? {},
          createdAt: found.createdAt ? new Date(found.createdAt) : null,
          updatedAt: found.updatedAt ? new Date(found.updatedAt) : null,
        };
      }
      after = page.paging?.next?.after;
    } while (after);
    return null;
  }

  /** Every row error of an import (all pages). */
  async getImportErrors(importId: string): Promise<ImportRowError[]> {
    const out: ImportRowError[] = [];
    let after: string | undefined;
    do {
      const res = await this.executor.run("imports.errors", "default", (t) =>
        this.client(t).crm.imports.publicImportsApi.getErrorsWithHttpInfo(Number(importId), after, 100, true, false).then(this.seen),
      );
      for (const e of res.results) {
        out.push({
          errorType: String(e.errorType),
          message: e.errorMessage ?? null,
          invalidValue: e.invalidValue ?? null,
          lineNumber: e.sourceData?.lineNumber ?? null,
        });
      }
      after = res.paging?.next?.after;
    } while (after);
    return out;
  }
}
