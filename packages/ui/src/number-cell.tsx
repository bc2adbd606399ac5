import type { ComponentProps } from "react";

import { cn } from "./cn";
import { formatNumber, type FormatNumberOptions } from "./format";

export type NumberCellProps = Omit<ComponentProps<"span">, "children"> & {
  value: number | bigint | null | undefined;
  format?: FormatNumberOptions;
};

/** A right-aligned, tabular-figure number so digits line up down a column. */
export function NumberCell({ value, format, className, ...props }: NumberCellProps) {
  return (
    <span data-slot="number-cell" className={cn("block text-right tabular-nums", className)} {...props}>
      {formatNumber(value, format)}
    </span>
  );
}
