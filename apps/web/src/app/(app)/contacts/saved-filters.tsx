"use client";

import type { ContactFilter } from "@marketable/api/validation";
import { Button } from "@marketable/ui/button";
import { useEffect, useState } from "react";
import { NativeSelect } from "~/components/native-select";

type Saved = { name: string; filter: ContactFilter }[];
const keyFor = (portalId: string) => `marketable.contactFilters.${portalId}`;

/**
 * Named filters per portal, kept in this browser (a shared, server-side list can come later
 * without changing the filter shape).
 */
export function SavedFilters({ portalId, filter, onApply }: { portalId: string; filter: ContactFilter; onApply: (filter: ContactFilter) => void }) {
  const [saved, setSaved] = useState<Saved>([]);
  useEffect(() => {
    try {
      setSaved(JSON.parse(localStorage.getItem(keyFor(portalId)) ?? "[]") as Saved);
    } catch {
      setSaved([]);
    }
  }, [portalId]);
  const store = (next: Saved) => {
    setSaved(next);
    localStorage.setItem(keyFor(portalId), JSON.stringify(next));
  };
  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label="Saved filters"
        className="w-48"
        value=""
        onChange={(e) => {
          const found = saved.find((s) => s.name === e.target.value);
          if (found) onApply(found.filter);
        }}
      >
        <option value="">{saved.length ? "Saved filters…" : "No saved filters"}</option>
        {saved.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </NativeSelect>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          const name = window.prompt("Name this filter")?.trim();
          if (name) store([...saved.filter((s) => s.name !== name), { name, filter }]);
        }}
      >
        Save filter
      </Button>
    </div>
  );
}
