import { and, asc, count, desc, ilike, or } from "drizzle-orm";
import { z } from "zod";

import { portals, visiblePortalsCondition, type Access, type DbOrTx } from "@marketable/db";
import { canAnywhere } from "@marketable/permissions";

import { rejected } from "../../errors";
import { pageNumber, count as wholeNumber } from "../../validation/primitives";
import { portalSearch } from "../../validation/search";
import { nextRenewalSql } from "../billing/contractDates";
import { escapeLike } from "../likePattern";
import { portalForViewer } from "./portalForViewer";

export const listPortalsInput = z.object({
  search: portalSearch.optional(),
  sort: z
    .enum(["name", "edition", "purchasedTier", "renewalDate", "createdAt"], { message: "Sort by a column of the table" })
    .default("name"),
  direction: z.enum(["asc", "desc"], { message: "Sort ascending or descending" }).default("asc"),
  page: pageNumber.default(1),
  pageSize: wholeNumber({ min: 1, max: 200, unit: "rows" }).default(50),
});
export type ListPortalsInput = z.input<typeof listPortalsInput>;

/** Columns of the contract: sorting by them would tell a viewer without billing what they hold. */
const contractSorts = new Set(["purchasedTier", "renewalDate"]);

/**
 * One page of the portals the caller may see, sorted and filtered in SQL; each portal's contract
 * only where the caller may see billing (`portalForViewer`).
 */
export async function listPortals(db: DbOrTx, access: Access, raw: ListPortalsInput = {}, now: Date = new Date()) {
  const input = listPortalsInput.parse(raw);
  if (contractSorts.has(input.sort) && !canAnywhere(access.actor, "billing.view")) throw rejected("Sort by a column you can see");
  const search = input.search ? `%${escapeLike(input.search)}%` : null;
  const where = and(
    visiblePortalsCondition(access),
    search ? or(ilike(portals.name, search), ilike(portals.domain, search), ilike(portals.hubId, search)) : undefined,
  );
  // "Renewal" sorts by the next contract renewal (what the column shows), not the stored anchor.
  const order = (input.direction === "asc" ? asc : desc)(input.sort === "renewalDate" ? nextRenewalSql(portals, now) : portals[input.sort]);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(portals)
      .where(where)
      .orderBy(order, asc(portals.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ value: count() }).from(portals).where(where),
  ]);
  return {
    items: items.map((portal) => portalForViewer(portal, access.actor, now)),
    total: total?.value ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}
