"use client";

import { functionalUpdate, useTable, type Header, type RowData, type SortingState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronLeft, ChevronRight, ChevronsUpDown } from "lucide-react";
import type { ReactNode } from "react";

import { Button } from "./button";
import { cn } from "./cn";
import { dataTableFeatures, type DataTableColumnDef, type DataTableFeatures } from "./data-table-columns";
import { focusRing } from "./focus-ring";
import { formatNumber } from "./format";
import { Skeleton } from "./skeleton";

/** Server paging, either cursor style (has next/previous) or numbered (page of pageCount). */
export type DataTablePageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** 1-based current page, when the server knows it. */
  page?: number;
  pageCount?: number;
  /** Total matching rows, shown as "12,480 rows". */
  totalCount?: number;
};

export type DataTableProps<TData extends RowData> = {
  columns: DataTableColumnDef<TData>[];
  data: TData[];
  /** Screen-reader caption naming the table ("Portals by contact usage"). */
  caption: string;
  sorting?: SortingState;
  /** Receives the next sort state; the caller refetches sorted data from the server. */
  onSortingChange?: (sorting: SortingState) => void;
  pageInfo?: DataTablePageInfo;
  onNextPage?: () => void;
  onPreviousPage?: () => void;
  isLoading?: boolean;
  /** How many skeleton rows to show while loading. */
  loadingRows?: number;
  emptyState?: ReactNode;
  getRowId?: (row: TData, index: number) => string;
  className?: string;
};

// Stable fallback: a fresh [] each render would make the table rebuild its state.
const noSorting: SortingState = [];

/**
 * Dense server-driven table. TanStack Table runs in manual mode: it tracks sort state and renders
 * headers and cells, while sorting, filtering and paging happen on the server.
 */
export function DataTable<TData extends RowData>({
  columns,
  data,
  caption,
  sorting = noSorting,
  onSortingChange,
  pageInfo,
  onNextPage,
  onPreviousPage,
  isLoading = false,
  loadingRows = 5,
  emptyState,
  getRowId,
  className,
}: DataTableProps<TData>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    manualSorting: true,
    enableSorting: onSortingChange !== undefined,
    // One sort key at a time: server queries index on one column; shift-click adds nothing.
    enableMultiSort: false,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange?.(functionalUpdate(updater, sorting)),
  });

  const leafCount = table.getAllLeafColumns().length;
  const rows = table.getRowModel().rows;

  return (
    <div data-slot="data-table" className={cn("flex flex-col gap-2", className)}>
      <div className="relative w-full overflow-x-auto rounded-md border">
        <table className="w-full caption-bottom border-collapse text-sm" aria-busy={isLoading || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-muted/50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b">
                {group.headers.map((header) => (
                  <HeaderCell key={header.id} header={header} table={table} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {isLoading ? (
              Array.from({ length: loadingRows }, (_, i) => (
                <tr key={`loading-${i}`} className="border-b last:border-0" data-testid="data-table-loading-row">
                  {Array.from({ length: leafCount }, (_, j) => (
                    <td key={j} className="px-3 py-2">
                      <Skeleton className="h-4 w-full" />
                    </td>
                  ))}
                </tr>
              ))
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={leafCount} className="px-3 py-8 text-center text-muted-foreground">
                  {emptyState ?? "No results."}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="border-b transition-colors last:border-0 hover:bg-muted/40">
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cn("px-3 py-2 align-middle", meta?.align === "right" && "text-right tabular-nums", meta?.className)}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
        {isLoading ? (
          <span role="status" className="sr-only">
            Loading {caption}
          </span>
        ) : null}
      </div>
      {pageInfo ? <Pagination pageInfo={pageInfo} onNextPage={onNextPage} onPreviousPage={onPreviousPage} disabled={isLoading} /> : null}
    </div>
  );
}

type AnyTable<TData extends RowData> = ReturnType<typeof useTable<DataTableFeatures, TData>>;

function HeaderCell<TData extends RowData>({ header, table }: { header: Header<DataTableFeatures, TData>; table: AnyTable<TData> }) {
  const column = header.column;
  const meta = column.columnDef.meta;
  const right = meta?.align === "right";
  const canSort = !header.isPlaceholder && column.getCanSort();
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  return (
    <th
      colSpan={header.colSpan}
      scope="col"
      // aria-sort only on sortable columns; "none" tells screen readers they can be sorted.
      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
      className={cn("h-10 px-3 text-left align-middle font-medium text-muted-foreground", right && "text-right")}
    >
      {header.isPlaceholder ? null : canSort ? (
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          className={cn(
            "-mx-1 inline-flex items-center gap-1 rounded-sm px-1 py-0.5 hover:text-foreground",
            right && "flex-row-reverse",
            focusRing,
          )}
        >
          <table.FlexRender header={header} />
          <Icon className={cn("size-3.5", !sorted && "opacity-40")} aria-hidden />
        </button>
      ) : (
        <table.FlexRender header={header} />
      )}
    </th>
  );
}

/** The table's previous / next bar, also for server-paged views that are not one table (the Integrations matrix). */
export function Pagination({
  pageInfo,
  onNextPage,
  onPreviousPage,
  disabled,
}: {
  pageInfo: DataTablePageInfo;
  onNextPage?: () => void;
  onPreviousPage?: () => void;
  disabled: boolean;
}) {
  const { page, pageCount, totalCount } = pageInfo;
  const position = page !== undefined ? (pageCount !== undefined ? `Page ${page} of ${formatNumber(pageCount)}` : `Page ${page}`) : null;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
      <p aria-live="polite" className="whitespace-nowrap tabular-nums">
        {[totalCount !== undefined ? `${formatNumber(totalCount)} ${totalCount === 1 ? "row" : "rows"}` : null, position]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <div className="flex items-center gap-2">
        <Button variant="outline" size="sm" onClick={onPreviousPage} disabled={disabled || !pageInfo.hasPreviousPage || !onPreviousPage}>
          <ChevronLeft aria-hidden />
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={onNextPage} disabled={disabled || !pageInfo.hasNextPage || !onNextPage}>
          Next
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
