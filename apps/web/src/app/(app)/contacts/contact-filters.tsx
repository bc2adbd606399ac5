"use client";

import { NativeSelect } from "~/components/native-select";
import type { Labeller } from "~/lib/hubspot-labels";
import { RECOMMENDATIONS } from "~/lib/recommendation-labels";
import { useEffect, useState } from "react";

import { contactFilter, type ContactFilter } from "@marketable/api/validation";
import { Input } from "@marketable/ui/input";
import { Label } from "@marketable/ui/label";

type Facets = { sources: string[]; apps: { appId: string; label: string }[]; lifecycleStages: string[] };

const yesNo = (value: boolean | undefined) => (value === undefined ? "" : value ? "yes" : "no");
const fromYesNo = (value: string) => (value === "" ? undefined : value === "yes");

const field = "flex flex-col gap-1 text-sm";
const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** One labelled "Any or one of these" select; the empty value means no filter. */
function SelectFilter({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[] | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className={field}>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} data-slot="form-error" className="text-sm font-medium text-destructive">
      {message}
    </p>
  ) : null;
}

const asOptions = (values: string[] | undefined, label: (code: string) => string) => values?.map((v) => ({ value: v, label: label(v) }));

/**
 * A typed field that writes the URL only after a pause, so typing neither floods the history nor
 * loses keys; an outside change (back, a saved filter) replaces what is shown.
 */
function DebouncedInput({
  value,
  onCommit,
  check,
  ...props
}: Omit<React.ComponentProps<typeof Input>, "value" | "onChange"> & {
  value: string;
  onCommit: (value: string) => void;
  /** The server's own rule for what is typed: a refusal is shown at the field and never reaches the URL. */
  check: (draft: string) => string | undefined;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const error = check(draft);
  useEffect(() => {
    if (draft === value || error) return;
    const timer = setTimeout(() => onCommit(draft), 400);
    return () => clearTimeout(timer);
    // Only the draft starts the pause; onCommit changes on every render of the parent.
  }, [draft]);
  const errorId = `${props.id}-error`;
  return (
    <>
      <Input
        {...props}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
      />
      <FieldError id={errorId} message={error} />
    </>
  );
}

/** The first of the shared schema's words for a value of one filter field, or nothing when it is accepted. */
function refusal<K extends keyof ContactFilter>(key: K, value: unknown): string | undefined {
  const result = contactFilter.shape[key].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** The Contacts page's filters; every change resets paging in the parent. */
export function ContactFilters({
  filter,
  facets,
  labels,
  onChange,
}: {
  filter: ContactFilter;
  facets: Facets | undefined;
  labels: Labeller;
  onChange: (next: ContactFilter, mode?: "push" | "replace") => void;
}) {
  const set = (patch: Partial<ContactFilter>, mode?: "push" | "replace") => onChange({ ...filter, ...patch }, mode);
  const backwards = Boolean(filter.createdFrom && filter.createdTo && filter.createdTo < filter.createdFrom);
  return (
    <fieldset className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filters">
      <SelectFilter
        id="f-status"
        label="Status"
        value={filter.status ?? ""}
        options={[
          { value: "marketing", label: "Marketing" },
          { value: "pendingDemotion", label: "Pending demotion" },
          { value: "marketable", label: "Marketing or pending demotion" },
          { value: "nonMarketing", label: "Non-marketing" },
        ]}
        onChange={(v) => set({ status: (v || undefined) as ContactFilter["status"] })}
      />
      <SelectFilter
        id="f-source"
        label="Source"
        value={filter.source ?? ""}
        options={asOptions(facets?.sources, labels.source)}
        onChange={(v) => set({ source: v || undefined })}
      />
      <SelectFilter
        id="f-app"
        label="App"
        value={filter.appId ?? ""}
        options={facets?.apps.map((a) => ({ value: a.appId, label: a.label }))}
        onChange={(v) => set({ appId: v || undefined })}
      />
      <SelectFilter
        id="f-bounced"
        label="Hard bounced"
        value={yesNo(filter.bounced)}
        options={YES_NO}
        onChange={(v) => set({ bounced: fromYesNo(v) })}
      />
      <SelectFilter
        id="f-optout"
        label="Opted out"
        value={yesNo(filter.optedOut)}
        options={YES_NO}
        onChange={(v) => set({ optedOut: fromYesNo(v) })}
      />
      <SelectFilter
        id="f-stage"
        label="Lifecycle stage"
        value={filter.lifecycleStage ?? ""}
        options={asOptions(facets?.lifecycleStages, labels.lifecycleStage)}
        onChange={(v) => set({ lifecycleStage: v || undefined })}
      />
      <div className={field}>
        <Label htmlFor="f-idle">No engagement for (days)</Label>
        {/* Kept as typed (never rounded or raised to 1): the schema says what is wrong. */}
        <DebouncedInput
          id="f-idle"
          type="number"
          min={1}
          max={3650}
          step={1}
          value={filter.noEngagementDays === undefined ? "" : String(filter.noEngagementDays)}
          check={(v) => refusal("noEngagementDays", v.trim() === "" ? undefined : Number(v))}
          onCommit={(v) => set({ noEngagementDays: v.trim() ? Number(v) : undefined }, "replace")}
        />
      </div>
      <div className={field}>
        <Label htmlFor="f-from">Created from</Label>
        <Input
          id="f-from"
          type="date"
          value={filter.createdFrom ?? ""}
          onChange={(e) => set({ createdFrom: e.target.value || undefined })}
        />
      </div>
      <div className={field}>
        <Label htmlFor="f-to">Created to</Label>
        <Input
          id="f-to"
          type="date"
          value={filter.createdTo ?? ""}
          onChange={(e) => set({ createdTo: e.target.value || undefined })}
          aria-invalid={backwards || undefined}
          aria-describedby={backwards ? "f-to-error" : undefined}
        />
        {/* Days compare as text (YYYY-MM-DD). Said here, or "0 contacts match" looks like an answer. */}
        <FieldError id="f-to-error" message={backwards ? "This is before “Created from”: no contact can match both" : undefined} />
      </div>
      <div className={`${field} sm:col-span-3`}>
        <Label htmlFor="f-search">Search</Label>
        <DebouncedInput
          id="f-search"
          placeholder="Email or contact id"
          value={filter.search ?? ""}
          check={(v) => refusal("search", v || undefined)}
          onCommit={(v) => set({ search: v || undefined }, "replace")}
        />
      </div>
      <SelectFilter
        id="f-recommendation"
        label="Recommendation"
        value={filter.recommendation ?? ""}
        options={RECOMMENDATIONS}
        onChange={(v) => set({ recommendation: (v || undefined) as ContactFilter["recommendation"] })}
      />
    </fieldset>
  );
}
