"use client";

import { contactFilter, type ContactFilter } from "@marketable/api/validation";
import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { DataTable } from "@marketable/ui/data-table";
import { createDataTableColumnHelper } from "@marketable/ui/data-table-columns";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatDateInZone } from "@marketable/ui/format";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { z } from "zod";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { ContactFilters } from "./contact-filters";
import { SavedFilters } from "./saved-filters";
import { StatusRequestDialog } from "./status-request-dialog";

type Contact = RouterOutputs["contacts"]["list"]["items"][number];
type SortKey = "email" | "createdAt" | "lastEngagementAt" | "lifecycleStage" | "objectSource" | "marketable";
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

/** One portal's contacts: server-side filtered, sorted and paged; selection feeds a request. */
export function ContactsView({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<ContactFilter>({});
  const [query, setQuery] = useState<{ sort: SortKey; direction: "asc" | "desc"; page: number }>({ sort: "createdAt", direction: "desc", page: 1 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A filter the server would refuse (a 10,000-character search) is not sent: its message shows
  // at the field and the last valid filter's results stay on screen.
  const checked = contactFilter.safeParse(filter);
  const lastValid = useRef<ContactFilter>({});
  if (checked.success) lastValid.current = filter;
  const filterErrors = checked.success ? undefined : z.flattenError(checked.error).fieldErrors;
  const validFilter = lastValid.current;
  const input = { portalId, filter: validFilter, ...query, pageSize: 50 };
  const list = useQuery({ ...trpc.contacts.list.queryOptions(input), placeholderData: keepPreviousData });
  const facets = useQuery(trpc.contacts.facets.queryOptions({ portalId }));
  const timeZone = list.data?.portal.timeZone ?? "UTC";

  const columns = useMemo(
    () => [
      column.display({
        id: "select",
        header: "Select",
        enableSorting: false,
        cell: (info) => (
          <input
            type="checkbox"
            aria-label={`Select ${info.row.original.email ?? info.row.original.hubspotId}`}
            checked={selected.has(info.row.original.hubspotId)}
            onChange={(e) =>
              setSelected((s) => {
                const next = new Set(s);
                if (e.target.checked) next.add(info.row.original.hubspotId);
                else next.delete(info.row.original.hubspotId);
                return next;
              })
            }
          />
        ),
      }),
      column.accessor("email", { header: "Email", cell: (info) => info.getValue() ?? "—" }),
      column.accessor("marketable", { header: "Status", cell: (info) => <StatusBadge contact={info.row.original} /> }),
      column.accessor("objectSource", {
        header: "Source",
        cell: (info) => (
          <span>
            {info.getValue() ?? "—"}
            {info.row.original.sourceName ? <span className="block text-xs text-muted-foreground">{info.row.original.sourceName}</span> : null}
          </span>
        ),
      }),
      column.display({
        id: "flags",
        header: "Bounce / opt-out",
        enableSorting: false,
        cell: (info) => [info.row.original.hardBounced ? "Bounced" : null, info.row.original.optedOut ? "Opted out" : null].filter(Boolean).join(", ") || "—",
      }),
      column.accessor("lastEngagementAt", { header: "Last engagement", cell: (info) => (info.getValue() ? formatDateInZone(info.getValue()!, timeZone, { dateStyle: "medium" }) : "Never") }),
      column.accessor("lifecycleStage", { header: "Lifecycle stage", cell: (info) => info.getValue() ?? "—" }),
      column.accessor("createdAt", { header: "Created", cell: (info) => (info.getValue() ? formatDateInZone(info.getValue()!, timeZone, { dateStyle: "medium" }) : "—") }),
    ],
    [selected, timeZone],
  );

  const data = list.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const exportCsv = async () => {
    const result = await queryClient.fetchQuery(trpc.contacts.exportCsv.queryOptions({ portalId, filter: validFilter }));
    download(`contacts-${portalId}.csv`, result.csv);
  };

  return (
    <section className="space-y-3" aria-label="Contacts">
      <ContactFilters
        filter={filter}
        errors={filterErrors}
        facets={facets.data}
        onChange={(next) => {
          setFilter(next);
          setQuery((q) => ({ ...q, page: 1 }));
        }}
      />
      <div className="flex flex-wrap items-center gap-2">
        {/* Busy while a changed filter's count is fetched: the previous count stays on screen meanwhile. */}
        <span className="text-sm text-muted-foreground" aria-live="polite" aria-busy={list.isFetching} data-testid="match-count">
          {data ? `${data.total.toLocaleString("en-US")} contacts match` : "Loading…"}
          {selected.size ? ` · ${selected.size} selected` : ""}
        </span>
        <SavedFilters
          portalId={portalId}
          filter={filter}
          onApply={(next) => {
            setFilter(next);
            setQuery((q) => ({ ...q, page: 1 }));
          }}
        />
        <div className="ml-auto flex gap-2">
          <Button variant="outline" onClick={() => void exportCsv()}>
            Export CSV
          </Button>
          {data?.canRequest ? <StatusRequestDialog portalId={portalId} filter={validFilter} selectedIds={[...selected]} currency={data.portal.currency} timeZone={timeZone} onCreated={() => setSelected(new Set())} /> : null}
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
        sorting={[{ id: query.sort, desc: query.direction === "desc" }]}
        onSortingChange={(sorting) => {
          const first = sorting[0];
          setQuery((q) => ({ ...q, page: 1, sort: (first?.id as SortKey | undefined) ?? "createdAt", direction: first?.desc ? "desc" : "asc" }));
        }}
        pageInfo={{ page: query.page, pageCount, totalCount: data?.total, hasNextPage: query.page < pageCount, hasPreviousPage: query.page > 1 }}
        onNextPage={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
        onPreviousPage={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}
        emptyState={<EmptyState title="No contacts match" description="Change the filters, or wait for the portal's first sync." />}
      />
      )}
    </section>
  );
}
