import type { ComponentProps } from "react";

import { cn } from "./cn";
import { DEFAULT_LOCALE, formatDateInZone, formatRelative, toDate, type DateInput } from "./format";

export type RelativeDateProps = Omit<ComponentProps<"time">, "children" | "dateTime"> & {
  date: DateInput;
  /** IANA zone the date is shown in, normally the portal's ("Europe/Berlin"). */
  timeZone: string;
  /**
   * The reference instant for the hint. Pass it from the server render (or a ticking clock) so
   * server and client agree and tests are deterministic.
   */
  now: DateInput;
  locale?: string;
  format?: Intl.DateTimeFormatOptions;
  /** Hide the relative hint, e.g. in a dense table column that already sorts by date. */
  hideRelative?: boolean;
};

/** `Mar 7, 2026, 9:00 AM (in 3 days)` in the portal's zone, with the zone name in the tooltip. */
export function RelativeDate({
  date,
  timeZone,
  now,
  locale = DEFAULT_LOCALE,
  format,
  hideRelative,
  className,
  ...props
}: RelativeDateProps) {
  const d = toDate(date);
  if (Number.isNaN(d.getTime())) {
    return <span className={className}>—</span>;
  }
  const absolute = formatDateInZone(d, timeZone, format, locale);
  // The tooltip names the zone, since a bare offset ("GMT+1") does not say whose time it is.
  const full = `${formatDateInZone(d, timeZone, { dateStyle: "full", timeStyle: "long" }, locale)} (${timeZone})`;
  return (
    <time data-slot="relative-date" dateTime={d.toISOString()} title={full} className={cn("tabular-nums", className)} {...props}>
      {absolute}
      {hideRelative ? null : <span className="text-muted-foreground"> ({formatRelative(d, now, timeZone, locale)})</span>}
    </time>
  );
}
