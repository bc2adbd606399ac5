import { TRPCError } from "@trpc/server";
import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageHeader } from "@marketable/ui/page-header";

import { PortalApps } from "./portal-apps";

export const metadata: Metadata = { title: "Portal integrations" };

export default async function PortalIntegrationsPage({ params }: { params: Promise<{ portalId: string }> }) {
  await requireAccess();
  const { portalId } = await params;
  let name: string;
  try {
    name = (await (await serverCaller()).integrations.portal({ portalId })).portal.name;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Forbidden what="this portal's integrations" />;
    throw error;
  }
  prefetch(trpc.integrations.portal.queryOptions({ portalId }));
  return (
    <HydrateClient>
      <PageHeader
        title={`${name}: integrations`}
        description="Apps that create contacts in this portal, what the agency wants, and what HubSpot does."
      />
      <PortalApps portalId={portalId} />
    </HydrateClient>
  );
}
