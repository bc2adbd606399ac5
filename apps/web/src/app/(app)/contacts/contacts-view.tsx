"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { contactsQuery, PAGE_SIZES, readContactsView, setConditions, type ContactsViewState, type SortKey } from "~/lib/contacts-url";
import { labeller } from "~/lib/hubspot-labels";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";

import type { ContactFilter } from "@marketable/api/validation";
import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { DataTable } from "@marketable/ui/data-table";
import { createDataTableColumnHelper } from "@marketable/ui/data-table-columns";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatDateInZone } from "@marketable/ui/format";

import { ContactFilters } from "./contact-filters";
import { csvFileName } from "./csv-file-name";
import { SavedFilters } from "./saved-filters";
import { StatusRequestDialog } from "./status-request-dialog";

type Contact = RouterOutputs["contacts"]["list"]["items"][number];
const column = createDataTableColumnHelper<Contact>();

function StatusBadge({ contact }: { contact: Contact }) {
  if (!contact.marketable) return <Badge variant="outline">Non-marketing</Badge>;
  if (contact.pendingDemotion) return <Badge variant="warning">Pending demotion</Badge>;
  return <Badge variant="success">Marketing</Badge>;
}

function download(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * One portal's contacts: server-side filtered, sorted and paged; selection feeds a request. The
 * view lives in the query string (see contacts-url.ts): a change pushes a history entry, so back
 * restores the previous view; Next's router follows `history.pushState` without a server render.
 */
export function ContactsView({ portalId, portalName }: { portalId: string; portalName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const view = useMemo(() => readContactsView(new URLSearchParams(searchParams.toString())), [searchParams]);
  const { filter } = view;
  const requestOnOpen = searchParams.get("request") === "nonMarketing";
  const navigate = (next: Partial<ContactsViewState>, mode: "push" | "replace" = "push") => {
    const qs = contactsQuery(portalId, { ...view, ...next });
    window.history[mode === "push" ? "pushState" : "replaceState"](null, "", `?${qs}`);
    setSelected(new Set());
    setAllMatching(false);
  };
  const setFilter = (next: ContactFilter, mode: "push" | "replace" = "push") => navigate({ filter: next, page: 1 }, mode);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = setConditions(filter).length;
  // "Select all N matching": the request then takes the filter, not ids.
  const [allMatching, setAllMatching] = useState(false);
  // The URL's filter is always one the server accepts (readContactsView drops anything else); a
  // refused value typed into a field stays in that field with its message (ContactFilters).
  const validFilter = filter;
  const input = { portalId, filter: validFilter, sort: view.sort, direction: view.direction, page: view.page, pageSize: view.pageSize };
  const list = useQuery({ ...trpc.contacts.list.queryOptions(input), placeholderData: keepPreviousData });
  const facets = useQuery(trpc.contacts.facets.queryOptions({ portalId }));
  const timeZone = list.data?.portal.timeZone ?? "UTC";
  const labels = useMemo(() => labeller(facets.data?.labels), [facets.data]);
  const pageIds = list.data?.items.map((c) => c.hubspotId) ?? [];
  const pageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  const columnsWithSelect = useMemo(
    () => [
      column.display({
        id: "select",
        header: () => (
          <input
            type="checkbox"
            aria-label="Select every contact on this page"
            checked={pageSelected}
            onChange={(e) => {
              setAllMatching(false);
              setSelected(e.target.checked ? new Set(pageIds) : new Set());
            }}
          />
        ),
        enableSorting: false,
        cell: (info) => (
          <input
            type="checkbox"
            aria-label={`Select ${info.row.original.email ?? info.row.original.hubspotId}`}
            checked={allMatching || selected.has(info.row.original.hubspotId)}
            onChange={(e) => {
              setAllMatching(false);
              setSelected((s) => {
                const next = new Set(s);
                if (e.target.checked) next.add(info.row.original.hubspotId);
                else next.delete(info.row.original.hubspotId);
                return next;
              });
            }}
          />
        ),
      }),
      column.accessor("email", { header: "Email", cell: (info) => info.getValue() ?? "—" }),
      column.accessor("marketable", { header: "Status", cell: (info) => <StatusBadge contact={info.row.original} /> }),
      column.accessor("objectSource", {
        header: "Source",
        cell: (info) => (
          <span>
            {info.getValue() ? labels.source(info.getValue()!) : "—"}
            {info.row.original.sourceName ? (
              <span className="block text-xs text-muted-foreground">{info.row.original.sourceName}</span>
            ) : null}
          </span>
        ),
      }),
      column.display({
        id: "flags",
        header: "Bounce / opt-out",
        enableSorting: false,
        cell: (info) =>
          [info.row.original.hardBounced ? "Bounced" : null, info.row.original.optedOut ? "Opted out" : null].filter(Boolean).join(", ") ||
          "—",
      }),
      column.accessor("lastEngagementAt", {
        header: "Last engagement",
        cell: (info) => (info.getValue() ? formatDateInZone(info.getValue()!, timeZone, { dateStyle: "medium" }) : "Never"),
      }),
      column.accessor("lifecycleStage", {
        header: "Lifecycle stage",
        cell: (info) => (info.getValue() ? labels.lifecycleStage(info.getValue()!) : "—"),
      }),
      column.accessor("createdAt", {
        header: "Created",
        cell: (info) => (info.getValue() ? formatDateInZone(info.getValue()!, timeZone, { dateStyle: "medium" }) : "—"),
      }),
    ],
    [selected, allMatching, pageSelected, pageIds.join(), timeZone, labels],
  );
  // Selecting contacts feeds a request: a role that may not request (analyst, client) gets no checkboxes.
  const canRequest = list.data?.canRequest ?? false;
  const columns = useMemo(
    () => (canRequest ? columnsWithSelect : columnsWithSelect.filter((c) => c.id !== "select")),
    [columnsWithSelect, canRequest],
  );

  const data = list.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const exportCsv = async () => {
    const result = await queryClient.fetchQuery(trpc.contacts.exportCsv.queryOptions({ portalId, filter: validFilter }));
    download(csvFileName(portalName, new Date(), timeZone), result.csv);
  };
  const total = data?.total ?? 0;

  return (
    <section className="space-y-3" aria-label="Contacts">
      {/* On a phone the eleven filters filled the first screen before any contact: they fold away. */}
      <Button
        variant="outline"
        size="sm"
        className="sm:hidden"
        aria-expanded={filtersOpen}
        aria-controls="contact-filters"
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtersOpen ? "Hide filters" : activeFilters ? `Filters (${activeFilters} on)` : "Filters"}
      </Button>
      <div id="contact-filters" className={filtersOpen ? undefined : "max-sm:hidden"}>
        <ContactFilters filter={filter} facets={facets.data} labels={labels} onChange={setFilter} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {/* Busy while a changed filter's count is fetched: the previous count stays on screen meanwhile. */}
        <span
          className="text-sm text-muted-foreground"
          aria-live="polite"
          aria-busy={list.isFetching}
          data-testid="match-count"
          data-filter={JSON.stringify(validFilter)}
        >
          {data ? `${data.total.toLocaleString("en-US")} contacts match` : "Loading…"}
          {allMatching ? ` · all ${total.toLocaleString("en-US")} selected` : selected.size ? ` · ${selected.size} selected` : ""}
        </span>
        {pageSelected && !allMatching && total > pageIds.length ? (
          <Button variant="link" size="sm" onClick={() => setAllMatching(true)}>
            Select all {total.toLocaleString("en-US")} matching
          </Button>
        ) : null}
        {allMatching ? (
          <Button
            variant="link"
            size="sm"
            onClick={() => {
              setAllMatching(false);
              setSelected(new Set());
            }}
          >
            Clear selection
          </Button>
        ) : null}
        <SavedFilters portalId={portalId} filter={filter} onApply={(next) => setFilter(next)} />
        <div className="ml-auto flex gap-2">
          <Button variant="outline" onClick={() => void exportCsv()}>
            Export CSV
          </Button>
          {data?.canRequest ? (
            <StatusRequestDialog
              portalId={portalId}
              filter={validFilter}
              selectedIds={allMatching ? [] : [...selected]}
              currency={data.portal.currency}
              timeZone={timeZone}
              onCreated={() => {
                setSelected(new Set());
                setAllMatching(false);
              }}
              openWith={requestOnOpen ? { target: "nonMarketing" } : undefined}
              onClosed={() => {
                // Opened from a link (drift's "request non-marketing"): closing leaves the filter, not the dialog, in the URL.
                if (requestOnOpen) navigate({}, "replace");
              }}
            />
          ) : null}
        </div>
      </div>
      {/* A refused load replaces the table only: the filters above stay to be changed. */}
      {list.isError ? (
        <ErrorState title="Could not load contacts" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          caption="Contacts"
          columns={columns}
          data={data?.items ?? []}
          isLoading={list.isPending}
          getRowId={(row) => row.hubspotId}
          sorting={[{ id: view.sort, desc: view.direction === "desc" }]}
          onSortingChange={(sorting) => {
            const first = sorting[0];
            navigate({ page: 1, sort: (first?.id as SortKey | undefined) ?? "createdAt", direction: first?.desc ? "desc" : "asc" });
          }}
          pageInfo={{
            page: view.page,
            pageCount,
            totalCount: data?.total,
            hasNextPage: view.page < pageCount,
            hasPreviousPage: view.page > 1,
          }}
          onNextPage={() => navigate({ page: view.page + 1 })}
          onPreviousPage={() => navigate({ page: view.page - 1 })}
          emptyState={<EmptyState title="No contacts match" description="Change the filters, or wait for the portal's first sync." />}
        />
      )}
      <div className="flex items-center justify-end gap-2 text-sm">
        <label htmlFor="page-size">Rows per page</label>
        <NativeSelect
          id="page-size"
          className="w-24"
          value={String(view.pageSize)}
          onChange={(e) => navigate({ page: 1, pageSize: Number(e.target.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </NativeSelect>
      </div>
    </section>
  );
}
