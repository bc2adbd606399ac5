import { TRPCError } from "@trpc/server";
import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { fetchQuery, HydrateClient, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Button } from "@marketable/ui/button";
import { PageHeader } from "@marketable/ui/page-header";

import { PortalBilling } from "./portal-billing";

export const metadata: Metadata = { title: "Portal billing" };

export default async function PortalBillingPage({ params }: { params: Promise<{ portalId: string }> }) {
  await requireAccess();
  const { portalId } = await params;
  let name: string;
  try {
    // One call: the guard's answer is the data the client component hydrates.
    name = (await fetchQuery(trpc.billing.portal.queryOptions({ portalId }))).portal.name;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Forbidden what="billing" />;
    throw error;
  }
  return (
    <HydrateClient>
      <PageHeader
        eyebrow={
          <Link href="/billing" className="underline-offset-4 hover:underline">
            Billing
          </Link>
        }
        title={`${name}: billing`}
        description="Usage against the contact tier, the projection to renewal, and what would change it. What-if changes are never saved."
        actions={
          <Button variant="outline" asChild>
            <Link href={`/billing/${portalId}/renewal`}>Renewal pack</Link>
          </Button>
        }
      />
      <PortalBilling portalId={portalId} />
    </HydrateClient>
  );
}
