import { hrefWith, pageParam, param, type ParamSource } from "~/lib/search-params";

export interface MatrixInput {
  search?: string;
  page: number;
}

/** The matrix's search and page live in the URL (`?q=dental&page=2`); server page and client read them alike. */
export function matrixInputFrom(params: ParamSource): MatrixInput {
  const search = param(params, "q")?.trim().slice(0, 120);
  return { ...(search ? { search } : {}), page: pageParam(params) };
}

export function matrixHref(input: MatrixInput) {
  return hrefWith("/integrations", { q: input.search, page: input.page === 1 ? undefined : input.page });
}
