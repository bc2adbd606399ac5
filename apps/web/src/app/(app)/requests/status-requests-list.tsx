"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { countWords } from "~/lib/count-words";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useEffect, useRef } from "react";

import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime, formatNumber } from "@marketable/ui/format";

import { isActive, RequestProgress, RequestStateBadge } from "../contacts/request-state";

/** A portal's requests, newest first, with live progress; each links to its page. Times are the viewer's. */
export function StatusRequestsList({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
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
    <Card>
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
                    {r.target === "marketing" ? "Marketing" : "Non-marketing"} for {countWords(r.changeCount, "contact")}
                  </span>
                  <span className="text-sm text-muted-foreground">
                    by {r.requestedByEmail}, {formatEventTime(r.createdAt, viewerZone)} · {r.reason}
                  </span>
                  <Link className="ml-auto text-sm underline underline-offset-4" href={`/requests/${r.id}`}>
                    Open
                    <span className="sr-only"> the request for {countWords(r.changeCount, "contact")}</span>
                  </Link>
                </div>
                {isActive(r.state) ? (
                  <RequestProgress request={r} />
                ) : r.finishedAt && r.state !== "rejected" && r.state !== "expired" ? (
                  <p className="text-sm">
                    {formatNumber(r.succeeded)} changed, {formatNumber(r.failed)} failed
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
