import { can } from "@marketable/permissions";
import { Button } from "@marketable/ui/button";
import { PageHeader } from "@marketable/ui/page-header";
import { StatCard } from "@marketable/ui/stat-card";
import { formatNumber } from "@marketable/ui/format";
import type { Metadata } from "next";
import Link from "next/link";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const access = await requireAccess();
  const caller = await serverCaller();
  const portals = await caller.portals.list({ pageSize: 5, sort: "renewalDate" });
  // Empty for anyone without approval rights: the procedure filters by marketingStatus.approve.
  const approvals = await caller.statusRequests.pendingApprovals();
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${access.agency.name}: what needs attention across your client portals.`}
        actions={
          can(access.actor, "portal.connect") ? (
            <Button asChild>
              <Link href="/portals/new">Add a portal</Link>
            </Button>
          ) : null
        }
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Portals you can see" value={formatNumber(portals.total)} />
        <StatCard label="Open alerts" value="—" hint="Alerts arrive with contact sync" />
        <StatCard
          label="Requests awaiting approval"
          value={can(access.actor, "marketingStatus.approve") ? formatNumber(approvals.length) : "—"}
          hint={can(access.actor, "marketingStatus.approve") ? "Marketing-status changes waiting for you or another approver" : "Approvals are for owners, admins and billing"}
          tone={approvals.some((r) => !r.mine) ? "warning" : "default"}
        />
        <StatCard label="Syncs running" value="—" hint="Arrive with portal connection" />
      </div>
      {approvals.length ? (
        <section className="mt-8 space-y-2" aria-labelledby="approvals">
          <h2 id="approvals" className="text-lg font-semibold">
            Waiting for approval
          </h2>
          <ul className="divide-y rounded-md border">
            {approvals.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${r.portalId}`}>
                  {r.portalName}: {r.target === "marketing" ? "marketing" : "non-marketing"} for {formatNumber(r.changeCount)} contacts
                </Link>
                <span className="text-sm text-muted-foreground">
                  {r.mine ? "your request" : `by ${r.requestedByEmail}`} · {r.approvalReasons.join("; ")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="mt-8 space-y-2" aria-labelledby="renewals">
        <h2 id="renewals" className="text-lg font-semibold">
          Next renewals
        </h2>
        {portals.items.length === 0 ? (
          <p className="text-muted-foreground">No portals yet.</p>
        ) : (
          <ul className="divide-y rounded-md border">
            {portals.items.map((portal) => (
              <li key={portal.id} className="flex items-center justify-between px-4 py-2">
                <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${portal.id}`}>
                  {portal.name}
                </Link>
                <span className="text-sm text-muted-foreground">renews {portal.renewalDate}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
