import { type FastifyInstance, type FastifyReply } from "fastify";

import { type SandboxContext } from "../context";
import { archiveContact, createContact, updateContact, validateWritableProperties } from "../rules/contactWrites";
import { sourceForGrant } from "../rules/sources";
import { propertyList, toApiContact, type ApiContact } from "../serialize";
import { type ContactRecord } from "../state/contact";
import { HubSpotError, validationError } from "../util/errors";
import { authed, bodyOf, findContact, propertiesObject } from "./requestHelpers";

const READ = { scope: "crm.objects.contacts.read" };
const WRITE = { scope: "crm.objects.contacts.write" };
export const BATCH_LIMIT = 100;

interface StandardError {
  status: "error";
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: { message: string; code?: string }[];
  links: Record<string, string>;
}

function inputsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  const inputs = body.inputs;
  if (!Array.isArray(inputs)) throw validationError("Invalid input JSON on line 1: inputs must be an array");
  if (inputs.length > BATCH_LIMIT) {
    throw validationError(`Batch input limit exceeded: ${inputs.length} inputs, at most ${BATCH_LIMIT} are allowed.`, {
      context: { inputs: [String(inputs.length)] },
    });
  }
  return inputs.map((i) => (i && typeof i === "object" ? (i as Record<string, unknown>) : {}));
}

function notFoundError(ids: string[]): StandardError {
  return {
    status: "error",
    category: "OBJECT_NOT_FOUND",
    message: "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.",
    context: { ids },
    errors: [],
    links: {},
  };
}

function fromHubSpotError(e: HubSpotError, id?: string): StandardError {
  return {
    status: "error",
    category: e.body.category,
    message: e.body.message,
    context: id ? { ids: [id] } : {},
    errors: [],
    links: {},
  };
}

/** HubSpot's batch envelope: 200/201 when all went well, 207 with `errors` otherwise. */
function batchReply<T>(reply: FastifyReply, okStatus: number, results: T[], errors: StandardError[], startedAt: Date): unknown {
  const body: Record<string, unknown> = {
    status: "COMPLETE",
    results,
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
  if (errors.length > 0) {
    body.errors = errors;
    body.numErrors = errors.length;
    reply.code(207);
  } else {
    reply.code(okStatus);
  }
  return body;
}

function idOf(input: Record<string, unknown>): string {
  const id = input.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : "";
}

/** Contacts v3 batch endpoints: read, create, update, upsert, archive (100 inputs a call). */
export function batchRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post("/crm/v3/objects/contacts/batch/read", { config: READ }, async (request, reply) => {
    const startedAt = new Date();
    const { portal } = authed(request);
    const body = bodyOf(request);
    const inputs = inputsOf(body);
    const props = propertyList(Array.isArray(body.properties) ? body.properties.map(String) : undefined);
    const archived = body.archived === true;
    const results: ApiContact[] = [];
    const missing: string[] = [];
    const seen = new Set<number>();
    for (const input of inputs) {
      const id = idOf(input);
      const c = findContact(portal, id, body.idProperty, archived);
      if (!c) missing.push(id);
      else if (!seen.has(c.id)) {
        seen.add(c.id);
        results.push(toApiContact(c, props));
      }
    }
    return batchReply(reply, 200, results, missing.length > 0 ? [notFoundError(missing)] : [], startedAt);
  });

  app.post("/crm/v3/objects/contacts/batch/create", { config: WRITE }, async (request, reply) => {
    const startedAt = new Date();
    const { portal, grant } = authed(request);
    const inputs = inputsOf(bodyOf(request));
    // HubSpot validates every input before writing any.
    const propsList = inputs.map((i) => propertiesObject(i.properties));
    for (const props of propsList) validateWritableProperties(portal, props);
    const src = sourceForGrant(ctx.state, portal, grant);
    const results: ApiContact[] = [];
    const errors: StandardError[] = [];
    for (const props of propsList) {
      try {
        const c = createContact(ctx.state, portal, props, src);
        results.push(toApiContact(c, propertyList(Object.keys(props))));
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        errors.push(fromHubSpotError(e));
      }
    }
    return batchReply(reply, 201, results, errors, startedAt);
  });

  app.post("/crm/v3/objects/contacts/batch/update", { config: WRITE }, async (request, reply) => {
    const startedAt = new Date();
    const { portal, grant } = authed(request);
    const inputs = inputsOf(bodyOf(request));
    for (const i of inputs) validateWritableProperties(portal, propertiesObject(i.properties));
    const results: ApiContact[] = [];
    const errors: StandardError[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = idOf(input);
      const props = propertiesObject(input.properties);
      const c = findContact(portal, id, input.idProperty);
      if (!c) {
        missing.push(id);
        continue;
      }
      try {
        updateContact(ctx.state, portal, c, props, "INTEGRATION", grant.appId);
        results.push(toApiContact(c, propertyList(Object.keys(props))));
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        errors.push(fromHubSpotError(e, id));
      }
    }
    if (missing.length > 0) errors.unshift(notFoundError(missing));
    return batchReply(reply, 200, results, errors, startedAt);
  });

  app.post("/crm/v3/objects/contacts/batch/upsert", { config: WRITE }, async (request, reply) => {
    const startedAt = new Date();
    const { portal, grant } = authed(request);
    const inputs = inputsOf(bodyOf(request));
    for (const i of inputs) validateWritableProperties(portal, propertiesObject(i.properties));
    const src = sourceForGrant(ctx.state, portal, grant);
    const results: (ApiContact & { new: boolean })[] = [];
    const errors: StandardError[] = [];
    for (const input of inputs) {
      const id = idOf(input);
      const idProperty = typeof input.idProperty === "string" ? input.idProperty : "hs_object_id";
      const props = propertiesObject(input.properties);
      try {
        let c: ContactRecord | undefined = findContact(portal, id, idProperty);
        let created = false;
        if (c) {
          updateContact(ctx.state, portal, c, props, "INTEGRATION", grant.appId);
        } else if (idProperty === "email") {
          c = createContact(ctx.state, portal, { ...props, email: id }, src);
          created = true;
        } else {
          errors.push(notFoundError([id]));
          continue;
        }
        results.push({ ...toApiContact(c, propertyList(Object.keys(props))), new: created });
      } catch (e) {
        if (!(e instanceof HubSpotError)) throw e;
        errors.push(fromHubSpotError(e, id));
      }
    }
    return batchReply(reply, 200, results, errors, startedAt);
  });

  app.post("/crm/v3/objects/contacts/batch/archive", { config: WRITE }, async (request, reply) => {
    const { portal, grant } = authed(request);
    for (const input of inputsOf(bodyOf(request))) {
      const c = findContact(portal, idOf(input), undefined);
      if (c) archiveContact(ctx.state, portal, c, "INTEGRATION", grant.appId);
    }
    return reply.code(204).send();
  });
}
