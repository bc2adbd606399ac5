import type { DbOrTx, Portal } from "@marketable/db";

import { pageOf } from "../paging";
import { byName, integrationsMatrix } from "./portalIntegrations";

export interface MatrixPageInput {
  /** Part of a portal's name, any case. */
  search?: string;
  page?: number;
  pageSize?: number;
}

/** Portal rows a matrix page holds unless asked otherwise: 500 portals × apps is too big a page. */
export const MATRIX_PAGE_SIZE = 50;

/**
 * One page of the Integrations matrix: the matching portals by name, their cells, and, over every
 * matching portal, the apps (so the columns stay put from page to page) and the drift count.
 */
export async function integrationsMatrixPage(db: DbOrTx, visible: Portal[], input: MatrixPageInput | undefined, now: Date) {
  const search = input?.search?.trim().toLowerCase();
  const matching = search ? visible.filter((p) => p.name.toLowerCase().includes(search)) : visible;
  const page = pageOf(byName(matching), input?.page ?? 1, input?.pageSize ?? MATRIX_PAGE_SIZE);
  const onPage = new Set(page.rows.map((p) => p.id));
  const matrix = await integrationsMatrix(db, matching, now, onPage);
  return {
    portals: page.rows,
    apps: matrix.apps,
    cells: matrix.cells,
    driftCount: matrix.driftCount,
    matched: page.matched,
    page: page.page,
    pageSize: page.pageSize,
    pageCount: page.pageCount,
  };
}
