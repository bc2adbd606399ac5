import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";

import { PageHeader } from "@marketable/ui/page-header";

import { InviteForm } from "./invite-form";
import { MembersList } from "./members-list";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { allowed, access } = await checkAgencyPermission("members.manage");
  if (!allowed) return <Forbidden what="managing the team" />;
  prefetch(trpc.members.list.queryOptions());
  prefetch(trpc.portals.list.queryOptions({ pageSize: 200 }));
  return (
    <HydrateClient>
      <PageHeader title="Team" description="Who can see and change what, in every client portal." />
      <div className="space-y-10">
        <InviteForm canInviteOwner={access.agencyRole === "owner"} />
        <MembersList currentUserId={access.user.id} isOwner={access.agencyRole === "owner"} />
      </div>
    </HydrateClient>
  );
}
