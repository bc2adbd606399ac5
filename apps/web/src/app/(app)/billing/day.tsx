import { daysBetween } from "@marketable/billing/days";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * A portal-local calendar day ("2027-01-05", already in the portal's time zone) with a relative
 * hint counted from the portal's today. Formatted as UTC so the day never shifts.
 */
export function Day({ day, today, testId }: { day: string | null; today?: string; testId?: string }) {
  if (!day) return <span data-testid={testId}>—</span>;
  const text = dayFormat.format(new Date(`${day}T00:00:00Z`));
  const diff = today ? daysBetween(today, day) : null;
  const hint = diff === null ? null : diff === 0 ? "today" : diff > 0 ? `in ${diff} day${diff === 1 ? "" : "s"}` : `${-diff} day${diff === -1 ? "" : "s"} ago`;
  return (
    <time dateTime={day} data-testid={testId} data-day={day}>
      {text}
      {hint ? <span className="text-muted-foreground"> ({hint})</span> : null}
    </time>
  );
}

export function formatDay(day: string) {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}
