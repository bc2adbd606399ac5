"use client";

import { readWholeNumber } from "~/lib/typed-number";
import type { RouterOutputs } from "~/trpc/types";
import { useMemo, useState } from "react";

import { whatIfExtraContacts } from "@marketable/api/validation";
import type { WhatIfChange } from "@marketable/billing";

type View = RouterOutputs["billing"]["portal"];

/** The what-if's inputs (app policies flipped, recommendations applied, extra contacts) and the changes they make. */
export function useWhatIf(view: View) {
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
    for (const rec of view.recommendations)
      if (applied[rec.kind] && rec.candidates > 0) list.push({ kind: "applyRecommendation", count: rec.candidates, id: rec.kind });
    if (extraCount > 0)
      list.push({ kind: "addRequest", request: { id: "what-if-request", kind: "pending", target: "marketing", count: extraCount } });
    return list;
  }, [appFlips, applied, extraCount, view.apps, view.recommendations]);

  const reset = () => {
    setAppFlips({});
    setApplied({});
    setExtra("");
  };
  return { appFlips, setAppFlips, applied, setApplied, extra, setExtra, extraError: extraRead.error, changes, reset };
}

export type WhatIfState = ReturnType<typeof useWhatIf>;
