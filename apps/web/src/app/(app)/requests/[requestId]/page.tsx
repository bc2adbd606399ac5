import { requireVisibleRequest } from "~/server/visible-request";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";

import { RequestView } from "./request-view";

export const metadata: Metadata = { title: "Status request" };

/** One status request, at a URL to paste into a client thread. */
export default async function RequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const { portal, requestId } = await requireVisibleRequest((await params).requestId);
  prefetch(trpc.statusRequests.detail.queryOptions({ portalId: portal.id, requestId }));
  prefetch(trpc.statusRequests.contacts.queryOptions({ portalId: portal.id, requestId }));
  return (
    <HydrateClient>
      <RequestView portalId={portal.id} requestId={requestId} />
    </HydrateClient>
  );
}
