// What-if: apply hypothetical changes to a projection's input and compare. Pure: the base input
// is never mutated. Because inflows keep their `inTrend` flag, a scenario re-fits the same trend
// and only the changed parts move (see README "What-if").
import { daysBetween, type LocalDate } from "./calendar";
import { money, type Money } from "./money";
import { project, type Inflow, type ProjectedRequest, type Projection, type ProjectionInput } from "./projection";

export type WhatIfChange =
  /**
   * Flip an app's policy. `marketing: false` stops its marketing inflow from today (contacts it
   * already created stay marketing); `marketing: true` starts one (give `perDay` for an app not
   * in the inputs' inflows).
   */
  | { kind: "setInflowPolicy"; source: string; marketing: boolean; perDay?: number }
  | { kind: "addRequest"; request: ProjectedRequest }
  | { kind: "removeRequest"; id: string }
  /** A recommendation applied: demote `count` contacts, queued today, leaving at the next update date. */
  | { kind: "applyRecommendation"; count: number; id?: string };

export type CrossingChange = "none" | "unchanged" | "earlier" | "later" | "avoided" | "introduced";

export interface WhatIfDelta {
  crossing: CrossingChange;
  crossingDateBefore: LocalDate | null;
  crossingDateAfter: LocalDate | null;
  /** Days the crossing moved (positive: later) when both projections cross, else null. */
  crossingShiftDays: number | null;
  /** Base minus scenario: positive is money saved. */
  upgradeChargesSavedMinor: number;
  costThroughHorizonSavedMinor: number;
  monthlyCostAtHorizonSavedMinor: number;
  lowestMonthlyCostAtHorizonSavedMinor: number;
  /** Scenario minus base. */
  expectedAtHorizonDelta: number;
  /** costThroughHorizonSavedMinor as Money. */
  moneySaved: Money;
}

export interface WhatIfResult {
  base: Projection;
  scenario: Projection;
  scenarioInput: ProjectionInput;
  delta: WhatIfDelta;
}

function applyChange(input: ProjectionInput, change: WhatIfChange): ProjectionInput {
  switch (change.kind) {
    case "setInflowPolicy": {
      const inflows: Inflow[] = [...(input.inflows ?? [])];
      const index = inflows.findIndex((inflow) => inflow.source === change.source);
      const existing = index >= 0 ? inflows[index] : undefined;
      if (existing) {
        inflows[index] = { ...existing, active: change.marketing, ...(change.perDay !== undefined ? { perDay: change.perDay } : {}) };
      } else if (change.marketing) {
        if (change.perDay === undefined) throw new RangeError(`Inflow ${change.source} is unknown: give perDay to turn it on`);
        inflows.push({ source: change.source, perDay: change.perDay, inTrend: false, active: true });
      }
      // Turning off an app with no listed inflow changes nothing: it creates no marketing contacts.
      return { ...input, inflows };
    }
    case "addRequest":
      return { ...input, requests: [...(input.requests ?? []), change.request] };
    case "removeRequest": {
      const requests = input.requests ?? [];
      if (!requests.some((r) => r.id === change.id)) throw new RangeError(`No request with id ${change.id}`);
      return { ...input, requests: requests.filter((r) => r.id !== change.id) };
    }
    case "applyRecommendation": {
      const request: ProjectedRequest = {
        id: change.id ?? "recommendation",
        kind: "approved",
        target: "nonMarketing",
        count: change.count,
        effectiveAt: input.now,
      };
      return { ...input, requests: [...(input.requests ?? []), request] };
    }
  }
}

/** The input with every change applied in order. */
export function applyWhatIfChanges(base: ProjectionInput, changes: readonly WhatIfChange[]): ProjectionInput {
  return changes.reduce(applyChange, base);
}

function crossingChange(before: LocalDate | null, after: LocalDate | null): CrossingChange {
  if (before === null) return after === null ? "none" : "introduced";
  if (after === null) return "avoided";
  if (after === before) return "unchanged";
  return after > before ? "later" : "earlier";
}

/** Compares two projections (base first). */
export function compareProjections(base: Projection, scenario: Projection): WhatIfDelta {
  const before = base.crossingDate;
  const after = scenario.crossingDate;
  const saved = base.costThroughHorizonMinor - scenario.costThroughHorizonMinor;
  return {
    crossing: crossingChange(before, after),
    crossingDateBefore: before,
    crossingDateAfter: after,
    crossingShiftDays: before !== null && after !== null ? daysBetween(before, after) : null,
    upgradeChargesSavedMinor: base.upgradeChargesMinor - scenario.upgradeChargesMinor,
    costThroughHorizonSavedMinor: saved,
    monthlyCostAtHorizonSavedMinor: base.monthlyCostAtHorizonMinor - scenario.monthlyCostAtHorizonMinor,
    lowestMonthlyCostAtHorizonSavedMinor: base.lowestMonthlyCostAtHorizonMinor - scenario.lowestMonthlyCostAtHorizonMinor,
    expectedAtHorizonDelta: scenario.expectedAtHorizon - base.expectedAtHorizon,
    moneySaved: money(saved, base.currency),
  };
}

/** Projects the base input and the changed input, and says what moved. */
export function whatIf(base: ProjectionInput, changes: readonly WhatIfChange[]): WhatIfResult {
  const scenarioInput = applyWhatIfChanges(base, changes);
  const baseProjection = project(base);
  const scenario = project(scenarioInput);
  return { base: baseProjection, scenario, scenarioInput, delta: compareProjections(baseProjection, scenario) };
}
