import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";

import { can, canAnywhere } from "@marketable/permissions";
import { PageHeader } from "@marketable/ui/page-header";

import { PriceTables } from "./price-tables";
import { rollupInputFrom } from "./rollup-input";
import { RollupTable } from "./rollup-table";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "billing.view")) return <Forbidden what="billing" />;
  const agencyWide = can(access.actor, "billing.view");
  // The page the URL asks for (50 portals), the same query the client table makes.
  prefetch(trpc.billing.rollup.queryOptions(rollupInputFrom(await searchParams)));
  if (agencyWide) prefetch(trpc.billing.priceTables.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Billing"
        description="Every client portal's marketing contacts against its tier, where it is heading before renewal, and what it costs."
      />
      <RollupTable />
      {agencyWide ? <PriceTables canManage={can(access.actor, "billing.manage")} /> : null}
    </HydrateClient>
  );
}
