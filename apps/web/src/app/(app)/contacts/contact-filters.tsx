"use client";

import type { ContactFilter } from "@marketable/api/validation";
import { Input } from "@marketable/ui/input";
import { Label } from "@marketable/ui/label";
import { NativeSelect } from "~/components/native-select";

type Facets = { sources: string[]; apps: { appId: string; label: string }[]; lifecycleStages: string[] };

const yesNo = (value: boolean | undefined) => (value === undefined ? "" : value ? "yes" : "no");
const fromYesNo = (value: string) => (value === "" ? undefined : value === "yes");

/** The Contacts page's filters; every change resets paging in the parent. */
export function ContactFilters({ filter, facets, onChange }: { filter: ContactFilter; facets: Facets | undefined; onChange: (next: ContactFilter) => void }) {
  const set = (patch: Partial<ContactFilter>) => onChange({ ...filter, ...patch });
  const field = "flex flex-col gap-1 text-sm";
  return (
    <fieldset className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filters">
      <div className={field}>
        <Label htmlFor="f-status">Status</Label>
        <NativeSelect id="f-status" value={filter.status ?? ""} onChange={(e) => set({ status: (e.target.value || undefined) as ContactFilter["status"] })}>
          <option value="">Any</option>
          <option value="marketing">Marketing</option>
          <option value="pendingDemotion">Pending demotion</option>
          <option value="nonMarketing">Non-marketing</option>
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-source">Source</Label>
        <NativeSelect id="f-source" value={filter.source ?? ""} onChange={(e) => set({ source: e.target.value || undefined })}>
          <option value="">Any</option>
          {facets?.sources.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-app">App</Label>
        <NativeSelect id="f-app" value={filter.appId ?? ""} onChange={(e) => set({ appId: e.target.value || undefined })}>
          <option value="">Any</option>
          {facets?.apps.map((a) => (
            <option key={a.appId} value={a.appId}>
              {a.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-bounced">Hard bounced</Label>
        <NativeSelect id="f-bounced" value={yesNo(filter.bounced)} onChange={(e) => set({ bounced: fromYesNo(e.target.value) })}>
          <option value="">Any</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-optout">Opted out</Label>
        <NativeSelect id="f-optout" value={yesNo(filter.optedOut)} onChange={(e) => set({ optedOut: fromYesNo(e.target.value) })}>
          <option value="">Any</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-stage">Lifecycle stage</Label>
        <NativeSelect id="f-stage" value={filter.lifecycleStage ?? ""} onChange={(e) => set({ lifecycleStage: e.target.value || undefined })}>
          <option value="">Any</option>
          {facets?.lifecycleStages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className={field}>
        <Label htmlFor="f-idle">No engagement for (days)</Label>
        <Input
          id="f-idle"
          type="number"
          min={1}
          value={filter.noEngagementDays ?? ""}
          onChange={(e) => set({ noEngagementDays: e.target.value ? Math.max(1, Math.trunc(Number(e.target.value))) : undefined })}
        />
      </div>
      <div className={field}>
        <Label htmlFor="f-from">Created from</Label>
        <Input id="f-from" type="date" value={filter.createdFrom ?? ""} onChange={(e) => set({ createdFrom: e.target.value || undefined })} />
      </div>
      <div className={field}>
        <Label htmlFor="f-to">Created to</Label>
        <Input id="f-to" type="date" value={filter.createdTo ?? ""} onChange={(e) => set({ createdTo: e.target.value || undefined })} />
      </div>
      <div className={`${field} sm:col-span-3`}>
        <Label htmlFor="f-search">Search</Label>
        <Input id="f-search" placeholder="Email or contact id" value={filter.search ?? ""} onChange={(e) => set({ search: e.target.value || undefined })} />
      </div>
    </fieldset>
  );
}
