import {
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  type CellData,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";

/** Per-column display hints DataTable understands. */
export type DataTableColumnMeta = {
  /** "right" for numbers: right-aligned header and cells with tabular figures. */
  align?: "left" | "right";
  /** Class for every cell of the column (width limits, truncation). */
  className?: string;
};

/**
 * The TanStack Table v9 feature set DataTable runs with: sorting state only (the server sorts,
 * so no sorted row model) and typed column meta. Columns are typed against it.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

// `any` for the value type: a columns array mixes value types, and ColumnDef is invariant in it
// (TanStack's own docs type heterogeneous arrays the same way).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumnDef<TData extends RowData, TValue extends CellData = any> = ColumnDef<DataTableFeatures, TData, TValue>;

/** Column helper bound to DataTable's features: `const col = createDataTableColumnHelper<Row>()`. */
export function createDataTableColumnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export type { RowData, SortingState, ColumnSort } from "@tanstack/react-table";
