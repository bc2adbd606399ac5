"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";

import { formatMoney } from "@marketable/billing";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { LineChart } from "@marketable/ui/line-chart";
import { LoadingState } from "@marketable/ui/loading-state";
import { StatCard } from "@marketable/ui/stat-card";

import { ContractUnconfirmedNotice } from "../contract-unconfirmed-notice";
import { Day, formatDay } from "../day";
import { OverTierNotice } from "./over-tier-notice";
import { Projection } from "./projection";
import { Recommendations } from "./recommendations-table";

type View = RouterOutputs["billing"]["portal"];

export function PortalBilling({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.billing.portal.queryOptions({ portalId }));
  if (view.isPending) return <LoadingState label="Loading billing…" />;
  if (view.isError) return <ErrorState title="Could not load billing" message={view.error.message} onRetry={() => void view.refetch()} />;
  return <BillingView view={view.data} />;
}

function BillingView({ view }: { view: View }) {
  const { portal, usage, today } = view;
  const money = (minor: number) => formatMoney(minor, portal.currency);
  const headroomTone =
    usage?.headroomPct == null ? "default" : usage.headroomPct <= 10 ? "destructive" : usage.headroomPct <= 20 ? "warning" : "default";
  return (
    <div className="space-y-8">
      {portal.contractNeedsConfirmation ? <ContractUnconfirmedNotice portalId={portal.id} canManage={view.canManage} /> : null}
      {view.automaticUpgrade && usage ? (
        <OverTierNotice upgrade={view.automaticUpgrade} marketing={usage.marketing} portalId={portal.id} canManage={view.canManage} />
      ) : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label="Tier"
          value={`${formatNumber(view.tierLimit)} contacts`}
          hint={
            <span className="capitalize">
              {portal.edition}, {portal.term}
            </span>
          }
        />
        <StatCard
          label="Marketing contacts"
          value={usage ? formatNumber(usage.marketing) : "—"}
          hint={usage ? `headroom ${formatNumber(usage.headroom)} (${usage.headroomPct?.toFixed(1) ?? "—"} %)` : "not synced yet"}
          tone={headroomTone}
        />
        <StatCard
          label="Pending demotions"
          value={usage ? formatNumber(usage.pendingDemotion) : "—"}
          hint={
            <>
              leave on <Day day={view.nextUpdateDate} today={today} />
            </>
          }
        />
        <StatCard
          label="Monthly update date"
          value={formatDay(view.nextUpdateDate)}
          hint={<Day day={view.nextUpdateDate} today={today} />}
        />
        <StatCard
          label="Contract renewal"
          value={
            <span data-testid="next-renewal" data-day={view.renewalDate}>
              {formatDay(view.renewalDate)}
            </span>
          }
          hint={<Day day={view.renewalDate} today={today} />}
        />
        <StatCard
          label="Cost this billing period"
          value={
            <span data-testid="monthly-cost" data-minor={view.monthlyCostMinor}>
              {money(view.costThisPeriodMinor)}
            </span>
          }
          hint={`${money(view.monthlyCostMinor)} a month · ${formatDay(view.period.start)} – ${formatDay(view.period.end)}`}
        />
        <StatCard
          label="Prices"
          value={<span className="text-base">{view.priceTable.name}</span>}
          hint={view.priceTable.startingPoint ? "editable starting points, not a quote" : `version ${view.priceTable.version}`}
        />
      </div>

      {view.history.length > 0 ? (
        <LineChart
          title="Daily marketing contacts"
          description={`Marketing contacts per day over the last ${formatNumber(view.history.length)} days, against the tier of ${formatNumber(view.tierLimit)}.`}
          valueLabel="Marketing contacts"
          data={view.history.map((p) => ({ date: p.date, value: p.marketing }))}
          referenceLine={{ value: view.tierLimit, label: `Tier ${formatNumber(view.tierLimit)}` }}
        />
      ) : (
        <EmptyState title="No usage history yet" description="Daily usage is recorded after each sync of this portal." />
      )}

      {view.projectionInput ? <Projection view={view} input={view.projectionInput} /> : null}
      {view.recommendations.length > 0 ? <Recommendations view={view} /> : null}
    </div>
  );
}
