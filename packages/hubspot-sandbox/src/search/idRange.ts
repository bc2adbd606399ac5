import { type ContactStore } from "../state/contactStore";

/**
 * The slice [start, end) of a portal's id-ordered records that a search can match: when the query
 * has one filter group, its bounds on hs_object_id narrow the scan (HubSpot's search is indexed;
 * scanning every record per query made the sandbox, not the client, the cost of paging a big
 * portal by id). `onlyIdBounds`: the filters say no more than the slice, so a live record in it
 * matches without checking them (counting a query's total no longer checks every filter per record).
 */
export function idRange(store: ContactStore, filterGroups: unknown): { start: number; end: number; onlyIdBounds: boolean } {
  let lo = -Infinity;
  let hi = Infinity; // exclusive
  const groups = Array.isArray(filterGroups) ? (filterGroups as { filters?: unknown }[]) : [];
  const filters = groups.length === 1 && Array.isArray(groups[0]?.filters) ? (groups[0].filters as Record<string, unknown>[]) : [];
  // Whether the bounds are all the filters say: then every live record in the slice matches.
  let onlyIdBounds = groups.length === 0 || (groups.length === 1 && filters.length > 0);
  for (const f of filters) {
    const v = Number(f.value);
    if (f.propertyName !== "hs_object_id" || !Number.isInteger(v) || !["GT", "GTE", "LT", "LTE", "EQ"].includes(String(f.operator))) {
      onlyIdBounds = false; // compileFilterGroups checks it (and refuses a bad value in words)
      continue;
    }
    if (f.operator === "GT") lo = Math.max(lo, v + 1);
    else if (f.operator === "GTE") lo = Math.max(lo, v);
    else if (f.operator === "LT") hi = Math.min(hi, v);
    else if (f.operator === "LTE") hi = Math.min(hi, v + 1);
    else if (f.operator === "EQ") [lo, hi] = [Math.max(lo, v), Math.min(hi, v + 1)];
  }
  const start = lo === -Infinity ? 0 : store.lowerBound(lo);
  const end = hi === Infinity ? store.records.length : store.lowerBound(hi);
  return { start, end: Math.max(start, end), onlyIdBounds };
}
