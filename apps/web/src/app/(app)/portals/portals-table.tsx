"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { billingTermLabel, connectionLabel, editionLabel } from "~/lib/portal-labels";
import { useCheckedValue } from "~/lib/use-checked-value";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import Link from "next/link";
import { useState } from "react";

import { portalSearch } from "@marketable/api/validation";
import { Badge } from "@marketable/ui/badge";
import { DataTable } from "@marketable/ui/data-table";
import { createDataTableColumnHelper } from "@marketable/ui/data-table-columns";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatContractDay, formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";

import { initialPortalsQuery, type PortalSortKey } from "./portals-query";

type Portal = RouterOutputs["portals"]["list"]["items"][number];
type SortKey = PortalSortKey;

const column = createDataTableColumnHelper<Portal>();
const columns = [
  column.accessor("name", {
    header: "Portal",
    cell: (info) => (
      <Link className="font-medium underline-offset-4 hover:underline" href={`/portals/${info.row.original.id}`}>
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor("hubId", { header: "Hub id", enableSorting: false, cell: (info) => info.getValue() ?? "—" }),
  column.accessor("edition", { header: "Edition", cell: (info) => editionLabel(info.getValue()) }),
  // The contract columns read `contract`, which the server sends only with billing.view (they are
  // shown only to such viewers, so "—" is for a portal outside that grant).
  column.accessor((portal) => portal.contract?.purchasedTier ?? null, {
    id: "purchasedTier",
    header: "Contact tier",
    meta: { align: "right" },
    cell: (info) => formatNumber(info.getValue()),
  }),
  column.accessor((portal) => portal.contract?.billingTerm ?? null, {
    id: "billingTerm",
    header: "Term",
    enableSorting: false,
    cell: (info) => {
      const term = info.getValue();
      return term ? billingTermLabel(term) : "—";
    },
  }),
  // Sorted as "renewalDate": the server orders by the next contract renewal it returns here.
  column.accessor((portal) => portal.contract?.nextRenewal ?? null, {
    id: "renewalDate",
    header: "Contract renewal",
    cell: (info) => {
      const day = info.getValue();
      return day ? (
        <time dateTime={day} data-testid="next-renewal" data-day={day}>
          {formatContractDay(day)}
        </time>
      ) : (
        "—"
      );
    },
  }),
  column.accessor("connectionStatus", {
    header: "Connection",
    enableSorting: false,
    cell: (info) => <Badge variant={info.getValue() === "connected" ? "success" : "outline"}>{connectionLabel(info.getValue())}</Badge>,
  }),
];

/** Contract columns are billing: a viewer who may not see billing gets the record's columns only. */
const contractColumns = new Set(["edition", "purchasedTier", "billingTerm", "renewalDate"]);
const recordColumns = columns.filter(
  (c) => !contractColumns.has((c as { accessorKey?: string; id?: string }).accessorKey ?? (c as { id?: string }).id ?? ""),
);

export function PortalsTable({ showContract = true }: { showContract?: boolean }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState(initialPortalsQuery);
  const [search, setSearch] = useState("");
  const checked = useCheckedValue(portalSearch, search.trim());
  const input = { ...query, search: checked.valid || undefined };
  const portals = useQuery({ ...trpc.portals.list.queryOptions(input), placeholderData: keepPreviousData });

  const data = portals.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="space-y-3">
      <Input
        aria-label="Search portals"
        placeholder="Search by name, domain or hub id"
        className="max-w-sm"
        aria-invalid={checked.error ? true : undefined}
        aria-describedby={checked.error ? "portal-search-error" : undefined}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setQuery((q) => ({ ...q, page: 1 }));
        }}
      />
      {checked.error ? (
        <p id="portal-search-error" data-slot="form-error" className="text-sm font-medium text-destructive">
          {checked.error}
        </p>
      ) : null}
      {portals.isError ? (
        <ErrorState title="Could not load portals" message={portals.error.message} onRetry={() => void portals.refetch()} />
      ) : (
        <DataTable
          caption="Portals"
          columns={showContract ? columns : recordColumns}
          data={data?.items ?? []}
          isLoading={portals.isPending}
          getRowId={(row) => row.id}
          sorting={[{ id: query.sort, desc: query.direction === "desc" }]}
          onSortingChange={(sorting) => {
            const first = sorting[0];
            setQuery((q) => ({
              ...q,
              page: 1,
              sort: (first?.id as SortKey | undefined) ?? "name",
              direction: first?.desc ? "desc" : "asc",
            }));
          }}
          pageInfo={{
            page: query.page,
            pageCount,
            totalCount: data?.total,
            hasNextPage: query.page < pageCount,
            hasPreviousPage: query.page > 1,
          }}
          onNextPage={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
          onPreviousPage={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}
          emptyState={
            <EmptyState
              title={search ? "No portal matches" : "No portals yet"}
              description={search ? "Try another name, domain or hub id." : "Portals you are given access to appear here."}
            />
          }
        />
      )}
    </div>
  );
}
