"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { auditSentence, describeValues } from "~/lib/audit-sentences";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import { useDeferredValue, useState } from "react";

import { Button } from "@marketable/ui/button";
import { ColumnHeaders } from "@marketable/ui/column-headers";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime, formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

function Values({ title, value }: { title: string; value: unknown }) {
  const lines = describeValues(value);
  if (lines.length === 0) return null;
  return (
    <div>
      <div className="font-medium">{title}</div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        {lines.map(([key, v]) => (
          <div key={key} className="contents">
            <dt className="text-muted-foreground">{key}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function AuditLog({ targetId }: { targetId?: string }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const [action, setAction] = useState("");
  const [actorEmail, setActorEmail] = useState("");
  const filters = {
    action: useDeferredValue(action.trim()) || undefined,
    actorEmail: useDeferredValue(actorEmail.trim()) || undefined,
    ...(targetId ? { targetId } : {}),
  };
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filters, limit: 50 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const result = await queryClient.fetchQuery(trpc.audit.exportCsv.queryOptions(filters));
      const url = URL.createObjectURL(new Blob([result.csv], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(url);
      toast.success(
        result.truncated
          ? `Exported the newest ${formatNumber(result.rows)} entries (the export limit)`
          : `Exported ${formatNumber(result.rows)} entries`,
      );
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setExporting(false);
    }
  }

  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Input
          aria-label="Filter by action"
          placeholder="Action, e.g. member."
          className="w-56"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <Input
          aria-label="Filter by person"
          placeholder="Person's email"
          className="w-56"
          value={actorEmail}
          onChange={(e) => setActorEmail(e.target.value)}
        />
        <Button variant="outline" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
      </div>
      {targetId ? (
        <p className="text-sm" data-testid="audit-target">
          Showing one record&apos;s entries.{" "}
          <a className="underline underline-offset-4" href="/audit">
            Show every entry
          </a>
        </p>
      ) : null}
      {log.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorState title="Could not load the audit log" message={log.error.message} onRetry={() => void log.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title="Nothing recorded"
          description={filters.action || filters.actorEmail ? "No entry matches these filters." : "Changes will appear here."}
        />
      ) : (
        <div className="overflow-x-auto rounded-md border" tabIndex={0} role="region" aria-label="Audit log entries">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit log, newest first</caption>
            <thead className="bg-muted/50 text-left">
              <tr>
                <ColumnHeaders className="px-3 py-2" columns={["When", "What happened", "Portal"]} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t align-top">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatEventTime(row.createdAt, viewerZone)}</td>
                  <td className="px-3 py-2">
                    <p data-testid="audit-sentence">
                      <span className="font-medium">{row.actorEmail ?? "Marketable"}</span> {auditSentence(row)}
                    </p>
                    {row.before !== null || row.after !== null ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-muted-foreground">
                          Before and after <span className="font-mono">({row.action})</span>
                        </summary>
                        <div className="mt-1 grid gap-2 sm:grid-cols-2">
                          <Values title="Before" value={row.before} />
                          <Values title="After" value={row.after} />
                        </div>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{row.portalName ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasNextPage ? (
        <Button variant="outline" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </div>
  );
}
