import type { ReactNode } from "react";

import { cn } from "./cn";

/** One header cell: its label, and its own classes where it differs from the rest (a number column's `text-right`). */
export interface ColumnHeader {
  label: ReactNode;
  className?: string;
}

/**
 * A plain table's header cells, each a `<th scope="col">`: one class for every cell, one per column
 * where it differs. (Sortable, paged tables use DataTable.)
 */
export function ColumnHeaders({ columns, className }: { columns: readonly (string | ColumnHeader)[]; className?: string }) {
  return columns.map((column) => {
    const { label, className: own } = typeof column === "string" ? { label: column, className: undefined } : column;
    return (
      <th key={typeof label === "string" ? label : String(columns.indexOf(column))} scope="col" className={cn(className, own)}>
        {label}
      </th>
    );
  });
}
