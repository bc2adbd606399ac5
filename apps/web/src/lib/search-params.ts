/** What a page's `searchParams` holds, or the browser's URLSearchParams: read one value by name. */
export type ParamSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** The first value of a query parameter, from a server page's searchParams or the client's. */
export function param(source: ParamSource, name: string): string | undefined {
  if (typeof source.get === "function") return (source as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A page number from the URL: a whole number ≥ 1, anything else is page 1. */
export function pageParam(source: ParamSource): number {
  const page = Number(param(source, "page"));
  return Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}

/** A path with the given query parameters, leaving out empty ones and defaults (undefined). */
export function hrefWith(path: string, params: Record<string, string | number | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
