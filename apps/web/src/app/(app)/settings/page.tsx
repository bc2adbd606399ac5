import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import type { Metadata } from "next";

import { can } from "@marketable/permissions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { PageHeader } from "@marketable/ui/page-header";

import { ApprovalThresholds } from "./approval-thresholds";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const access = await requireAccess();
  prefetch(trpc.statusRequests.guardrails.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="Agency settings. Alert rules and the alert webhook are under Alerts, in Alert settings." />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Approval thresholds for marketing-status requests</CardTitle>
          <CardDescription>
            A request that crosses a portal&apos;s tier always needs approval by someone else with approval rights; so does one over these
            thresholds.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ApprovalThresholds canEdit={can(access.actor, "billing.manage")} />
        </CardContent>
      </Card>
    </HydrateClient>
  );
}
