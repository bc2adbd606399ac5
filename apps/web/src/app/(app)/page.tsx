import { contactsHref } from "~/lib/contacts-url";
import { countWords } from "~/lib/count-words";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";

import { formatMoney } from "@marketable/billing";
import { can, canAnywhere } from "@marketable/permissions";
import { Button } from "@marketable/ui/button";
import { formatContractDay, formatNumber } from "@marketable/ui/format";
import { PageHeader } from "@marketable/ui/page-header";
import { StatCard } from "@marketable/ui/stat-card";

export const metadata: Metadata = { title: "Overview" };

function Section({ id, title, empty, children }: { id: string; title: string; empty: string; children: React.ReactNode[] }) {
  return (
    <section className="space-y-2" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children.length === 0 ? (
        <p className="text-muted-foreground">{empty}</p>
      ) : (
        <ul className="divide-y rounded-md border">{children}</ul>
      )}
    </section>
  );
}

export default async function OverviewPage() {
  const access = await requireAccess();
  const caller = await serverCaller();
  const approves = canAnywhere(access.actor, "marketingStatus.approve");
  const seesIntegrations = canAnywhere(access.actor, "integrations.view");
  const seesBilling = canAnywhere(access.actor, "billing.view");
  const [overview, renewals, approvals] = await Promise.all([
    caller.agency.overview(),
    // Renewals are contract terms: asked for only by those who may see billing.
    seesBilling ? caller.portals.list({ pageSize: 5, sort: "renewalDate" }) : null,
    // Empty for anyone without approval rights: the procedure filters by marketingStatus.approve.
    caller.statusRequests.pendingApprovals(),
  ]);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${access.agency.name}: what needs attention across your client portals.`}
        actions={
          can(access.actor, "portal.connect") ? (
            <Button asChild>
              <Link href="/portals/connect">Connect a portal</Link>
            </Button>
          ) : null
        }
      />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="Portals you can see"
          value={formatNumber(overview.portals)}
          hint={`${formatNumber(overview.connected)} connected to HubSpot`}
        />
        {/* A role that sees no integrations gets no drift card: "0 drifting" would be a false all-clear. */}
        {seesIntegrations ? (
          <Link href="/integrations" className="rounded-lg focus-visible:outline-2">
            <StatCard
              label="Apps drifting from policy"
              value={formatNumber(overview.drift.length)}
              tone={overview.drift.length ? "warning" : "default"}
            />
          </Link>
        ) : null}
        <StatCard label="Syncs running" value={formatNumber(overview.syncsRunning.length)} />
        <StatCard
          label="Portals with a sync error"
          value={formatNumber(overview.syncErrors.length)}
          tone={overview.syncErrors.length ? "destructive" : "default"}
        />
        {approves ? (
          <StatCard
            label="Requests awaiting approval"
            value={formatNumber(approvals.length)}
            hint="Marketing-status changes waiting for you or another approver"
            tone={approvals.some((r) => !r.mine) ? "warning" : "default"}
          />
        ) : null}
      </div>
      <div className="mt-8 grid gap-8 lg:grid-cols-2">
        {approves ? (
          <Section id="approvals" title="Waiting for approval" empty="No marketing-status request is waiting for approval.">
            {approvals.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${r.portalId}`}>
                  {r.portalName}: {r.target === "marketing" ? "marketing" : "non-marketing"} for {countWords(r.changeCount, "contact")}
                </Link>
                <span className="text-sm text-muted-foreground">
                  {r.mine ? "your request" : `by ${r.requestedByEmail}`} · {r.approvalReasons.join("; ")}
                </span>
              </li>
            ))}
          </Section>
        ) : null}
        {seesIntegrations ? (
          <Section id="drift" title="Drift" empty="Every app behaves as the agency's policy says.">
            {overview.drift.map((d) => (
              <li key={`${d.portalId}-${d.appLabel}`} className="flex items-center justify-between gap-4 px-4 py-2">
                <Link className="font-medium underline-offset-4 hover:underline" href={`/integrations/${d.portalId}`}>
                  {d.portalName}: {d.appLabel}
                </Link>
                <span className="text-sm text-muted-foreground">
                  {d.driftContacts ? (
                    <Link className="underline-offset-4 hover:underline" href={contactsHref(d.portalId, d.driftContacts.filter)}>
                      {formatNumber(d.driftContacts.count)} contacts
                    </Link>
                  ) : (
                    `${formatNumber(d.contactsAffected)} contacts`
                  )}
                  {d.monthlyCostMinor ? ` · ${formatMoney(d.monthlyCostMinor, d.currency)}/month` : ""}
                </span>
              </li>
            ))}
          </Section>
        ) : null}
        <Section id="sync-errors" title="Sync errors" empty="No portal has a failed sync.">
          {overview.syncErrors.map((e) => (
            <li key={e.portalId} className="px-4 py-2">
              <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${e.portalId}`}>
                {e.portalName}
              </Link>
              <p className="text-sm text-destructive">{e.message}</p>
            </li>
          ))}
        </Section>
        <Section id="syncs" title="Syncs running" empty="No sync is running.">
          {overview.syncsRunning.map((r) => (
            <li key={r.portalId} className="flex items-center justify-between px-4 py-2">
              <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${r.portalId}`}>
                {r.portalName}
              </Link>
              <span className="text-sm tabular-nums text-muted-foreground">
                {formatNumber(r.processed)}
                {r.expected ? ` of ${formatNumber(r.expected)}` : ""} · {r.status}
              </span>
            </li>
          ))}
        </Section>
        {/* Renewal dates are contract terms: only for people who may see billing. */}
        {renewals ? (
          <Section id="renewals" title="Next renewals" empty="No portals yet.">
            {renewals.items.map(({ id, name, contract }) =>
              contract ? (
                <li key={id} className="flex items-center justify-between px-4 py-2">
                  <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${id}`}>
                    {name}
                  </Link>
                  <span className="text-sm text-muted-foreground">
                    renews{" "}
                    <time dateTime={contract.nextRenewal} data-testid="next-renewal" data-day={contract.nextRenewal}>
                      {formatContractDay(contract.nextRenewal)}
                    </time>
                  </span>
                </li>
              ) : null,
            )}
          </Section>
        ) : null}
      </div>
    </>
  );
}
