import { EDITIONS } from "@marketable/billing";
import { z } from "zod";
import { contractOf } from "../services/billing/contract";
import { portalBilling } from "../services/billing/portalBilling";
import { listPriceTables, priceTableResolver, savePriceTable, setPortalPriceTable } from "../services/billing/priceTables";
import { billingRollup, rollupFilters, rollupSortKeys } from "../services/billing/rollup";
import { renewalPack } from "../services/billing/renewalPack";
import { renewalPackCsv, renewalPackFilename } from "../services/billing/renewalPackCsv";
import { rollupCsv } from "../services/billing/rollupCsv";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";

const rollupInput = z.object({
  sort: z.object({ id: z.enum(rollupSortKeys, { message: "Sort by a column of the roll-up" }), desc: z.boolean() }).optional(),
  search: z.string().trim().max(120, "Keep the search under 120 characters").optional(),
  filter: z.enum(rollupFilters, { message: "Choose a filter" }).optional(),
});

const minor = (what: string) => z.number({ message: `Enter the ${what}` }).int(`The ${what} is in whole minor units (cents)`).min(0, `The ${what} cannot be negative`);

const priceRow = z.object({
  edition: z.enum(EDITIONS as ["starter", "professional", "enterprise"], { message: "Choose Starter, Professional or Enterprise" }),
  term: z.enum(["monthly", "yearly"], { message: "Choose monthly or yearly" }),
  currency: z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code, such as USD"),
  includedContacts: z.number().int("Included contacts is a whole number").min(0, "Included contacts cannot be negative"),
  blockSize: z.number().int("The block size is a whole number").min(1, "A block holds at least one contact"),
  blockPriceMinor: minor("block price"),
  basePriceMinor: minor("base price").optional(),
});

const priceTableInput = z.object({
  tableKey: z.string().trim().regex(/^[a-z0-9-]{3,64}$/, "Use 3-64 lowercase letters, digits and dashes for the table key"),
  name: z.string().trim().min(1, "Name the price table").max(120, "Keep the name under 120 characters"),
  currency: z.string().regex(/^[A-Z]{3}$/, "Use a three-letter currency code, such as USD"),
  effectiveFrom: z.iso.date({ message: "Enter the date as YYYY-MM-DD" }),
  source: z.string().trim().min(1, "Say where these prices come from (a quote, the contract …)").max(500),
  rows: z.array(priceRow).min(1, "A price table needs at least one edition"),
});

export const billingRouter = createTRPCRouter({
  /** Every portal the caller may see billing for (none for roles without billing.view). */
  rollup: agencyProcedure("agency.view")
    .input(rollupInput)
    .query(({ ctx, input }) => billingRollup(ctx.db, ctx.access, input, ctx.clock.now())),
  /** The roll-up as CSV, same filter and order as the table. */
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
    .input(z.object({ priceTableId: z.uuid({ message: "Choose a price table" }).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const result = await setPortalPriceTable(ctx.db, ctx.access, ctx.portal, input, { requestId: ctx.requestId, now: ctx.clock.now() });
      // Prove the contract still prices with the chosen table (currency, edition row).
      const resolve = await priceTableResolver(ctx.db, ctx.access.agency.id);
      contractOf({ ...ctx.portal, priceTableVersion: input.priceTableId }, resolve({ ...ctx.portal, priceTableVersion: input.priceTableId }).table);
      return result;
    }),
});
