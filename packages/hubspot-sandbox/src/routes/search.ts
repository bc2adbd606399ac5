import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { propertyDefinition } from "../rules/contactWrites";
import { compileFilterGroups, compileQuery } from "../search/filters";
import { propertyList, toApiContact } from "../serialize";
import { type ContactRecord } from "../state/contact";
import { accessor } from "../state/properties";
import { validationError } from "../util/errors";
import { authed, bodyOf } from "./requestHelpers";

/** HubSpot's search never returns more than 10,000 results for one query. */
export const SEARCH_RESULT_CAP = 10_000;
export const SEARCH_MAX_LIMIT = 200;

interface Sort {
  propertyName: string;
  direction: "ASCENDING" | "DESCENDING";
}

function parseSorts(raw: unknown): Sort[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationError("sorts must be an array");
  return raw.map((s: unknown) => {
    // Accepts {propertyName, direction} and the legacy "-createdate" / "createdate" strings.
    if (typeof s === "string") {
      return s.startsWith("-") ? { propertyName: s.slice(1), direction: "DESCENDING" } : { propertyName: s, direction: "ASCENDING" };
    }
    const o = s as { propertyName?: unknown; direction?: unknown };
    if (typeof o.propertyName !== "string") throw validationError("each sort needs a propertyName");
    return { propertyName: o.propertyName, direction: o.direction === "DESCENDING" ? "DESCENDING" : "ASCENDING" };
  });
}

/** POST /crm/v3/objects/contacts/search: filterGroups, sorts, query, total, offset paging, the 10,000 cap. */
export function searchRoutes(app: FastifyInstance, _ctx: SandboxContext): void {
  app.post("/crm/v3/objects/contacts/search", { config: { scope: "crm.objects.contacts.read", search: true } }, async (request) => {
    const { portal } = authed(request);
    const body = bodyOf(request);
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
      throw validationError(`limit must be between 1 and ${SEARCH_MAX_LIMIT}, got ${String(body.limit)}`);
    }
    const offset = body.after === undefined || body.after === null || body.after === "" ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0) throw validationError(`Invalid after: ${String(body.after)}`);
    if (offset >= SEARCH_RESULT_CAP) {
      throw validationError(
        `The search results are limited to ${SEARCH_RESULT_CAP} records; paging past result ${SEARCH_RESULT_CAP} (after=${offset}) is not allowed. Narrow the query instead.`,
        { subCategory: "PublicObjectSearchRequestValidationError.RESULT_LIMIT_EXCEEDED" },
      );
    }
    const filter = compileFilterGroups(portal, body.filterGroups);
    const query = compileQuery(body.query);
    const sorts = parseSorts(body.sorts);

    let matches: ContactRecord[] = [];
    for (const c of portal.contacts.records) {
      if (c.archivedAt !== 0) continue;
      if (filter && !filter(c)) continue;
      if (query && !query(c)) continue;
      matches.push(c);
    }
    const sort = sorts[0];
    if (sort && sort.propertyName !== "hs_object_id") {
      const a = accessor(sort.propertyName);
      const def = propertyDefinition(portal, sort.propertyName);
      const dir = sort.direction === "DESCENDING" ? -1 : 1;
      const numeric = a.num && (def?.type === "number" || def?.type === "datetime" || def?.type === "date");
      const keyed = matches.map((c) => ({ c, k: numeric ? a.num!(c) : (a.get(c)?.toLowerCase() ?? null) }));
      keyed.sort((x, y) => {
        // Records without a value sort last either way; ties keep id order (stable paging).
        if (x.k === null || y.k === null) return x.k === y.k ? x.c.id - y.c.id : x.k === null ? 1 : -1;
        if (x.k < y.k) return -dir;
        if (x.k > y.k) return dir;
        return x.c.id - y.c.id;
      });
      matches = keyed.map((e) => e.c);
    } else if (sort?.direction === "DESCENDING") {
      matches.reverse();
    }
    const total = matches.length;
    const end = Math.min(offset + limit, total, SEARCH_RESULT_CAP);
    const props = propertyList(Array.isArray(body.properties) ? body.properties.map(String) : undefined);
    const results = matches.slice(offset, end).map((c) => toApiContact(c, props));
    if (end < total) return { total, results, paging: { next: { after: String(end) } } };
    return { total, results };
  });
}
