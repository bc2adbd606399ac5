import type { ReactNode } from "react";

import type { RenewalSaving, MoneySummary as Summary } from "@marketable/billing";
import { formatMoney } from "@marketable/billing/money";
import { formatContractDay as day, formatNumber } from "@marketable/ui/format";

const termWords = (months: 1 | 12) => (months === 12 ? "per 12-month term" : "per term (one month)");

/** What a marketing-status change is worth, in the portal's currency: the preview's lead and the approver's summary. */
export function MoneySummary({ summary }: { summary: Summary }) {
  const m = (minor: number) => formatMoney(minor, summary.currency);
  const lines: { label: string; body: ReactNode; testId: string }[] = [];
  let headline: string;

  if (summary.direction === "promotion") {
    const up = summary.upgrade;
    if (up) {
      headline = `Upgrades the tier to ${formatNumber(up.newLimit)}: ${m(up.proratedChargeMinor)} now, then ${m(summary.monthlyCostAfterMinor)} a month`;
      lines.push({
        label: "Now",
        testId: "money-upgrade",
        body: (
          <>
            {formatNumber(summary.moreMarketing)} more marketing contacts take the count over the tier of {formatNumber(up.fromLimit)}:
            HubSpot upgrades it to {formatNumber(up.newLimit)} at once and charges <strong>{m(up.proratedChargeMinor)}</strong> pro-rated (
            {formatNumber(up.daysRemaining)} of {formatNumber(up.daysInTerm)} days left in the term), billed {day(up.billedOn)}.
          </>
        ),
      });
      lines.push({
        label: "Monthly cost",
        testId: "money-monthly",
        body: (
          <>
            <strong>{m(summary.monthlyCostAfterMinor)}</strong> a month from now on (was {m(summary.monthlyCostBeforeMinor)},{" "}
            {m(up.extraMonthlyMinor)} more).
          </>
        ),
      });
    } else {
      headline = `No extra cost: ${formatNumber(summary.headroomLeft)} contacts of headroom left`;
      lines.push({
        label: "Now",
        testId: "money-headroom",
        body: (
          <>
            {formatNumber(summary.moreMarketing)} more marketing contacts fit the tier of {formatNumber(summary.tierLimit)}:{" "}
            {formatNumber(summary.headroomLeft)} left before HubSpot upgrades it. The monthly cost stays {m(summary.monthlyCostAfterMinor)}.
          </>
        ),
      });
    }
  } else {
    const r = summary.renewal;
    const next = summary.followingRenewal;
    const best = r.deadlinePassed || (next && r.monthlySavingMinor === 0) ? next : r;
    headline =
      best && best.monthlySavingMinor > 0
        ? `Saves ${m(best.monthlySavingMinor)} a month (${m(best.termSavingMinor)} ${termWords(summary.termMonths)}) from the renewal on ${day(best.renewalDate)}`
        : "No saving: the tier you could ask for at renewal stays the same";
    lines.push({ label: "This term", testId: "money-this-term", body: <>No change: the tier cannot fall before the renewal.</> });
    const leaving = (
      <>
        {formatNumber(summary.fewerMarketing)} fewer marketing contact{summary.fewerMarketing === 1 ? "" : "s"}
        {summary.alreadyPending ? `, with the ${formatNumber(summary.alreadyPending)} demotions already queued` : ""}.
      </>
    );
    if (summary.updateDateIsRenewal) {
      lines.push({
        label: `${day(summary.updateDate)} (update date and renewal)`,
        testId: "money-renewal",
        body: (
          <>
            {leaving} <RenewalLine saving={r} money={m} termMonths={summary.termMonths} />
          </>
        ),
      });
    } else {
      lines.push({ label: `From ${day(summary.updateDate)}`, testId: "money-update-date", body: leaving });
      lines.push({
        label: `Renewal, ${day(r.renewalDate)}`,
        testId: "money-renewal",
        body: <RenewalLine saving={r} money={m} termMonths={summary.termMonths} />,
      });
    }
    if (next) {
      lines.push({
        label: `Next renewal, ${day(next.renewalDate)}`,
        testId: "money-next-renewal",
        body: <RenewalLine saving={next} money={m} termMonths={summary.termMonths} />,
      });
    }
  }

  return (
    <section aria-label="What this change is worth" className="space-y-2 rounded-md border bg-muted/30 p-3" data-testid="money-summary">
      <p className="font-semibold" data-testid="money-headline">
        {headline}
      </p>
      <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {lines.map((l) => (
          <div key={l.testId} className="contents" data-testid={l.testId}>
            <dt className="text-muted-foreground">{l.label}</dt>
            <dd className="mb-1 sm:mb-0">{l.body}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RenewalLine({ saving: s, money: m, termMonths }: { saving: RenewalSaving; money: (minor: number) => string; termMonths: 1 | 12 }) {
  if (s.deadlinePassed) {
    return (
      <span className="text-amber-700 dark:text-amber-400">
        Too late for this renewal: a lower tier had to be requested by {day(s.requestBy)}. The tier renews unchanged.
      </span>
    );
  }
  if (s.monthlySavingMinor <= 0) {
    return (
      <>
        The lowest tier to ask for stays {formatNumber(s.tierWithout)} ({formatNumber(s.marketingWith)} marketing contacts then:
        today&apos;s count less queued demotions, before any growth the billing page projects).
      </>
    );
  }
  return (
    <>
      Lets you request tier {formatNumber(s.tierWith)} instead of {formatNumber(s.tierWithout)}, saving{" "}
      <strong>{m(s.monthlySavingMinor)} a month</strong> ({m(s.termSavingMinor)} {termWords(termMonths)}) — ask HubSpot by{" "}
      <strong>{day(s.requestBy)}</strong>.
    </>
  );
}
