import type { ReactNode } from "react";

import { downgradeScenarios, type RenewalPack } from "@marketable/api";
import { formatMoney } from "@marketable/billing";
import { Alert } from "@marketable/ui/alert";
import { EmptyState } from "@marketable/ui/empty-state";
import { formatNumber } from "@marketable/ui/format";

import { Day, formatDay } from "../../day";

const monthFormat = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const monthName = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 break-inside-avoid">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A plain, printable table: numbers right-aligned, the caption names it for screen readers. */
function Table({ caption, head, rows, numeric }: { caption: string; head: string[]; rows: ReactNode[][]; numeric: number[] }) {
  return (
    <div className="overflow-x-auto rounded-md border print:overflow-visible print:border-0">
      <table className="w-full text-sm" aria-label={caption}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 print:bg-transparent">
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`border-b px-3 py-2 font-medium ${numeric.includes(i) ? "text-right" : "text-left"}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <tr key={r} className="border-b last:border-0">
              {cells.map((cell, i) => (
                <td key={i} className={`px-3 py-2 ${numeric.includes(i) ? "text-right tabular-nums" : ""}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2 print:grid-cols-2">
      {items.map(([term, value]) => (
        <div key={term} className="flex justify-between gap-4 border-b py-1">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="text-right font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RenewalDocument({ pack }: { pack: RenewalPack }) {
  const money = (minor: number) => formatMoney(minor, pack.portal.currency);
  const { contract, today } = pack;
  // "Per term" is the billing term everywhere on this page: 12 months on a yearly contract, one on a monthly one.
  const perTerm = contract.term === "yearly" ? "per 12-month term" : "per term (one month)";
  return (
    <div className="space-y-8">
      <Section id="renewal-contract" title="Contract">
        <Facts
          items={[
            [
              "Edition",
              <span key="e" className="capitalize">
                {contract.edition}, {contract.term}
              </span>,
            ],
            ["Contact tier", `${formatNumber(contract.tier)} marketing contacts`],
            ["Price now", `${money(contract.monthlyCostMinor)} a month`],
            ["Billing period", `${formatDay(contract.termPeriod.start)} – ${formatDay(contract.termPeriod.end)}`],
            ["Contract renewal", <Day key="r" day={contract.renewalDate} today={today} testId="next-renewal" />],
            [
              "Request a lower tier by",
              <span key="b" className={contract.missedDeadline ? "text-amber-700 dark:text-amber-400" : undefined}>
                <Day day={contract.requestBy} today={today} testId="request-by" />
                {contract.missedDeadline ? " (passed)" : null}
              </span>,
            ],
            [
              "Prices",
              `${contract.priceTable.name}${contract.priceTable.startingPoint ? " (editable starting points, not a quote)" : `, version ${contract.priceTable.version}`}`,
            ],
            ["Prepared", formatDay(today)],
          ]}
        />
      </Section>

      {contract.missedDeadline && pack.downgrade ? (
        <Alert variant="warning" title="Too late to lower the tier at this renewal" data-testid="missed-deadline">
          A lower tier for the renewal on {formatDay(contract.missedDeadline.renewalDate)} had to be requested by{" "}
          {formatDay(contract.missedDeadline.requestBy)}: the contract renews at {formatNumber(contract.tier)} contacts. The case below is
          for the next renewal, on {formatDay(pack.downgrade.renewalDate)}: request by{" "}
          <strong>{formatDay(pack.downgrade.requestBy)}</strong>.
        </Alert>
      ) : null}
      <Downgrade pack={pack} money={money} perTerm={perTerm} />
      <History pack={pack} />
      <Changes pack={pack} />
      <Recommendations pack={pack} money={money} />

      <p className="text-xs text-muted-foreground">
        Expected counts come from the daily trend, the apps creating marketing contacts, open requests and queued demotions (which leave on
        the next update date); the cautious tier also holds the high edge of the projection&apos;s 80 % band. The five-business-day notice
        comes from third-party sources, not HubSpot&apos;s terms: check the client&apos;s contract. {contract.priceTable.source}
      </p>
    </div>
  );
}

function Downgrade({ pack, money, perTerm }: { pack: RenewalPack; money: (minor: number) => string; perTerm: string }) {
  const d = pack.downgrade;
  if (!d || !pack.usage) {
    return (
      <Section id="renewal-downgrade" title="The case for a lower tier">
        <EmptyState
          title="No usage snapshots yet"
          description="The case needs at least one daily snapshot of this portal. Snapshots are written after each sync."
        />
      </Section>
    );
  }
  const best = pack.withRecommendations?.downgrade.canStepDown && !d.canStepDown ? pack.withRecommendations.downgrade : d;
  return (
    <Section id="renewal-downgrade" title="The case for a lower tier">
      <div className="rounded-md border p-4">
        {d.canStepDown ? (
          <p className="text-sm">
            Request <strong>{formatNumber(d.expected.tier)}</strong> contacts instead of {formatNumber(d.unchanged.tier)} at the renewal on{" "}
            {formatDay(d.renewalDate)}: it holds the {formatNumber(d.expected.holds)} marketing contacts expected then.
          </p>
        ) : (
          <p className="text-sm">
            The {formatNumber(d.unchanged.tier)}-contact tier is already the smallest that holds the {formatNumber(d.expected.holds)}{" "}
            marketing contacts expected at renewal.
            {best !== d ? ` Demoting the recommended contacts first would allow ${formatNumber(best.expected.tier)}.` : ""}
          </p>
        )}
        <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid="renewal-savings" data-minor={best.expected.termSavingMinor}>
          {money(best.expected.termSavingMinor)} <span className="text-base font-normal text-muted-foreground">saved {perTerm}</span>
        </p>
        <p className="text-sm text-muted-foreground">
          {money(best.expected.monthlySavingMinor)} a month · marketing contacts today {formatNumber(pack.usage.marketing)},{" "}
          {formatNumber(pack.usage.pendingDemotion)} pending demotion
          {pack.projection?.crossingDate ? ` · the tier is projected to be crossed on ${formatDay(pack.projection.crossingDate)}` : ""}
        </p>
      </div>
      <Table
        caption="Downgrade case: tier and cost at renewal per scenario"
        head={["Scenario", "Holds", "Tier", "Monthly cost", "Saving a month", `Saving ${perTerm}`]}
        numeric={[1, 2, 3, 4, 5]}
        rows={downgradeScenarios(pack).map(({ scenario, option }) => [
          scenario,
          formatNumber(option.holds),
          formatNumber(option.tier),
          money(option.monthlyCostMinor),
          money(option.monthlySavingMinor),
          money(option.termSavingMinor),
        ])}
      />
      {pack.openRequests.length > 0 ? (
        <p className="text-sm text-muted-foreground">
          Includes {pack.openRequests.length} open request{pack.openRequests.length === 1 ? "" : "s"} (
          {pack.openRequests
            .map(
              (r) =>
                `${formatNumber(r.count)} to ${r.direction === "marketing" ? "marketing" : "non-marketing"}, ${r.state.replace("_", " ")}`,
            )
            .join("; ")}
          ).
        </p>
      ) : null}
    </Section>
  );
}

function History({ pack }: { pack: RenewalPack }) {
  const { history, window } = pack;
  return (
    <Section id="renewal-history" title={`Usage from ${formatDay(window.start)} to the renewal`}>
      {history.months.length === 0 ? (
        <EmptyState
          title="No usage snapshots yet"
          description={`No daily snapshot since ${formatDay(window.start)}. Snapshots are written after each sync of this portal.`}
        />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {formatNumber(history.days)} daily snapshots from {formatDay(history.firstDay!)}
            {history.peak ? `; the peak was ${formatNumber(history.peak.value)} on ${formatDay(history.peak.date)}` : ""}.
          </p>
          <Table
            caption="Marketing contacts per month in the review window"
            head={["Month", "Days", "Peak", "Peak day", "Average", "Last"]}
            numeric={[1, 2, 4, 5]}
            rows={history.months.map((m) => [
              monthName(m.month),
              formatNumber(m.days),
              formatNumber(m.peak),
              formatDay(m.peakDate),
              formatNumber(m.average),
              formatNumber(m.last),
            ])}
          />
        </>
      )}
    </Section>
  );
}

function Changes({ pack }: { pack: RenewalPack }) {
  return (
    <Section id="renewal-changes" title="Changes through Marketable">
      {pack.changes.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No marketing-status change ran through Marketable since {formatDay(pack.window.start)}.
        </p>
      ) : (
        <Table
          caption="Marketing-status changes executed in the review window"
          head={["Date", "Requested by", "Approved by", "Direction", "Changed", "Failed", "Marketing before", "Marketing after", "Reason"]}
          numeric={[4, 5, 6, 7]}
          rows={pack.changes.map((c) => [
            formatDay(c.date),
            c.requestedBy,
            c.approvedBy ?? "no approval needed",
            c.direction === "marketing" ? "to marketing" : "to non-marketing",
            formatNumber(c.changed),
            formatNumber(c.failed),
            formatNumber(c.marketingBefore),
            formatNumber(c.marketingAfter),
            c.reason,
          ])}
        />
      )}
      {pack.changesTruncated ? (
        <p className="text-sm text-muted-foreground">Only the first {formatNumber(pack.changes.length)} changes are listed.</p>
      ) : null}
    </Section>
  );
}

function Recommendations({ pack, money }: { pack: RenewalPack; money: (minor: number) => string }) {
  if (pack.recommendations.length === 0) return null;
  return (
    <Section id="renewal-recommendations" title="Recommendations">
      <Table
        caption="Non-marketing candidates and what they are worth"
        head={["Candidates", "Contacts", "Worth a month"]}
        numeric={[1, 2]}
        rows={pack.recommendations.map((r) => [r.label, formatNumber(r.candidates), r.candidates > 0 ? money(r.monthlyValueMinor) : "—"])}
      />
    </Section>
  );
}
