"use client";

import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime, formatNumber } from "@marketable/ui/format";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { Progress } from "@marketable/ui/progress";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { isActive, RequestStateBadge } from "./request-state";

/** A request's history (every step) and per-contact results. */
function RequestDetail({ portalId, requestId }: { portalId: string; requestId: string }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const detail = useQuery({
    ...trpc.statusRequests.get.queryOptions({ portalId, requestId }),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.request.state) ? 1_500 : false),
  });
  if (!detail.data) return <p className="text-sm text-muted-foreground">Loading history…</p>;
  const { events, results, outcomes } = detail.data;
  return (
    <div className="space-y-2 text-sm">
      <ol aria-label="History" className="space-y-1">
        {events.map((e) => (
          <li key={e.id}>
            <span className="text-muted-foreground">{formatEventTime(e.at, viewerZone)}</span> · {e.message}
            {e.actorEmail ? <span className="text-muted-foreground"> ({e.actorEmail})</span> : null}
          </li>
        ))}
      </ol>
      <p>
        Results: {formatNumber(outcomes.changed ?? 0)} changed, {formatNumber(outcomes.failed ?? 0)} failed, {formatNumber(outcomes.skipped ?? 0)} skipped,{" "}
        {formatNumber(outcomes.pending ?? 0)} pending.
      </p>
      {results.some((r) => r.outcome === "failed") ? (
        <ul aria-label="Failed contacts" className="max-h-40 overflow-auto">
          {results
            .filter((r) => r.outcome === "failed")
            .map((r) => (
              <li key={r.hubspotId}>
                {r.email ?? r.hubspotId}: {r.error}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The portal's status requests with live progress; each opens its history. */
/** A portal's requests; their times are events, shown in the viewer's zone (named). */
export function StatusRequestsList({ portalId }: { portalId: string; timeZone?: string }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    ...trpc.statusRequests.list.queryOptions({ portalId }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => isActive(r.state)) ? 1_500 : false),
  });
  // A request that finishes has changed contacts: the table and its counts are read again rather
  // than shown from the cache until it goes stale.
  const queryClient = useQueryClient();
  const activeKey = (list.data?.items ?? [])
    .filter((r) => isActive(r.state))
    .map((r) => r.id)
    .join(",");
  const wasActive = useRef<string[]>([]);
  useEffect(() => {
    const finished = wasActive.current.some((id) => !activeKey.split(",").includes(id));
    wasActive.current = activeKey ? activeKey.split(",") : [];
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
  }, [activeKey, queryClient, trpc]);
  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle as="h2">Status requests</CardTitle>
      </CardHeader>
      <CardContent>
        {list.isError ? (
          <ErrorState title="Could not load requests" message={list.error.message} onRetry={() => void list.refetch()} />
        ) : !list.data?.items.length ? (
          <EmptyState title="No requests yet" description="Requests for marketing-status changes in this portal appear here." />
        ) : (
          <ul className="divide-y" aria-label="Status requests">
            {list.data.items.map((r) => (
              <li key={r.id} className="space-y-2 py-3" data-testid="status-request">
                <div className="flex flex-wrap items-center gap-2">
                  <RequestStateBadge state={r.state} />
                  <span className="font-medium">
                    {r.target === "marketing" ? "Marketing" : "Non-marketing"} for {formatNumber(r.changeCount)} contacts
                  </span>
                  <span className="text-sm text-muted-foreground">
                    by {r.requestedByEmail}, {formatEventTime(r.createdAt, viewerZone)} · {r.reason}
                  </span>
                  <Button variant="ghost" size="sm" className="ml-auto" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                    {open === r.id ? "Hide history" : "History"}
                  </Button>
                </div>
                {isActive(r.state) ? (
                  <Progress
                    label="Import progress"
                    value={r.processed > 0 ? r.processed : undefined}
                    max={Math.max(1, r.changeCount)}
                    detail={`${formatNumber(r.processed)} of ${formatNumber(r.changeCount)} contacts · ${r.importState ? `HubSpot import ${r.importState.toLowerCase()}` : r.state === "queued" ? "queued" : "starting"}`}
                  />
                ) : r.finishedAt && r.state !== "rejected" && r.state !== "expired" ? (
                  <p className="text-sm">
                    {formatNumber(r.succeeded)} changed, {formatNumber(r.failed)} failed
                  </p>
                ) : null}
                {open === r.id ? <RequestDetail portalId={portalId} requestId={r.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
