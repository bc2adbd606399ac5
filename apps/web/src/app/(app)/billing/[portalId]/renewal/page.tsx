import { TRPCError } from "@trpc/server";
import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Button } from "@marketable/ui/button";
import { PageHeader } from "@marketable/ui/page-header";

import { PrintButton } from "./print-button";
import { RenewalDocument } from "./renewal-document";

export const metadata: Metadata = { title: "Renewal pack" };

/**
 * The renewal pack: a read-only document rendered entirely on the server (billing.view, checked
 * by the procedure), with print styles that leave only the document on paper.
 */
export default async function RenewalPackPage({ params }: { params: Promise<{ portalId: string }> }) {
  await requireAccess();
  const { portalId } = await params;
  let pack;
  try {
    pack = await (await serverCaller()).billing.renewalPack({ portalId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Forbidden what="billing" />;
    throw error;
  }
  return (
    <article className="print:text-black">
      <PageHeader
        eyebrow={
          <Link href={`/billing/${portalId}`} className="underline-offset-4 hover:underline print:hidden">
            {pack.portal.name}: billing
          </Link>
        }
        title={`${pack.portal.name}: renewal pack`}
        description="Usage over the review window, the changes made through Marketable, and the case for a lower contact tier at renewal. HubSpot never lowers a tier by itself: it has to be requested before the renewal."
        actions={
          <div className="flex gap-2 print:hidden">
            <PrintButton />
            <Button variant="outline" asChild>
              <a href={`/billing/${portalId}/renewal/csv`} download>
                Download CSV
              </a>
            </Button>
          </div>
        }
      />
      <RenewalDocument pack={pack} />
    </article>
  );
}
