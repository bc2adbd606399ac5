import { useId, type ReactNode } from "react";

import { Card } from "./card";
import { cn } from "./cn";

export type StatCardProps = {
  label: ReactNode;
  /** Already formatted (formatNumber/formatCurrency) so the caller picks units and currency. */
  value: ReactNode;
  /** Context under the value: "of 10,000 in tier", "+4% this week". */
  hint?: ReactNode;
  /** Tints the hint, e.g. "warning" near a tier limit. */
  tone?: "default" | "success" | "warning" | "destructive";
  icon?: ReactNode;
  className?: string;
};

const toneClass = {
  default: "text-muted-foreground",
  success: "text-success",
  warning: "text-warning-foreground dark:text-warning",
  destructive: "text-destructive",
} as const;

/** One headline number. A <section> named by its label so it is reachable by landmark. */
export function StatCard({ label, value, hint, tone = "default", icon, className }: StatCardProps) {
  const labelId = useId();
  return (
    <Card className={cn("gap-2 px-5 py-4", className)}>
      <section aria-labelledby={labelId} data-slot="stat-card" className="flex flex-col gap-1">
        <div className="flex items-center justify-between gap-2">
          <h3 id={labelId} className="text-sm font-medium text-muted-foreground">
            {label}
          </h3>
          {icon ? (
            <span aria-hidden className="text-muted-foreground [&_svg]:size-4">
              {icon}
            </span>
          ) : null}
        </div>
        <p className="text-2xl font-semibold tabular-nums">{value}</p>
        {hint ? <p className={cn("text-xs", toneClass[tone])}>{hint}</p> : null}
      </section>
    </Card>
  );
}
