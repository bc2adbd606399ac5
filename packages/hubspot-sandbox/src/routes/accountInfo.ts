import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { DAY_MS } from "../state/clock";
import type { Portal } from "../state/portal";
import { authed, intParam, queryOf } from "./requestHelpers";

type Owner = Portal["owners"][number];

/** An owner as the Owners v3 API returns it (PublicOwner in the OpenAPI spec). */
function publicOwner(o: Owner) {
  return {
    id: o.id,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    type: "PERSON",
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.createdAt).toISOString(),
    archived: false,
    teams: [],
  };
}

/** Owners v3, account-info v3 (details, private-app API usage) and partner clients v3. */
export function accountRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get("/crm/v3/owners", { config: { scope: "crm.objects.owners.read" } }, async (request) => {
    const { portal } = authed(request);
    const q = queryOf(request);
    const limit = Math.min(500, Math.max(1, intParam(q.limit, 100, "limit")));
    const after = intParam(q.after, 0, "after");
    const email = typeof q.email === "string" ? q.email.toLowerCase() : undefined;
    const owners = portal.owners.filter((o) => !email || o.email.toLowerCase() === email);
    const page = owners.slice(after, after + limit).map(publicOwner);
    const next = after + limit < owners.length ? { paging: { next: { after: String(after + limit) } } } : {};
    return { results: page, ...next };
  });

  app.get("/crm/v3/owners/:ownerId", { config: { scope: "crm.objects.owners.read" } }, async (request, reply) => {
    const { portal } = authed(request);
    const id = (request.params as { ownerId: string }).ownerId;
    const o = portal.owners.find((x) => x.id === id);
    if (!o)
      return reply
        .code(404)
        .send({ status: "error", message: "Owner not found", correlationId: crypto.randomUUID(), category: "OBJECT_NOT_FOUND" });
    return publicOwner(o);
  });

  app.get("/account-info/v3/details", { config: { scope: "oauth" } }, async (request) => {
    const { portal } = authed(request);
    return {
      portalId: portal.hubId,
      // The account's name, as in HubSpot's published example of this response.
      portalName: portal.name,
      accountType: "STANDARD",
      timeZone: portal.timeZone,
      companyCurrency: portal.currency,
      additionalCurrencies: [],
      utcOffset: "+00:00",
      utcOffsetMilliseconds: 0,
      uiDomain: "app.hubspot.com",
      dataHostingLocation: "na1",
    };
  });

  app.get("/account-info/v3/api-usage/daily/private-apps", { config: { scope: "oauth" } }, async (request) => {
    const { portal } = authed(request);
    const now = ctx.state.now();
    const limits = ctx.limiter.limitsFor(portal.hubId, portal.edition);
    return {
      results: [
        {
          name: "private-apps-api-calls-daily",
          usageLimit: limits.daily,
          // The daily limit is the account's, shared by all of its private apps: so is the usage.
          currentUsage: ctx.limiter.accountDailyUsage(portal.hubId, now),
          collectedAt: new Date(now).toISOString(),
          fetchStatus: "SUCCESS",
          resetsAt: new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS).toISOString(),
        },
      ],
    };
  });

  // The agency's partner portal sees its clients; any other portal has none.
  app.get("/crm/v3/objects/partner_clients", { config: { scope: "crm.objects.partner-clients.read" } }, async (request) => {
    const { portal } = authed(request);
    const q = queryOf(request);
    const limit = Math.min(100, Math.max(1, intParam(q.limit, 10, "limit")));
    const after = intParam(q.after, 0, "after");
    const clients =
      portal.hubId === ctx.state.agency.partnerHubId ? [...ctx.state.portals.values()].filter((p) => p.hubId !== portal.hubId) : [];
    const page = clients.slice(after, after + limit).map((p) => {
      const created = new Date(p.createdAt).toISOString();
      return {
        id: String(p.hubId),
        properties: {
          hs_object_id: String(p.hubId),
          hs_client_portal_id: String(p.hubId),
          hs_client_name: p.name,
          hs_client_domain: p.domain,
          hs_client_hub_tier: p.edition.toUpperCase(),
          hs_createdate: created,
          hs_lastmodifieddate: created,
        },
        createdAt: created,
        updatedAt: created,
        archived: false,
      };
    });
    const next = after + limit < clients.length ? { paging: { next: { after: String(after + limit) } } } : {};
    return { results: page, ...next };
  });
}
