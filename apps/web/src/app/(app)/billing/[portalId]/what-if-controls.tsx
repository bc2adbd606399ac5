"use client";

import type { RouterOutputs } from "~/trpc/types";

import { Button } from "@marketable/ui/button";
import { Checkbox } from "@marketable/ui/checkbox";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { Label } from "@marketable/ui/label";

import type { WhatIfState } from "./use-what-if";

type View = RouterOutputs["billing"]["portal"];

/** The what-if's inputs under the projection: app policies, extra contacts, and the recommendations to apply. */
export function WhatIfControls({ view, whatIf }: { view: View; whatIf: WhatIfState }) {
  const { appFlips, setAppFlips, extra, setExtra, extraError } = whatIf;
  return (
    <>
      <fieldset className="space-y-3 rounded-md border p-4">
        {/* A short legend: a long one wrapped around the box's top border on a phone. */}
        <legend className="px-1 text-sm font-medium">What if…</legend>
        <p className="text-xs text-muted-foreground">Redraws the projection above; nothing is saved.</p>
        {view.apps.length > 0 ? (
          <div className="space-y-2">
            <div className="text-sm text-muted-foreground">Apps creating contacts: create them as marketing?</div>
            {view.apps.map((app) => {
              const on = appFlips[app.source] ?? app.observedOn;
              const id = `what-if-${app.appId}`;
              return (
                <div key={app.appId} className="flex items-center gap-2">
                  <Checkbox
                    id={id}
                    checked={on}
                    onCheckedChange={(checked) => setAppFlips((f) => ({ ...f, [app.source]: checked === true }))}
                  />
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
            aria-invalid={extraError ? true : undefined}
            aria-describedby={extraError ? "what-if-extra-error" : undefined}
            onChange={(e) => setExtra(e.target.value)}
          />
          {extraError ? (
            <p id="what-if-extra-error" data-slot="form-error" className="basis-full text-sm font-medium text-destructive">
              {extraError}
            </p>
          ) : null}
        </div>
        {whatIf.changes.length > 0 ? (
          <Button variant="outline" size="sm" onClick={whatIf.reset}>
            Reset what-if
          </Button>
        ) : null}
      </fieldset>

      <RecommendationToggles view={view} whatIf={whatIf} />
    </>
  );
}

function RecommendationToggles({ view, whatIf: { applied, setApplied } }: { view: View; whatIf: WhatIfState }) {
  const usable = view.recommendations.filter((r) => r.candidates > 0);
  if (usable.length === 0) return null;
  return (
    <fieldset className="space-y-2 rounded-md border p-4">
      <legend className="px-1 text-sm font-medium">Apply a recommendation in the what-if</legend>
      {usable.map((rec) => {
        const id = `apply-${rec.kind}`;
        return (
          <div key={rec.kind} className="flex items-center gap-2">
            <Checkbox
              id={id}
              checked={applied[rec.kind] ?? false}
              onCheckedChange={(checked) => setApplied((a) => ({ ...a, [rec.kind]: checked === true }))}
            />
            <Label htmlFor={id}>
              {rec.label}: set {formatNumber(rec.candidates)} to non-marketing
            </Label>
          </div>
        );
      })}
    </fieldset>
  );
}
