"use client";

import type { RouterOutputs } from "~/trpc/types";
import { useEffect, useRef } from "react";

import { formatMoney as money } from "@marketable/billing/money";
import { Alert } from "@marketable/ui/alert";
import { formatContractDay as day, formatNumber } from "@marketable/ui/format";

import { MoneySummary } from "./money-summary";

type Preview = RouterOutputs["statusRequests"]["preview"];

/** What a request changes, when, and what the tier and cost become: now, at the update date, at renewal. */
export function PreviewSummary({ preview }: { preview: Preview }) {
  const b = preview.billing;
  const sameDay = b.nextUpdateDate === b.renewalDate;
  const rows = [
    { label: "Now", snap: b.now, base: b.baseline.now },
    // One row when the next update date is the renewal: the demotions leave and the tier renews the same day.
    ...(sameDay
      ? [{ label: `Update date and renewal (${day(b.renewalDate)})`, snap: b.atRenewal, base: b.baseline.atRenewal }]
      : [
          { label: `Next update date (${day(b.nextUpdateDate)})`, snap: b.atNextUpdateDate, base: b.baseline.atNextUpdateDate },
          { label: `Renewal (${day(b.renewalDate)})`, snap: b.atRenewal, base: b.baseline.atRenewal },
        ]),
  ];
  const pendingBefore = b.baseline.now.pendingDemotion;
  // After Preview, focus moves to the result, so keyboard and screen-reader users land on it.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.focus();
  }, [preview]);
  return (
    <div
      ref={root}
      tabIndex={-1}
      role="group"
      aria-label="Preview result"
      className="space-y-3 outline-hidden"
      data-testid="status-preview"
    >
      <MoneySummary summary={preview.money} />
      <p className="text-sm">
        <strong data-testid="preview-change-count">{formatNumber(preview.changeCount)}</strong> of {formatNumber(preview.selected)} selected
        contacts change
        {preview.unchanged ? ` (${formatNumber(preview.unchanged)} already in that status or pending demotion)` : ""}.{" "}
        {preview.target === "marketing"
          ? `They count as marketing today (${day(b.effectiveDate)}).`
          : `They stay marketing until the next update date, ${day(b.nextUpdateDate)} (${preview.timeZone}), then leave the count.`}
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Counts, tier and cost by date">
        <table className="w-full text-sm" data-testid="preview-counts">
          <caption className="sr-only">Marketing contacts, tier and monthly cost</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col">When</th>
              <th scope="col" className="pl-3 text-right">
                Marketing
              </th>
              <th scope="col" className="pl-3 text-right">
                Tier
              </th>
              <th scope="col" className="pl-3 text-right">
                Monthly cost
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ label, snap, base }) => (
              <tr key={label}>
                <th scope="row" className="py-1 text-left font-normal">
                  {label}
                </th>
                <td className="pl-3 text-right tabular-nums">
                  {formatNumber(snap.marketing)}
                  {snap.marketing !== base.marketing ? (
                    <span className="block text-xs text-muted-foreground">was {formatNumber(base.marketing)}</span>
                  ) : null}
                </td>
                <td className="pl-3 text-right tabular-nums">{formatNumber(snap.tierLimit)}</td>
                <td className="pl-3 text-right tabular-nums">{money(snap.monthlyCostMinor, b.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="preview-counts-note">
        Marketing counts include contacts pending demotion: they still count until the update date.
        {pendingBefore
          ? ` ${formatNumber(pendingBefore)} are already pending (earlier requests or changes in HubSpot) and leave the same day.`
          : ""}{" "}
        &ldquo;Was&rdquo; is the count without this request, from the contacts as last synced.
      </p>
      {b.upgrade ? (
        <Alert variant="warning" title="Crosses the contact tier">
          HubSpot upgrades the tier from {formatNumber(b.upgrade.fromLimit)} to {formatNumber(b.upgrade.newLimit)} at once:{" "}
          {money(b.upgrade.proratedChargeMinor, b.currency)} pro-rated, billed {day(b.upgrade.billedOn)}.
        </Alert>
      ) : null}
      {preview.approvalReasons.length ? (
        <Alert variant="info" title="Needs approval">
          Someone else with approval rights must approve it: {preview.approvalReasons.join("; ")}.
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">Under the agency&apos;s thresholds: it runs without approval.</p>
      )}
      {preview.rowErrors.length ? (
        <div>
          <p className="text-sm font-medium">{formatNumber(preview.rowErrors.length)} rows were not used:</p>
          <ul className="max-h-32 overflow-auto text-sm wrap-anywhere" aria-label="Row errors">
            {preview.rowErrors.slice(0, 100).map((e) => (
              <li key={`${e.line}-${e.value}`}>
                Line {e.line}: {e.value} — {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
