import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";

import { can, canAnywhere } from "@marketable/permissions";
import { Button } from "@marketable/ui/button";
import { PageHeader } from "@marketable/ui/page-header";

import { initialPortalsQuery } from "./portals-query";
import { PortalsTable } from "./portals-table";

export const metadata: Metadata = { title: "Portals" };

export default async function PortalsPage() {
  const access = await requireAccess();
  prefetch(trpc.portals.list.queryOptions(initialPortalsQuery));
  return (
    <HydrateClient>
      <PageHeader
        title="Portals"
        description={
          canAnywhere(access.actor, "billing.view")
            ? "Client HubSpot portals you can see, with their Marketing Hub contracts."
            : "Client HubSpot portals you can see."
        }
        actions={
          can(access.actor, "portal.connect") ? (
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href="/portals/connect">Connect a HubSpot portal</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/portals/import">Import a list</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/portals/new">Add manually</Link>
              </Button>
            </div>
          ) : null
        }
      />
      <PortalsTable showContract={canAnywhere(access.actor, "billing.view")} />
    </HydrateClient>
  );
}
