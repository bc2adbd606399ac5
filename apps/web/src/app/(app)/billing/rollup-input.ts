import { hrefWith, pageParam, param, type ParamSource } from "~/lib/search-params";
import type { RouterInputs } from "~/trpc/types";

export type RollupInput = RouterInputs["billing"]["rollup"];
type SortKey = NonNullable<RollupInput["sort"]>["id"];
type Filter = NonNullable<RollupInput["filter"]>;

const sortKeys: readonly SortKey[] = ["name", "marketing", "tierLimit", "headroomPct", "crossingDate", "monthlyCost", "savings"];
const filters: readonly Filter[] = ["all", "crossing", "over80", "noUsage"];

/** The roll-up's first view: the portals with the least headroom first. */
export const initialRollupInput = { sort: { id: "headroomPct", desc: false }, filter: "all", page: 1 } satisfies RollupInput;

/**
 * The roll-up's state lives in the URL (`?sort=name&dir=desc&filter=crossing&q=dental&page=2`), so a
 * view can be linked, reloaded and gone back to, and the server renders exactly the page asked for.
 * Server page and client table read it with this one function, so their queries are the same.
 * Unknown values fall back to the first view rather than failing.
 */
export function rollupInputFrom(params: ParamSource): RollupInput {
  const sortId = param(params, "sort") as SortKey | undefined;
  const filter = param(params, "filter") as Filter | undefined;
  const search = param(params, "q")?.trim().slice(0, 120);
  const sort = sortId && sortKeys.includes(sortId) ? { id: sortId, desc: param(params, "dir") === "desc" } : initialRollupInput.sort;
  return {
    sort,
    filter: filter && filters.includes(filter) ? filter : "all",
    ...(search ? { search } : {}),
    page: pageParam(params),
  };
}

/** The roll-up's URL for a state (defaults left out). */
export function rollupHref(input: RollupInput) {
  const sort = input.sort ?? initialRollupInput.sort;
  const isDefaultSort = sort.id === initialRollupInput.sort.id && sort.desc === initialRollupInput.sort.desc;
  return hrefWith("/billing", {
    sort: isDefaultSort ? undefined : sort.id,
    dir: isDefaultSort ? undefined : sort.desc ? "desc" : "asc",
    filter: input.filter === "all" ? undefined : input.filter,
    q: input.search,
    page: input.page === 1 ? undefined : input.page,
  });
}
