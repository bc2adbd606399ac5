import { Forbidden } from "~/components/forbidden";
import { PortalPicker } from "~/components/portal-picker";
import { requireAccess, requireVisiblePortal } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";

import { can, canAnywhere } from "@marketable/permissions";
import { PageHeader } from "@marketable/ui/page-header";

import { StatusRequestsList } from "./status-requests-list";

export const metadata: Metadata = { title: "Status requests" };

/** Without `?portal=`: pick a portal. With it: that portal's marketing-status requests, each linking to its page. */
export default async function RequestsPage({ searchParams }: { searchParams: Promise<{ portal?: string }> }) {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "contacts.view")) return <Forbidden what="status requests" />;
  const { portal: portalId } = await searchParams;
  if (!portalId) {
    return (
      <>
        <PageHeader title="Status requests" description="Choose a portal to see its marketing-status requests." />
        <PortalPicker path="/requests" />
      </>
    );
  }
  const { portal } = await requireVisiblePortal(portalId);
  if (!can(access.actor, "contacts.view", portal.id)) return <Forbidden what="this portal's status requests" />;
  prefetch(trpc.statusRequests.list.queryOptions({ portalId: portal.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={`${portal.name}: status requests`}
        description={`Marketing-status requests of this portal, newest first. Open one for its contacts, ${can(access.actor, "billing.view", portal.id) ? "cost, " : ""}progress and history.`}
        eyebrow={
          <Link className="underline-offset-4 hover:underline" href={`/contacts?portal=${portal.id}`}>
            {portal.name}: contacts
          </Link>
        }
      />
      <StatusRequestsList portalId={portal.id} />
    </HydrateClient>
  );
}
