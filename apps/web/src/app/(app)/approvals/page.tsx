import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";

import { canAnywhere } from "@marketable/permissions";
import { PageHeader } from "@marketable/ui/page-header";

import { ApprovalsInbox } from "./approvals-inbox";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const access = await requireAccess();
  if (!canAnywhere(access.actor, "marketingStatus.approve")) return <Forbidden what="approvals" />;
  prefetch(trpc.statusRequests.inbox.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Approvals"
        description="Marketing-status requests waiting for a decision in every portal you may approve for, oldest first. Approve here, or open one to see all its contacts."
      />
      <ApprovalsInbox />
    </HydrateClient>
  );
}
