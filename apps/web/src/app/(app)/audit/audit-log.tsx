"use client";

import { formatNumber } from "@marketable/ui/format";
import { Button } from "@marketable/ui/button";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";

function describeChange(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

export function AuditLog() {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const [action, setAction] = useState("");
  const [actorEmail, setActorEmail] = useState("");
  const filters = { action: useDeferredValue(action.trim()) || undefined, actorEmail: useDeferredValue(actorEmail.trim()) || undefined };
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
      toast.success(result.truncated ? `Exported the newest ${formatNumber(result.rows)} entries (the export limit)` : `Exported ${formatNumber(result.rows)} entries`);
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
        <Input aria-label="Filter by action" placeholder="Action, e.g. member." className="w-56" value={action} onChange={(e) => setAction(e.target.value)} />
        <Input aria-label="Filter by person" placeholder="Person's email" className="w-56" value={actorEmail} onChange={(e) => setActorEmail(e.target.value)} />
        <Button variant="outline" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
      </div>
      {log.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorState title="Could not load the audit log" message={log.error.message} onRetry={() => void log.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing recorded" description={filters.action || filters.actorEmail ? "No entry matches these filters." : "Changes will appear here."} />
      ) : (
        <div className="overflow-x-auto rounded-md border" tabIndex={0} role="region" aria-label="Audit log entries">
          <table className="w-full text-sm">
            <caption className="sr-only">Audit log, newest first</caption>
            <thead className="bg-muted/50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Portal</th>
                <th scope="col" className="px-3 py-2">Before</th>
                <th scope="col" className="px-3 py-2">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t align-top">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatEventTime(row.createdAt, viewerZone)}</td>
                  <td className="px-3 py-2">{row.actorEmail ?? "system"}</td>
                  <td className="px-3 py-2 font-mono">{row.action}</td>
                  <td className="px-3 py-2">{row.portalName ?? ""}</td>
                  <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={describeChange(row.before)}>{describeChange(row.before)}</td>
                  <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={describeChange(row.after)}>{describeChange(row.after)}</td>
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
