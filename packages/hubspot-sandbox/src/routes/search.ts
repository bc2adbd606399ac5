import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { propertyDefinition } from "../rules/contactWrites";
import { compileFilterGroups, compileQuery } from "../search/filters";
import { idRange } from "../search/idRange";
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

    const { start, end, onlyIdBounds } = idRange(portal.contacts, body.filterGroups);
    const matchesQuery =
      onlyIdBounds && !query
        ? (c: ContactRecord) => c.archivedAt === 0
        : (c: ContactRecord) => c.archivedAt === 0 && (!filter || filter(c)) && (!query || query(c));
    const records = portal.contacts.records;
    const props = propertyList(Array.isArray(body.properties) ? body.properties.map(String) : undefined);
    const sort = sorts[0];

    /** The page [offset, offset + limit) of `total` matches (within the cap), the i-th from `at`. */
    const page = (total: number, at: (i: number) => ContactRecord) => {
      const last = Math.min(offset + limit, total, SEARCH_RESULT_CAP);
      const results = [];
      for (let i = offset; i < last; i++) results.push(toApiContact(at(i), props));
      if (last < total) return { total, results, paging: { next: { after: String(last) } } };
      return { total, results };
    };

    if (!sort || sort.propertyName === "hs_object_id") {
      // In the records' own (id) order: count the matches, keep only the page's, no sorting.
      const descending = sort?.direction === "DESCENDING";
      const kept: ContactRecord[] = [];
      const keepBelow = Math.min(offset + limit, SEARCH_RESULT_CAP);
      let total = 0;
      for (let k = 0; k < end - start; k++) {
        const c = records[descending ? end - 1 - k : start + k]!;
        if (!matchesQuery(c)) continue;
        if (total >= offset && total < keepBelow) kept.push(c);
        total++;
      }
      return page(total, (i) => kept[i - offset]!);
    }

    const matches: ContactRecord[] = [];
    for (let i = start; i < end; i++) if (matchesQuery(records[i]!)) matches.push(records[i]!);
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
    return page(keyed.length, (i) => keyed[i]!.c);
  });
}
