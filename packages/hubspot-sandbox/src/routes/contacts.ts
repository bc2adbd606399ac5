import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { archiveContact, createContact, updateContact, validateWritableProperties } from "../rules/contactWrites";
import { sourceForGrant } from "../rules/sources";
import { parseList, propertyList, toApiContact } from "../serialize";
import { authed, baseUrl, bodyOf, findContact, flag, intParam, paramOf, propertiesObject, queryOf, requireContact } from "./requestHelpers";

const READ = { scope: "crm.objects.contacts.read" };
const WRITE = { scope: "crm.objects.contacts.write" };

/** Contacts v3 basic endpoints: list (cursor paging), get, create, update, archive. */
export function contactRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get("/crm/v3/objects/contacts", { config: READ }, async (request) => {
    const { portal } = authed(request);
    const q = queryOf(request);
    // HubSpot serves at most 100 a page; larger limits are clamped.
    const limit = Math.min(100, Math.max(1, intParam(q.limit, 10, "limit")));
    const afterId = intParam(q.after, 0, "after");
    const archived = flag(q.archived);
    const props = propertyList(parseList(q.properties));
    const records = portal.contacts.records;
    const results = [];
    let i = portal.contacts.lowerBound(afterId);
    for (; i < records.length && results.length < limit; i++) {
      const c = records[i]!;
      if ((c.archivedAt !== 0) !== archived) continue;
      results.push(toApiContact(c, props));
    }
    // Only announce a next page when one exists.
    let nextId: number | undefined;
    for (; i < records.length; i++) {
      const c = records[i]!;
      if ((c.archivedAt !== 0) === archived) {
        nextId = c.id;
        break;
      }
    }
    if (nextId === undefined) return { results };
    const after = String(nextId);
    return { results, paging: { next: { after, link: `${baseUrl(request)}/crm/v3/objects/contacts?after=${after}` } } };
  });

  app.get("/crm/v3/objects/contacts/:contactId", { config: READ }, async (request) => {
    const { portal } = authed(request);
    const q = queryOf(request);
    const c = requireContact(portal, paramOf(request, "contactId"), q.idProperty, flag(q.archived));
    return toApiContact(c, propertyList(parseList(q.properties)));
  });

  app.post("/crm/v3/objects/contacts", { config: WRITE }, async (request, reply) => {
    const { portal, grant } = authed(request);
    const props = propertiesObject(bodyOf(request).properties);
    validateWritableProperties(portal, props);
    const c = createContact(ctx.state, portal, props, sourceForGrant(ctx.state, portal, grant));
    reply.code(201);
    return toApiContact(c, propertyList(Object.keys(props)));
  });

  app.patch("/crm/v3/objects/contacts/:contactId", { config: WRITE }, async (request) => {
    const { portal, grant } = authed(request);
    const props = propertiesObject(bodyOf(request).properties);
    validateWritableProperties(portal, props);
    const c = requireContact(portal, paramOf(request, "contactId"), queryOf(request).idProperty);
    updateContact(ctx.state, portal, c, props, "INTEGRATION", grant.appId);
    return toApiContact(c, propertyList(Object.keys(props)));
  });

  app.delete("/crm/v3/objects/contacts/:contactId", { config: WRITE }, async (request, reply) => {
    const { portal, grant } = authed(request);
    const c = findContact(portal, paramOf(request, "contactId"), undefined);
    // HubSpot answers 204 whether or not the contact still existed.
    if (c) archiveContact(ctx.state, portal, c, "INTEGRATION", grant.appId);
    return reply.code(204).send();
  });
}
