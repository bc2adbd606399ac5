import { daysBetween } from "@marketable/billing/days";
import { formatContractDay } from "@marketable/ui/format";

/**
 * A portal-local calendar day ("2027-01-05", already in the portal's time zone) with a relative
 * hint counted from the portal's today. Formatted as UTC so the day never shifts.
 */
export function Day({ day, today, testId }: { day: string | null; today?: string; testId?: string }) {
  if (!day) return <span data-testid={testId}>—</span>;
  const text = formatContractDay(day);
  const diff = today ? daysBetween(today, day) : null;
  const hint =
    diff === null
      ? null
      : diff === 0
        ? "today"
        : diff > 0
          ? `in ${diff} day${diff === 1 ? "" : "s"}`
          : `${-diff} day${diff === -1 ? "" : "s"} ago`;
  return (
    <time dateTime={day} data-testid={testId} data-day={day}>
      {text}
      {hint ? <span className="text-muted-foreground"> ({hint})</span> : null}
    </time>
  );
}

/** A contract date as every page shows it (`formatContractDay`, the one formatting module). */
export const formatDay = formatContractDay;
