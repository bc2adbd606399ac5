import { can, canAnywhere } from "@marketable/permissions";
import { EmptyState } from "@marketable/ui/empty-state";
import { PageHeader } from "@marketable/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/forbidden";
import { requireAccess, requireVisiblePortal } from "~/server/guards";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { StatusRequestsList } from "./status-requests-list";

export const metadata: Metadata = { title: "Status requests" };

/** Without `?portal=`: pick a portal. With it: that portal's marketing-status requests, each linking to its page. */
export default async function RequestsPage({ searchParams }: { searchParams: Promise<{ portal?: string }> }) {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "contacts.view")) return <Forbidden what="status requests" />;
  const { portal: portalId } = await searchParams;
  if (!portalId) {
    const { items } = await (await serverCaller()).portals.list({ pageSize: 200 });
    const portals = items.filter((p) => can(access.actor, "contacts.view", p.id));
    return (
      <>
        <PageHeader title="Status requests" description="Choose a portal to see its marketing-status requests." />
        {portals.length === 0 ? (
          <EmptyState title="No portals to show" description="Portals you are given access to appear here." />
        ) : (
          <nav aria-label="Portals">
            <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {portals.map((p) => (
                <li key={p.id}>
                  <Link className="block rounded-md border p-3 font-medium hover:bg-accent" href={`/requests?portal=${p.id}`}>
                    {p.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
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
        description="Marketing-status requests of this portal, newest first. Open one for its contacts, cost, progress and history."
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
