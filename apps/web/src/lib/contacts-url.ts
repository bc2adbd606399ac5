import { contactFilter, contactSorts, type ContactFilter } from "@marketable/api/validation";

/**
 * The Contacts page's view (filter, sort, page, page size) as a query string, so reload, back,
 * bookmarks and shared links give the same view, and every figure elsewhere can link to exactly
 * the contacts it counts. Pure: used by server pages (links) and the client view alike.
 */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type SortKey = (typeof contactSorts)[number];
export type Direction = "asc" | "desc";
export interface ContactsViewState {
  filter: ContactFilter;
  sort: SortKey;
  direction: Direction;
  page: number;
  pageSize: number;
}

export const DEFAULT_VIEW: Omit<ContactsViewState, "filter"> = { sort: "createdAt", direction: "desc", page: 1, pageSize: 50 };

/** Filter field → query parameter; short words, since people read and share these URLs. */
const PARAM = {
  status: "status",
  source: "source",
  appId: "app",
  bounced: "bounced",
  optedOut: "optedOut",
  noEngagementDays: "idle",
  lifecycleStage: "stage",
  createdFrom: "from",
  createdTo: "to",
  search: "q",
  recommendation: "recommendation",
} as const satisfies Record<keyof ContactFilter, string>;
type FilterKey = keyof typeof PARAM;
const FILTER_KEYS = Object.keys(PARAM) as FilterKey[];
const BOOLEAN: ReadonlySet<FilterKey> = new Set(["bounced", "optedOut"]);
const NUMBER: ReadonlySet<FilterKey> = new Set(["noEngagementDays"]);

/** Reads a view; a parameter that is not a valid value is ignored (a hand-edited URL still opens). */
export function readContactsView(params: URLSearchParams): ContactsViewState {
  const filter: ContactFilter = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(PARAM[key]);
    if (raw === null || raw === "") continue;
    const value = BOOLEAN.has(key) ? (raw === "yes" ? true : raw === "no" ? false : undefined) : NUMBER.has(key) ? Number(raw) : raw;
    const parsed = contactFilter.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
  }
  const sort = contactSorts.find((s) => s === params.get("sort")) ?? DEFAULT_VIEW.sort;
  const direction = params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : DEFAULT_VIEW.direction;
  const page = Number(params.get("page"));
  const size = Number(params.get("size"));
  return {
    filter,
    sort,
    direction,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : DEFAULT_VIEW.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_VIEW.pageSize,
  };
}

/** The query string of a view (defaults left out), with `portal` first. */
export function contactsQuery(portalId: string, view: Partial<ContactsViewState>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ portal: portalId });
  const filter = view.filter ?? {};
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || value === "") continue;
    params.set(PARAM[key], typeof value === "boolean" ? (value ? "yes" : "no") : String(value));
  }
  if (view.sort && view.sort !== DEFAULT_VIEW.sort) params.set("sort", view.sort);
  if (view.direction && view.direction !== DEFAULT_VIEW.direction) params.set("dir", view.direction);
  if (view.page && view.page !== DEFAULT_VIEW.page) params.set("page", String(view.page));
  if (view.pageSize && view.pageSize !== DEFAULT_VIEW.pageSize) params.set("size", String(view.pageSize));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** A link to a portal's contacts matching `filter`. */
export function contactsHref(portalId: string, filter: ContactFilter = {}, extra: Record<string, string> = {}): string {
  return `/contacts?${contactsQuery(portalId, { filter }, extra)}`;
}

/** The Contacts page opened on `filter` with the status request dialog open for non-marketing. */
export function requestNonMarketingHref(portalId: string, filter: ContactFilter): string {
  return contactsHref(portalId, filter, { request: "nonMarketing" });
}

/** Two filters select the same contacts when they have the same fields and values. */
export function sameFilter(a: ContactFilter, b: ContactFilter): boolean {
  return FILTER_KEYS.every((key) => (a[key] ?? undefined) === (b[key] ?? undefined));
}

/** A filter's conditions that are set (a field left empty narrows nothing): none means every contact. */
export function setConditions(filter: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== "");
}
