import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { BUILT_IN_PROPERTIES, type PropertyDefinition } from "../state/properties";
import { errorBody, HubSpotError, notFound, validationError } from "../util/errors";
import { authed, bodyOf, paramOf } from "./requestHelpers";

const CONTACT_TYPES = new Set(["contacts", "contact", "0-1"]);

function checkObjectType(objectType: string): void {
  if (!CONTACT_TYPES.has(objectType)) throw notFound(`Unable to infer object type from: ${objectType}`);
}

/** Properties v3 for contacts: HubSpot's built-ins (with read-only metadata) plus custom ones. */
export function propertyRoutes(app: FastifyInstance, _ctx: SandboxContext): void {
  app.get("/crm/v3/properties/:objectType", { config: { scope: "crm.schemas.contacts.read" } }, async (request) => {
    const { portal } = authed(request);
    checkObjectType(paramOf(request, "objectType"));
    return { results: [...BUILT_IN_PROPERTIES, ...portal.customProperties.values()] };
  });

  app.get("/crm/v3/properties/:objectType/:propertyName", { config: { scope: "crm.schemas.contacts.read" } }, async (request) => {
    const { portal } = authed(request);
    checkObjectType(paramOf(request, "objectType"));
    const name = paramOf(request, "propertyName");
    const def = BUILT_IN_PROPERTIES.find((p) => p.name === name) ?? portal.customProperties.get(name);
    if (!def) throw notFound(`Unable to find property ${name} on object type 0-1`);
    return def;
  });

  app.post("/crm/v3/properties/:objectType", { config: { scope: "crm.schemas.contacts.write" } }, async (request, reply) => {
    const { portal } = authed(request);
    checkObjectType(paramOf(request, "objectType"));
    const b = bodyOf(request);
    const name = typeof b.name === "string" ? b.name : "";
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw validationError(`Invalid property name: ${name}`);
    if (BUILT_IN_PROPERTIES.some((p) => p.name === name) || portal.customProperties.has(name)) {
      throw new HubSpotError(409, errorBody("OBJECT_ALREADY_EXISTS", `Property already exists: ${name}`));
    }
    const now = new Date(portal.contacts.records.length > 0 ? Date.now() : Date.now()).toISOString();
    const def: PropertyDefinition = {
      name,
      label: typeof b.label === "string" ? b.label : name,
      type: (typeof b.type === "string" ? b.type : "string") as PropertyDefinition["type"],
      fieldType: typeof b.fieldType === "string" ? b.fieldType : "text",
      groupName: typeof b.groupName === "string" ? b.groupName : "contactinformation",
      description: typeof b.description === "string" ? b.description : "",
      options: Array.isArray(b.options) ? (b.options as PropertyDefinition["options"]) : [],
      displayOrder: typeof b.displayOrder === "number" ? b.displayOrder : -1,
      hasUniqueValue: b.hasUniqueValue === true,
      hidden: b.hidden === true,
      formField: b.formField !== false,
      hubspotDefined: false,
      calculated: false,
      externalOptions: false,
      archived: false,
      createdAt: now,
      updatedAt: now,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    };
    portal.customProperties.set(name, def);
    reply.code(201);
    return def;
  });
}
