"use client";

import { useId, useSyncExternalStore } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

import { cn } from "./cn";
import { DEFAULT_LOCALE, formatNumber } from "./format";

/** One day of a series. `date` is a calendar day ("2026-03-02"); low/high bound the uncertainty band. */
export type LineChartPoint = {
  date: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
};

export type LineChartProps = {
  data: LineChartPoint[];
  /** Accessible name and visible caption. */
  title: string;
  /** One-sentence takeaway for screen readers and sighted users ("Projected to cross 10,000 on Mar 14"). */
  description?: string;
  /** Name of the plotted value, used in the tooltip and the data table header. */
  valueLabel?: string;
  /** Name of the low–high band ("Projected range"); the band is drawn only if points carry low/high. */
  bandLabel?: string;
  /** Horizontal line such as a tier limit. */
  referenceLine?: { value: number; label: string };
  locale?: string;
  /** Serializable formatting so a server component can configure it. */
  numberFormat?: Intl.NumberFormatOptions;
  dateFormat?: Intl.DateTimeFormatOptions;
  height?: number;
  className?: string;
};

const subscribeNever = () => () => {};

/**
 * False on the server and while hydrating, true in the browser after. Recharts' responsive chart
 * measures its box, so the server draws no plot anyway; the screen-reader table of every point
 * (a year of days: most of a billing page's HTML and of its render time) comes with it.
 */
function useInBrowser() {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * Daily trend over recharts. Recharts' accessibility layer keeps the plot keyboard-navigable
 * (arrow keys move the tooltip); an sr-only <table> gives screen readers every number, since
 * an SVG path has none to read.
 */
export function LineChart({
  data,
  title,
  description,
  valueLabel = "Value",
  bandLabel = "Range",
  referenceLine,
  locale = DEFAULT_LOCALE,
  numberFormat,
  dateFormat = { month: "short", day: "numeric" },
  height = 260,
  className,
}: LineChartProps) {
  const titleId = useId();
  const descId = useId();
  const inBrowser = useInBrowser();
  const hasBand = data.some((p) => p.low != null && p.high != null);
  const fmtValue = (n: number | null | undefined) => formatNumber(n, { locale, ...numberFormat });
  // Calendar days carry no zone: format them as UTC so the label is the same day everywhere.
  const dateFormatter = new Intl.DateTimeFormat(locale, { ...dateFormat, timeZone: "UTC" });
  const fmtDate = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? day : dateFormatter.format(d);
  };

  return (
    <figure
      data-slot="line-chart"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      className={cn("flex flex-col gap-2", className)}
    >
      <figcaption id={titleId} className="text-sm font-medium">
        {title}
      </figcaption>
      {description ? (
        <p id={descId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {/* The plot's space is kept while the page loads, so nothing below it moves. */}
      {inBrowser ? null : <div data-slot="line-chart-placeholder" style={{ height }} />}
      {inBrowser ? (
        <ComposedChart
          responsive
          data={data}
          style={{ width: "100%", height }}
          title={title}
          desc={description}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="date"
            tickFormatter={fmtDate}
            stroke="var(--color-muted-foreground)"
            fontSize={12}
            tickLine={false}
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(v: number) => fmtValue(v)}
            stroke="var(--color-muted-foreground)"
            fontSize={12}
            tickLine={false}
            width={64}
          />
          <Tooltip
            labelFormatter={(label) => (typeof label === "string" ? fmtDate(label) : label)}
            formatter={(value, name) => {
              const text = Array.isArray(value)
                ? value.map((v) => fmtValue(typeof v === "number" ? v : null)).join(" – ")
                : fmtValue(typeof value === "number" ? value : null);
              return [text, name];
            }}
            contentStyle={{
              background: "var(--color-popover)",
              color: "var(--color-popover-foreground)",
              border: "1px solid var(--color-border)",
              borderRadius: "var(--radius-md)",
              fontSize: 12,
            }}
          />
          {hasBand ? (
            <Area
              type="monotone"
              name={bandLabel}
              dataKey={(p: LineChartPoint) => (p.low != null && p.high != null ? [p.low, p.high] : null)}
              stroke="none"
              fill="var(--color-chart-1)"
              fillOpacity={0.3}
              isAnimationActive={false}
              connectNulls
            />
          ) : null}
          <Line
            type="monotone"
            name={valueLabel}
            dataKey="value"
            stroke="var(--color-chart-1)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          {referenceLine ? (
            <ReferenceLine
              y={referenceLine.value}
              // The axis grows to include the line: a tier far above the counts is still drawn.
              ifOverflow="extendDomain"
              stroke="var(--color-destructive)"
              strokeDasharray="4 4"
              label={{
                value: referenceLine.label,
                position: "insideTopRight",
                fill: "var(--color-destructive)",
                fontSize: 12,
              }}
            />
          ) : null}
        </ComposedChart>
      ) : null}
      {/* The wrapper hides the table: "sr-only" on a <table> itself does not clip its rows (a table
          grows to its content), so a long series left a page-long blank below the chart. */}
      {inBrowser ? (
        <div className="sr-only" data-slot="line-chart-table">
          <table>
            <caption>
              {title}
              {referenceLine ? ` (${referenceLine.label}: ${fmtValue(referenceLine.value)})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">{valueLabel}</th>
                {hasBand ? <th scope="col">{bandLabel}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{fmtDate(p.date)}</th>
                  <td>{fmtValue(p.value)}</td>
                  {hasBand ? <td>{p.low != null && p.high != null ? `${fmtValue(p.low)} – ${fmtValue(p.high)}` : "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
