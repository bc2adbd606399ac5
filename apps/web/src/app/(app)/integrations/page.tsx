import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";

import { can, canAnywhere } from "@marketable/permissions";
import { Button } from "@marketable/ui/button";
import { PageHeader } from "@marketable/ui/page-header";

import { IntegrationsMatrix } from "./integrations-matrix";
import { matrixInputFrom } from "./matrix-input";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "integrations.view")) return <Forbidden what="integrations" />;
  // The page the URL asks for (50 portals), the same query the client matrix makes.
  prefetch(trpc.integrations.matrix.queryOptions(matrixInputFrom(await searchParams)));
  return (
    <HydrateClient>
      <PageHeader
        title="Integrations"
        description="Which connected apps create marketing contacts in each client portal, the agency's policy, and where HubSpot's switch disagrees (drift)."
        actions={
          can(access.actor, "integrations.managePolicy") ? (
            <Button asChild variant="outline">
              <Link href="/integrations/policies">Agency-wide policies</Link>
            </Button>
          ) : null
        }
      />
      <IntegrationsMatrix />
    </HydrateClient>
  );
}
