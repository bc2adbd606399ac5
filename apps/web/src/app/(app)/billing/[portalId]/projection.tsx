"use client";

import type { RouterOutputs } from "~/trpc/types";
import { useMemo } from "react";

import { formatMoney, whatIf, type ProjectionInput } from "@marketable/billing";
import { Badge } from "@marketable/ui/badge";
import { formatNumber } from "@marketable/ui/format";
import { LineChart } from "@marketable/ui/line-chart";
import { StatCard } from "@marketable/ui/stat-card";

import { Day, formatDay } from "../day";
import { useWhatIf } from "./use-what-if";
import { WhatIfControls } from "./what-if-controls";

type View = RouterOutputs["billing"]["portal"];

/** The projection to renewal, redrawn live under the what-if's changes (never saved). */
export function Projection({ view, input }: { view: View; input: ProjectionInput }) {
  const { portal, today } = view;
  const money = (minor: number) => formatMoney(minor, portal.currency);
  const state = useWhatIf(view);
  const { changes } = state;

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
          value={
            <span data-testid="crossing-date" data-day={scenario.crossingDate ?? ""}>
              {scenario.crossingDate ? formatDay(scenario.crossingDate) : "Not before renewal"}
            </span>
          }
          hint={
            scenario.crossingDate ? (
              <>
                <Day day={scenario.crossingDate} today={today} />
                {scenario.crossingDateHigh && scenario.crossingDateHigh !== scenario.crossingDate ? (
                  <> · as early as {formatDay(scenario.crossingDateHigh)}</>
                ) : null}
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
          hint={
            upgrade
              ? `to ${formatNumber(upgrade.newLimit)} contacts, billed ${formatDay(upgrade.billedOn)}, +${money(upgrade.extraMonthlyMinor)} a month`
              : "no upgrade before renewal"
          }
        />
        <StatCard
          label="Cost to renewal"
          value={money(scenario.costThroughHorizonMinor)}
          hint={
            changed ? (
              <span data-testid="what-if-saving">
                {result.delta.costThroughHorizonSavedMinor >= 0
                  ? `${money(result.delta.costThroughHorizonSavedMinor)} less than now`
                  : `${money(-result.delta.costThroughHorizonSavedMinor)} more than now`}
              </span>
            ) : (
              "tier and upgrades to renewal"
            )
          }
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

      <WhatIfControls view={view} whatIf={state} />
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
