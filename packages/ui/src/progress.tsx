"use client";

import * as ProgressPrimitive from "@radix-ui/react-progress";
import { useId, type ComponentProps, type ReactNode } from "react";

import { cn } from "./cn";

export type ProgressProps = Omit<ComponentProps<typeof ProgressPrimitive.Root>, "value" | "max"> & {
  /** Visible label, also the bar's accessible name ("Syncing contacts"). */
  label?: ReactNode;
  /** Done so far; null or undefined means indeterminate. */
  value?: number | null;
  max?: number;
  /** Text beside the label, e.g. "4,200 of 12,000 · about 2 min left". */
  detail?: ReactNode;
};

/**
 * Progress bar for long work. Radix sets role="progressbar" and aria-valuemin/max/now; the
 * label is linked with aria-labelledby so "4,200 of 12,000" is read with its meaning.
 */
export function Progress({ className, label, value, max = 100, detail, ...props }: ProgressProps) {
  const labelId = useId();
  const determinate = typeof value === "number" && Number.isFinite(value);
  // Radix treats out-of-range values as invalid (and drops aria-valuenow): clamp instead.
  const clamped = determinate ? Math.min(Math.max(value, 0), max) : null;
  const percent = clamped === null || max <= 0 ? 0 : (clamped / max) * 100;
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      {(label ?? detail) ? (
        <div className="flex items-baseline justify-between gap-2 text-sm">
          {label ? (
            <span id={labelId} className="font-medium">
              {label}
            </span>
          ) : null}
          {detail ? <span className="text-muted-foreground tabular-nums">{detail}</span> : null}
        </div>
      ) : null}
      <ProgressPrimitive.Root
        data-slot="progress"
        value={clamped}
        max={max}
        aria-labelledby={label ? labelId : undefined}
        className="relative h-2 w-full overflow-hidden rounded-full bg-muted"
        {...props}
      >
        <ProgressPrimitive.Indicator
          className={cn("h-full bg-primary transition-[width]", clamped === null && "w-1/3 animate-pulse")}
          style={clamped === null ? undefined : { width: `${percent}%` }}
        />
      </ProgressPrimitive.Root>
    </div>
  );
}
