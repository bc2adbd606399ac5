import { TRPCError } from "@trpc/server";
import { Forbidden } from "~/components/forbidden";
import { PortalPicker } from "~/components/portal-picker";
import { requireAccess } from "~/server/guards";
import { fetchQuery, HydrateClient, serverCaller, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { can, canAnywhere } from "@marketable/permissions";
import { PageHeader } from "@marketable/ui/page-header";

import { ContactsView } from "./contacts-view";

export const metadata: Metadata = { title: "Contacts" };

/** Without `?portal=`: pick a portal. With it: that portal's contacts, requests and approvals. */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ portal?: string }> }) {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "contacts.view")) return <Forbidden what="contacts" />;
  const { portal: portalId } = await searchParams;
  if (!portalId) {
    return (
      <>
        <PageHeader
          title="Contacts"
          description={
            canAnywhere(access.actor, "marketingStatus.request")
              ? "Choose a portal to see its synced contacts and request marketing-status changes."
              : "Choose a portal to see its synced contacts."
          }
        />
        <PortalPicker path="/contacts" details />
      </>
    );
  }
  const caller = await serverCaller();
  let portal: Awaited<ReturnType<typeof caller.portals.get>>["portal"];
  try {
    // Both guard (404, forbidden) side by side; the facets are fetched into the render's query
    // client, so the table hydrates them without the procedure running a second time.
    [{ portal }] = await Promise.all([caller.portals.get({ portalId }), fetchQuery(trpc.contacts.facets.queryOptions({ portalId }))]);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Forbidden what="this portal's contacts" />;
    throw error;
  }
  return (
    <HydrateClient>
      <PageHeader
        title={`${portal.name}: contacts`}
        description={
          can(access.actor, "marketingStatus.request", portalId)
            ? "Synced contacts with their marketing status. Filter, export, and request status changes with a cost preview."
            : "Synced contacts with their marketing status. Filter and export; status changes are requested by the agency's team."
        }
        eyebrow={
          <Link className="underline-offset-4 hover:underline" href="/contacts">
            All portals
          </Link>
        }
      />
      {/* Requests live on their own pages (progress, contacts, history); approvals in the inbox. */}
      <p className="mb-4 flex flex-wrap gap-x-4 text-sm">
        <Link className="underline underline-offset-4" href={`/requests?portal=${portalId}`}>
          This portal&apos;s status requests
        </Link>
        {can(access.actor, "marketingStatus.approve", portalId) ? (
          <Link className="underline underline-offset-4" href="/approvals">
            Approvals inbox
          </Link>
        ) : null}
      </p>
      <ContactsView portalId={portalId} portalName={portal.name} />
    </HydrateClient>
  );
}
