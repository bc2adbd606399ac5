import { Forbidden } from "~/components/forbidden";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";

import { can } from "@marketable/permissions";
import { PageHeader } from "@marketable/ui/page-header";

import { AgencyPolicies } from "./agency-policies";

export const metadata: Metadata = { title: "Agency-wide app policies" };

/** One policy per app for every portal that has it (owners and admins: the agency-wide permission). */
export default async function AgencyPoliciesPage() {
  const access = await requireAccess();
  if (!can(access.actor, "integrations.managePolicy"))
    return (
      <Forbidden what="agency-wide app policies (owners and admins set them; a portal's manager sets its own on the portal's integrations page)" />
    );
  prefetch(trpc.integrations.templates.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Agency-wide app policies"
        description="Set once whether each app may create marketing contacts; it applies to every portal that has the app, and a portal can override it on its own page."
        eyebrow={
          <Link className="underline-offset-4 hover:underline" href="/integrations">
            Integrations
          </Link>
        }
      />
      <AgencyPolicies />
    </HydrateClient>
  );
}
