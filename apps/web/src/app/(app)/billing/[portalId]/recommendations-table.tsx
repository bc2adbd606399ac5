"use client";

import type { RouterOutputs } from "~/trpc/types";
import Link from "next/link";

import { formatMoney } from "@marketable/billing";
import { formatNumber } from "@marketable/ui/format";

import { Day } from "../day";

type View = RouterOutputs["billing"]["portal"];

/** The non-marketing candidates by kind, with what each would save and a link to review them. */
export function Recommendations({ view }: { view: View }) {
  const money = (minor: number) => formatMoney(minor, view.portal.currency);
  // The server sends no link to a role that may not open contacts (billing).
  const contactsClosed = view.recommendations.some((rec) => rec.candidates > 0 && !rec.href);
  const fits = view.alreadyFits;
  const renewal = fits?.renewal ?? null;
  return (
    <section aria-labelledby="recommendations-heading" className="space-y-2">
      <h2 id="recommendations-heading" className="text-lg font-semibold">
        Recommendations
      </h2>
      <p className="text-sm text-muted-foreground">
        Marketing contacts that could be set to non-marketing (already pending demotions excluded). Savings count from the next update date,{" "}
        <Day day={view.nextUpdateDate} today={view.today} />.
        {contactsClosed ? " Your role does not open contacts: the portal's team reviews these and asks for the change." : null}
      </p>
      {renewal ? (
        <p className="text-sm" data-testid="lower-tier-renewal">
          {renewal.missed ? (
            <>
              Too late for the <Day day={renewal.missed.renewalDate} /> renewal: a lower tier had to be requested by{" "}
              <Day day={renewal.missed.requestBy} />. Lower tiers below are for the renewal after it,{" "}
            </>
          ) : (
            <>Lower tiers below are for the next renewal, </>
          )}
          <Day day={renewal.renewalDate} today={view.today} />, if HubSpot is asked by <Day day={renewal.requestBy} />.
          {fits && fits.toLimit < fits.fromLimit
            ? ` With nobody removed the portal already fits tier ${formatNumber(fits.toLimit)} then (−${money(fits.monthlySavingMinor)} a month): each row counts only what it lowers beyond that.`
            : null}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Non-marketing candidates and the money they would save</caption>
          <thead className="bg-muted/50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">
                Candidates
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Contacts
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Saved a month
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Lower tier at that renewal
              </th>
              <th scope="col" className="px-3 py-2 text-left">
                Action
              </th>
            </tr>
          </thead>
          <tbody>
            {view.recommendations.map((rec) => (
              <tr key={rec.kind} className="border-t" data-testid={`recommendation-${rec.kind}`}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {rec.label}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{formatNumber(rec.candidates)}</td>
                {/* No candidates, no saving: a lower tier that pending demotions alone allow is not this row's. */}
                <td className="px-3 py-2 text-right tabular-nums">{rec.candidates > 0 ? money(rec.monthlyValueMinor) : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {rec.candidates > 0 && rec.stepDown.toLimit < rec.stepDown.fromLimit
                    ? `${formatNumber(rec.stepDown.toLimit)} (−${money(rec.stepDown.monthlySavingMinor)} a month)`
                    : "—"}
                </td>
                <td className="px-3 py-2">
                  {rec.candidates === 0 ? (
                    <span className="text-muted-foreground">none</span>
                  ) : rec.href ? (
                    <Link className="underline" href={rec.href}>
                      Review contacts
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">the portal&apos;s team</span>
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
