import { z } from "zod";

import { EDITIONS } from "@marketable/billing";

import { contractOf } from "../services/billing/contract";
import { portalBilling } from "../services/billing/portalBilling";
import { listPriceTables, priceTableResolver, savePriceTable, setPortalPriceTable } from "../services/billing/priceTables";
import { renewalPack } from "../services/billing/renewalPack";
import { renewalPackCsv, renewalPackFilename } from "../services/billing/renewalPackCsv";
import { billingRollup, rollupFilters, rollupSortKeys } from "../services/billing/rollup";
import { rollupCsv } from "../services/billing/rollupCsv";
import { pageOf } from "../services/paging";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { blockPriceMinor, blockSize, includedContacts } from "../validation/billing";
import { calendarDay, count, currencyCode, moneyMinor, pageNumber, recordId, text } from "../validation/primitives";
import { rollupSearch } from "../validation/search";

const rollupInput = z.object({
  sort: z
    .object(
      {
        id: z.enum(rollupSortKeys, { message: "Sort by a column of the roll-up" }),
        desc: z.boolean({ message: "Sort ascending or descending" }),
      },
      { message: "Sort by a column of the roll-up" },
    )
    .optional(),
  search: rollupSearch.optional(),
  filter: z.enum(rollupFilters, { message: "Choose a filter" }).optional(),
});

/** Rows a roll-up page holds unless asked otherwise: the page stays small at 500 portals. */
const ROLLUP_PAGE_SIZE = 50;
const rollupPageInput = rollupInput.extend({
  page: pageNumber.optional(),
  pageSize: count({ min: 1, max: 200, unit: "rows" }).optional(),
});

const priceRow = z.object({
  edition: z.enum(EDITIONS as ["starter", "professional", "enterprise"], { message: "Choose Starter, Professional or Enterprise" }),
  term: z.enum(["monthly", "yearly"], { message: "Choose monthly or yearly" }),
  currency: currencyCode(),
  includedContacts,
  blockSize,
  blockPriceMinor,
  basePriceMinor: moneyMinor("base price").optional(),
});

const priceTableInput = z.object({
  tableKey: text({ max: 64, tooLong: "Use 3-64 lowercase letters, digits and dashes for the table key" }).regex(
    /^[a-z0-9-]{3,64}$/,
    "Use 3-64 lowercase letters, digits and dashes for the table key",
  ),
  name: text({ min: 1, max: 120, tooShort: "Name the price table", tooLong: "Keep the name under 120 characters" }),
  currency: currencyCode(),
  effectiveFrom: calendarDay("Enter the date as YYYY-MM-DD"),
  source: text({
    min: 1,
    max: 500,
    tooShort: "Say where these prices come from (a quote, the contract …)",
    tooLong: "Keep the source under 500 characters",
  }),
  // Three editions by two terms, with room for a few currencies' rows.
  rows: z
    .array(priceRow, { message: "Add the editions' prices" })
    .min(1, "A price table needs at least one edition")
    .max(60, "A price table has at most 60 rows"),
});

export const billingRouter = createTRPCRouter({
  /**
   * One page of the portals the caller may see billing for (none for roles without billing.view);
   * the totals and counts cover every portal that matches the search and filter, not just the page.
   */
  rollup: agencyProcedure("agency.view")
    .input(rollupPageInput)
    .query(async ({ ctx, input: { page = 1, pageSize = ROLLUP_PAGE_SIZE, ...input } }) => {
      const rollup = await billingRollup(ctx.db, ctx.access, input, ctx.clock.now());
      return { ...rollup, ...pageOf(rollup.rows, page, pageSize) };
    }),
  /** The roll-up as CSV: every matching portal (not one page), same filter and order as the table. */
  rollupCsv: agencyProcedure("agency.view")
    .input(rollupInput)
    .query(async ({ ctx, input }) => {
      const { rows } = await billingRollup(ctx.db, ctx.access, input, ctx.clock.now());
      return { csv: rollupCsv(rows), rows: rows.length };
    }),
  portal: portalProcedure("billing.view").query(({ ctx }) => portalBilling(ctx.db, ctx.access, ctx.portal, ctx.clock.now())),
  /** The renewal pack: history, changes and the case for a lower tier at renewal (read-only). */
  renewalPack: portalProcedure("billing.view").query(({ ctx }) => renewalPack(ctx.db, ctx.access, ctx.portal, ctx.clock.now())),
  /** The renewal pack as one CSV of titled sections, built from the same data as the page. */
  renewalPackCsv: portalProcedure("billing.view").query(async ({ ctx }) => {
    const pack = await renewalPack(ctx.db, ctx.access, ctx.portal, ctx.clock.now());
    return { csv: renewalPackCsv(pack), filename: renewalPackFilename(pack) };
  }),
  priceTables: agencyProcedure("billing.view").query(async ({ ctx }) => ({
    tables: await listPriceTables(ctx.db, ctx.access.agency.id),
  })),
  savePriceTable: agencyProcedure("billing.manage")
    .input(priceTableInput)
    .mutation(({ ctx, input }) => savePriceTable(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  setPortalPriceTable: portalProcedure("billing.manage")
    .input(z.object({ priceTableId: recordId("Choose a price table").nullable() }))
    .mutation(async ({ ctx, input }) => {
      const result = await setPortalPriceTable(ctx.db, ctx.access, ctx.portal, input, { requestId: ctx.requestId, now: ctx.clock.now() });
      // Prove the contract still prices with the chosen table (currency, edition row).
      const resolve = await priceTableResolver(ctx.db, ctx.access.agency.id);
      contractOf(
        { ...ctx.portal, priceTableVersion: input.priceTableId },
        resolve({ ...ctx.portal, priceTableVersion: input.priceTableId }).table,
      );
      return result;
    }),
});
