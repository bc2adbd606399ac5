"use client";

import { formatMoney, type ProjectionInput, whatIf, type WhatIfChange } from "@marketable/billing";
import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { Checkbox } from "@marketable/ui/checkbox";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { whatIfExtraContacts } from "@marketable/api/validation";
import { readWholeNumber } from "~/lib/typed-number";
import { Label } from "@marketable/ui/label";
import { LineChart } from "@marketable/ui/line-chart";
import { LoadingState } from "@marketable/ui/loading-state";
import { StatCard } from "@marketable/ui/stat-card";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { Day, formatDay } from "../day";
import { ContractUnconfirmedNotice } from "../contract-unconfirmed-notice";
import { OverTierNotice } from "./over-tier-notice";

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
  const headroomTone = usage?.headroomPct == null ? "default" : usage.headroomPct <= 10 ? "destructive" : usage.headroomPct <= 20 ? "warning" : "default";
  return (
    <div className="space-y-8">
      {portal.contractNeedsConfirmation ? <ContractUnconfirmedNotice portalId={portal.id} canManage={view.canManage} /> : null}
      {view.automaticUpgrade && usage ? <OverTierNotice upgrade={view.automaticUpgrade} marketing={usage.marketing} portalId={portal.id} canManage={view.canManage} /> : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label="Tier" value={`${formatNumber(view.tierLimit)} contacts`} hint={<span className="capitalize">{portal.edition}, {portal.term}</span>} />
        <StatCard
          label="Marketing contacts"
          value={usage ? formatNumber(usage.marketing) : "—"}
          hint={usage ? `headroom ${formatNumber(usage.headroom)} (${usage.headroomPct?.toFixed(1) ?? "—"} %)` : "not synced yet"}
          tone={headroomTone}
        />
        <StatCard label="Pending demotions" value={usage ? formatNumber(usage.pendingDemotion) : "—"} hint={<>leave on <Day day={view.nextUpdateDate} today={today} /></>} />
        <StatCard label="Monthly update date" value={formatDay(view.nextUpdateDate)} hint={<Day day={view.nextUpdateDate} today={today} />} />
        <StatCard label="Contract renewal" value={<span data-testid="next-renewal" data-day={view.renewalDate}>{formatDay(view.renewalDate)}</span>} hint={<Day day={view.renewalDate} today={today} />} />
        <StatCard
          label="Cost this billing period"
          value={<span data-testid="monthly-cost" data-minor={view.monthlyCostMinor}>{money(view.costThisPeriodMinor)}</span>}
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

function Projection({ view, input }: { view: View; input: ProjectionInput }) {
  const { portal, today } = view;
  const money = (minor: number) => formatMoney(minor, portal.currency);
  const [appFlips, setAppFlips] = useState<Record<string, boolean>>({});
  const [applied, setApplied] = useState<Record<string, boolean>>({});
  const [extra, setExtra] = useState("");
  // Checked, never rewritten: "-500" is refused with words, not read as 500.
  const extraRead = readWholeNumber(extra, whatIfExtraContacts);
  const extraCount = extraRead.value ?? 0;

  const changes = useMemo(() => {
    const list: WhatIfChange[] = [];
    for (const [source, marketing] of Object.entries(appFlips)) {
      const app = view.apps.find((a) => a.source === source);
      if (app && marketing !== app.observedOn) list.push({ kind: "setInflowPolicy", source, marketing, perDay: app.perDay });
    }
    for (const rec of view.recommendations) if (applied[rec.kind] && rec.candidates > 0) list.push({ kind: "applyRecommendation", count: rec.candidates, id: rec.kind });
    if (extraCount > 0) list.push({ kind: "addRequest", request: { id: "what-if-request", kind: "pending", target: "marketing", count: extraCount } });
    return list;
  }, [appFlips, applied, extraCount, view.apps, view.recommendations]);

  const result = useMemo(() => whatIf(input, changes), [input, changes]);
  const scenario = result.scenario;
  const upgrade = scenario.upgrades[0];
  const changed = changes.length > 0;

  const crossingText = scenario.crossingDate
    ? `Projected to cross the tier of ${formatNumber(scenario.purchasedTier)} on ${formatDay(scenario.crossingDate)}.`
    : `Not projected to cross the tier of ${formatNumber(scenario.purchasedTier)} before ${formatDay(scenario.horizon)}.`;

  return (
    <section aria-labelledby="projection-heading" className="space-y-4">
      <h2 id="projection-heading" className="text-lg font-semibold">
        Projection to renewal {changed ? <Badge variant="info">what-if, not saved</Badge> : null}
      </h2>
      <div className="grid gap-3 md:grid-cols-3">
        <StatCard
          label="Projected crossing"
          value={<span data-testid="crossing-date" data-day={scenario.crossingDate ?? ""}>{scenario.crossingDate ? formatDay(scenario.crossingDate) : "Not before renewal"}</span>}
          hint={
            scenario.crossingDate ? (
              <>
                <Day day={scenario.crossingDate} today={today} />
                {scenario.crossingDateHigh && scenario.crossingDateHigh !== scenario.crossingDate ? <> · as early as {formatDay(scenario.crossingDateHigh)}</> : null}
              </>
            ) : (
              `expected ${formatNumber(scenario.expectedAtHorizon)} at renewal`
            )
          }
          tone={scenario.crossingDate ? "warning" : "default"}
        />
        <StatCard
          label="Automatic upgrade"
          value={<span data-testid="upgrade-cost">{upgrade ? money(upgrade.proratedChargeMinor) : "None"}</span>}
          hint={upgrade ? `to ${formatNumber(upgrade.newLimit)} contacts, billed ${formatDay(upgrade.billedOn)}, +${money(upgrade.extraMonthlyMinor)} a month` : "no upgrade before renewal"}
        />
        <StatCard
          label="Cost to renewal"
          value={money(scenario.costThroughHorizonMinor)}
          hint={changed ? <span data-testid="what-if-saving">{result.delta.costThroughHorizonSavedMinor >= 0 ? `${money(result.delta.costThroughHorizonSavedMinor)} less than now` : `${money(-result.delta.costThroughHorizonSavedMinor)} more than now`}</span> : "tier and upgrades to renewal"}
        />
      </div>
      <LineChart
        title="Projected marketing contacts to renewal"
        description={`${crossingText} ${bandText(scenario.series)}`}
        valueLabel="Expected"
        bandLabel="Likely range"
        data={scenario.series.map((p) => ({ date: p.date, value: p.expected, low: p.low, high: p.high }))}
        referenceLine={{ value: scenario.purchasedTier, label: `Tier ${formatNumber(scenario.purchasedTier)}` }}
      />
      {changed ? (
        <p role="status" className="text-sm" data-testid="what-if-delta">
          {describeDelta(result.delta.crossing, result.delta.crossingDateBefore, result.delta.crossingDateAfter)}
        </p>
      ) : null}

      <fieldset className="space-y-3 rounded-md border p-4">
        <legend className="px-1 text-sm font-medium">What if… (redraws the projection; nothing is saved)</legend>
        {view.apps.length > 0 ? (
          <div className="space-y-2">
            <div className="text-sm text-muted-foreground">Apps creating contacts: create them as marketing?</div>
            {view.apps.map((app) => {
              const on = appFlips[app.source] ?? app.observedOn;
              const id = `what-if-${app.appId}`;
              return (
                <div key={app.appId} className="flex items-center gap-2">
                  <Checkbox id={id} checked={on} onCheckedChange={(checked) => setAppFlips((f) => ({ ...f, [app.source]: checked === true }))} />
                  <Label htmlFor={id}>
                    {app.label} creates marketing contacts ({formatNumber(app.perDay)} a day)
                  </Label>
                </div>
              );
            })}
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Label htmlFor="what-if-extra">Set this many more contacts to marketing today</Label>
          <Input
            id="what-if-extra"
            inputMode="numeric"
            className="w-32 text-right"
            value={extra}
            aria-invalid={extraRead.error ? true : undefined}
            aria-describedby={extraRead.error ? "what-if-extra-error" : undefined}
            onChange={(e) => setExtra(e.target.value)}
          />
          {extraRead.error ? (
            <p id="what-if-extra-error" data-slot="form-error" className="basis-full text-sm font-medium text-destructive">
              {extraRead.error}
            </p>
          ) : null}
        </div>
        {changed ? (
          <Button variant="outline" size="sm" onClick={() => { setAppFlips({}); setApplied({}); setExtra(""); }}>
            Reset what-if
          </Button>
        ) : null}
      </fieldset>

      <RecommendationToggles view={view} applied={applied} setApplied={setApplied} />
    </section>
  );
}

/**
 * The band in words: next to a tier far above the counts a narrow band is a few pixels high, so
 * its last day's range is also given as numbers.
 */
function bandText(series: readonly { date: string; low: number; high: number }[]) {
  const last = series[series.length - 1];
  if (!last) return "";
  return `The shaded band is the 80 % range of the trend: ${formatNumber(last.low)}–${formatNumber(last.high)} on ${formatDay(last.date)}.`;
}

function describeDelta(kind: string, before: string | null, after: string | null) {
  switch (kind) {
    case "earlier":
      return `The crossing moves earlier: from ${formatDay(before!)} to ${formatDay(after!)}.`;
    case "later":
      return `The crossing moves later: from ${formatDay(before!)} to ${formatDay(after!)}.`;
    case "avoided":
      return `The crossing on ${formatDay(before!)} is avoided before renewal.`;
    case "introduced":
      return `The tier would be crossed on ${formatDay(after!)}.`;
    case "unchanged":
      return `The crossing date stays ${formatDay(after!)}.`;
    default:
      return "No crossing before renewal either way.";
  }
}

function RecommendationToggles({ view, applied, setApplied }: { view: View; applied: Record<string, boolean>; setApplied: (f: (a: Record<string, boolean>) => Record<string, boolean>) => void }) {
  const usable = view.recommendations.filter((r) => r.candidates > 0);
  if (usable.length === 0) return null;
  return (
    <fieldset className="space-y-2 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">Apply a recommendation in the what-if</legend>
      {usable.map((rec) => {
        const id = `apply-${rec.kind}`;
        return (
          <div key={rec.kind} className="flex items-center gap-2">
            <Checkbox id={id} checked={applied[rec.kind] ?? false} onCheckedChange={(checked) => setApplied((a) => ({ ...a, [rec.kind]: checked === true }))} />
            <Label htmlFor={id}>
              {rec.label}: set {formatNumber(rec.candidates)} to non-marketing
            </Label>
          </div>
        );
      })}
    </fieldset>
  );
}

function Recommendations({ view }: { view: View }) {
  const money = (minor: number) => formatMoney(minor, view.portal.currency);
  return (
    <section aria-labelledby="recommendations-heading" className="space-y-2">
      <h2 id="recommendations-heading" className="text-lg font-semibold">
        Recommendations
      </h2>
      <p className="text-sm text-muted-foreground">
        Marketing contacts that could be set to non-marketing (already pending demotions excluded). Savings count from the next update date, <Day day={view.nextUpdateDate} today={view.today} />.
      </p>
      <div className="overflow-x-auto">
<table className="w-full text-sm">
        <caption className="sr-only">Non-marketing candidates and the money they would save</caption>
        <thead className="bg-muted/50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">Candidates</th>
            <th scope="col" className="px-3 py-2 text-right">Contacts</th>
            <th scope="col" className="px-3 py-2 text-right">Saved a month</th>
            <th scope="col" className="px-3 py-2 text-right">Lower tier at renewal</th>
            <th scope="col" className="px-3 py-2 text-left">Action</th>
          </tr>
        </thead>
        <tbody>
          {view.recommendations.map((rec) => (
            <tr key={rec.kind} className="border-t" data-testid={`recommendation-${rec.kind}`}>
              <th scope="row" className="px-3 py-2 text-left font-normal">{rec.label}</th>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(rec.candidates)}</td>
              {/* No candidates, no saving: a lower tier that pending demotions alone allow is not this row's. */}
              <td className="px-3 py-2 text-right tabular-nums">{rec.candidates > 0 ? money(rec.monthlyValueMinor) : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {rec.candidates > 0 && rec.stepDown.toLimit < rec.stepDown.fromLimit ? `${formatNumber(rec.stepDown.toLimit)} (−${money(rec.stepDown.monthlySavingMinor)} a month)` : "—"}
              </td>
              <td className="px-3 py-2">
                {rec.candidates > 0 ? (
                  <Link className="underline" href={rec.href}>
                    Review contacts
                  </Link>
                ) : (
                  <span className="text-muted-foreground">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
    </section>
  );
}
