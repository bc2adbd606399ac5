"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { loadValidation, useValidation } from "~/lib/lazy-validation";
import { useCheckedValue } from "~/lib/use-checked-value";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";

import { formatMoney } from "@marketable/billing/money";
import { Button } from "@marketable/ui/button";
import { DataTable } from "@marketable/ui/data-table";
import { createDataTableColumnHelper } from "@marketable/ui/data-table-columns";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

import { ContractUnconfirmedBadge } from "./contract-unconfirmed-notice";
import { Day } from "./day";
import { rollupHref, rollupInputFrom, type RollupInput } from "./rollup-input";

type Row = RouterOutputs["billing"]["rollup"]["rows"][number];
type SortKey = NonNullable<RollupInput["sort"]>["id"];
type Filter = NonNullable<RollupInput["filter"]>;

const money = (minor: number, currency: string) => formatMoney(minor, currency);

const column = createDataTableColumnHelper<Row>();
const columns = [
  column.accessor("name", {
    id: "name",
    header: "Portal",
    cell: (info) => (
      <span className="inline-flex flex-wrap items-center gap-2">
        <Link className="font-medium underline-offset-4 hover:underline" href={`/billing/${info.row.original.portalId}`}>
          {info.getValue()}
        </Link>
        {info.row.original.contractNeedsConfirmation ? <ContractUnconfirmedBadge /> : null}
      </span>
    ),
  }),
  column.accessor("marketing", {
    id: "marketing",
    header: "Marketing contacts",
    meta: { align: "right" },
    cell: (info) => (info.getValue() === null ? <span className="text-muted-foreground">not synced</span> : formatNumber(info.getValue())),
  }),
  column.accessor("tierLimit", {
    id: "tierLimit",
    header: "Tier limit",
    meta: { align: "right" },
    cell: (info) => formatNumber(info.getValue()),
  }),
  column.accessor("headroomPct", {
    id: "headroomPct",
    header: "Headroom",
    meta: { align: "right" },
    cell: (info) => {
      const v = info.getValue();
      if (v === null) return "—";
      return (
        <span className={v <= 10 ? "font-semibold text-destructive" : v <= 20 ? "font-semibold" : undefined}>{`${v.toFixed(1)} %`}</span>
      );
    },
  }),
  column.accessor("crossingDate", {
    id: "crossingDate",
    header: "Projected crossing",
    cell: (info) => (info.getValue() ? <Day day={info.getValue()} /> : <span className="text-muted-foreground">not before renewal</span>),
  }),
  column.accessor("monthlyCostMinor", {
    id: "monthlyCost",
    header: "Monthly cost",
    meta: { align: "right" },
    cell: (info) =>
      info.row.original.problem ? <span title={info.row.original.problem}>—</span> : money(info.getValue(), info.row.original.currency),
  }),
  column.accessor("removableValueMonthlyMinor", {
    id: "savings",
    header: "Savings available / month",
    meta: { align: "right" },
    cell: (info) => money(info.getValue(), info.row.original.currency),
  }),
];

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function RollupTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Sort, filter, search and page are the URL's (see rollup-input.ts); the server sends one page.
  const input = rollupInputFrom(useSearchParams());
  const { sort, filter = "all", page = 1 } = input;
  const sortBy = sort!;
  const [search, setSearch] = useState(input.search ?? "");
  // A search the server would refuse (10,000 characters) stays in the box with its message; the
  // URL and the table keep the last accepted one.
  const typed = search !== (input.search ?? "");
  const checkedSearch = useCheckedValue(useValidation(typed)?.rollupSearch, search.trim());
  /** Shows another view: a new history entry, or the same one while typing a search. Back to page 1 unless a page is given. */
  const show = (next: Partial<RollupInput>, history: "push" | "replace" = "push") =>
    window.history[history === "push" ? "pushState" : "replaceState"](null, "", rollupHref({ ...input, page: 1, ...next }));
  const onSearch = (text: string) => {
    setSearch(text);
    // The schema arrives with the first keystroke; searches apply in the order typed.
    void loadValidation().then(({ rollupSearch }) => {
      if (rollupSearch.safeParse(text.trim()).success) show({ search: text.trim() || undefined }, "replace");
    });
  };
  const rollup = useQuery({ ...trpc.billing.rollup.queryOptions(input), placeholderData: keepPreviousData });
  const [exporting, setExporting] = useState(false);

  if (rollup.isError)
    return <ErrorState title="Could not load the roll-up" message={rollup.error.message} onRetry={() => void rollup.refetch()} />;
  const data = rollup.data;

  async function exportCsv() {
    setExporting(true);
    try {
      const { csv } = await queryClient.fetchQuery(trpc.billing.rollupCsv.queryOptions({ sort, filter, search: input.search }));
      download("billing-rollup.csv", csv);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Export failed");
    } finally {
      setExporting(false);
    }
  }

  return (
    <section aria-labelledby="rollup-heading" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="rollup-heading" className="mr-auto text-lg font-semibold">
          Agency roll-up
        </h2>
        <div className="flex flex-col gap-1">
          <Input
            aria-label="Search portals"
            placeholder="Search by portal name"
            className="w-60"
            aria-invalid={checkedSearch.error ? true : undefined}
            aria-describedby={checkedSearch.error ? "rollup-search-error" : undefined}
            value={search}
            onChange={(e) => onSearch(e.target.value)}
          />
          {checkedSearch.error ? (
            <p id="rollup-search-error" data-slot="form-error" className="max-w-60 text-sm font-medium text-destructive">
              {checkedSearch.error}
            </p>
          ) : null}
        </div>
        <NativeSelect aria-label="Show" className="w-56" value={filter} onChange={(e) => show({ filter: e.target.value as Filter })}>
          <option value="all">All portals</option>
          <option value="crossing">Crossing their tier before renewal</option>
          <option value="over80">Over 80 % of their tier</option>
          <option value="noUsage">Not synced yet</option>
        </NativeSelect>
        <Button variant="outline" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
      </div>
      <DataTable
        caption="Agency roll-up: marketing contacts, tier, headroom, projected crossing, cost and savings per portal"
        columns={columns}
        data={data?.rows ?? []}
        isLoading={rollup.isPending}
        getRowId={(row) => row.portalId}
        sorting={[{ id: sortBy.id, desc: sortBy.desc }]}
        onSortingChange={(sorting) => {
          const first = sorting[0];
          // The table always has an order: TanStack's third click on a numeric column (or the first
          // click on the default ascending Headroom) "removes" sorting, which here means flip it.
          show({ sort: first ? { id: first.id as SortKey, desc: first.desc } : { ...sortBy, desc: !sortBy.desc } });
        }}
        pageInfo={
          data
            ? {
                page: data.page,
                pageCount: data.pageCount,
                totalCount: data.matched,
                hasPreviousPage: data.page > 1,
                hasNextPage: data.page < data.pageCount,
              }
            : undefined
        }
        onPreviousPage={() => show({ page: (data?.page ?? page) - 1 })}
        onNextPage={() => show({ page: (data?.page ?? page) + 1 })}
        emptyState={
          <EmptyState
            title={search || filter !== "all" ? "No portal matches" : "No portals to show"}
            description="Portals you may see billing for appear here."
          />
        }
      />
      {data && data.totals.length > 0 ? (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Roll-up totals">
          <table className="w-full text-sm" data-testid="rollup-totals">
            <caption className="sr-only">Totals per currency</caption>
            <thead>
              <tr className="text-muted-foreground">
                <th scope="col" className="px-3 py-1 text-left font-normal">
                  Totals
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Portals
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Marketing contacts
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Tier limits
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Headroom
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Crossing before renewal
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Monthly cost
                </th>
                <th scope="col" className="px-3 py-1 text-right font-normal">
                  Savings / month
                </th>
              </tr>
            </thead>
            <tbody>
              {data.totals.map((t) => (
                <tr key={t.currency} className="border-t font-medium">
                  <th scope="row" className="px-3 py-1 text-left">
                    {t.currency}
                  </th>
                  <td className="px-3 py-1 text-right tabular-nums">{formatNumber(t.portals)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatNumber(t.marketing)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatNumber(t.tierLimit)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{`${t.headroomPct.toFixed(1)} %`}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatNumber(t.crossing)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{money(t.monthlyCostMinor, t.currency)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{money(t.removableValueMonthlyMinor, t.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="text-xs text-muted-foreground">
        Totals cover synced portals, one line per currency. Savings: the removable contacts of the recommendations at the block rate, from
        the next update date.
      </p>
    </section>
  );
}
