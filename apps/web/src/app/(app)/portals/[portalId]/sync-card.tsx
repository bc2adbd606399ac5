"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";

import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { ConfirmDialog } from "@marketable/ui/confirm-dialog";
import { formatEventTime, formatNumber } from "@marketable/ui/format";
import { Progress } from "@marketable/ui/progress";
import { toast } from "@marketable/ui/toaster";

function eta(seconds: number | null) {
  if (seconds === null) return null;
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** Connection and sync status; polls while a sync is queued or running. */
export function SyncCard({ portalId, canSync, canConnect }: { portalId: string; canSync: boolean; canConnect: boolean }) {
  const trpc = useTRPC();
  const viewerZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const status = useQuery({
    ...trpc.connections.syncStatus.queryOptions({ portalId }),
    refetchInterval: (query) => (query.state.data?.run && ["queued", "running"].includes(query.state.data.run.status) ? 1_000 : 10_000),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connections.syncStatus.queryKey({ portalId }) });
  const sync = useMutation(
    trpc.connections.sync.mutationOptions({
      onSuccess: async () => {
        toast.success("Sync started");
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const disconnect = useMutation(
    trpc.connections.disconnect.mutationOptions({
      onSuccess: async () => {
        toast.success("Disconnected: the tokens are revoked and deleted");
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const data = status.data;
  const run = data?.run;
  const active = run && (run.status === "queued" || run.status === "running");
  return (
    <Card className="mt-8" aria-labelledby="sync-title">
      <CardHeader>
        <CardTitle as="h2" id="sync-title">
          HubSpot connection and sync
        </CardTitle>
        <CardDescription>
          {status.isPending ? (
            "Checking the connection…"
          ) : data?.connection ? (
            <>
              Connected by {data.connection.kind === "oauth" ? "OAuth" : "private app token"} to hub {data.connection.hubId}.
            </>
          ) : (
            "Not connected to HubSpot."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {run ? (
          <div className="space-y-2" data-testid="sync-status">
            <div className="flex items-center gap-2">
              <Badge variant={run.status === "succeeded" ? "success" : run.status === "failed" ? "destructive" : "info"}>
                {run.kind} sync {run.status}
              </Badge>
              {run.status === "running" && run.ratePerSecond && run.stalledSeconds === null ? (
                <span className="text-sm text-muted-foreground">
                  {formatNumber(Math.round(run.ratePerSecond))} contacts/s{eta(run.etaSeconds) ? ` · ${eta(run.etaSeconds)}` : ""}
                </span>
              ) : null}
            </div>
            <Progress
              label="Sync progress"
              value={run.percent ?? 0}
              max={100}
              detail={`${formatNumber(run.processed)}${run.expected !== null ? ` of ${formatNumber(run.expected)}` : ""} contacts · ${run.percent ?? 0}%`}
            />
            {run.stalledSeconds !== null ? (
              <p className="text-sm text-muted-foreground" data-testid="sync-stalled">
                No progress for {run.stalledSeconds} s: its worker may have stopped. Another worker resumes it from its last checkpoint
                within a minute.
              </p>
            ) : null}
            {run.retries > 0 ? (
              <p className="text-xs text-muted-foreground">
                {formatNumber(run.retries)} HubSpot requests retried (rate limits or server errors).
              </p>
            ) : null}
          </div>
        ) : data?.connection ? (
          <p className="text-sm text-muted-foreground">No sync yet.</p>
        ) : null}
        {data?.lastSyncAt ? <p className="text-sm">Last sync finished {formatEventTime(data.lastSyncAt, viewerZone)}.</p> : null}
        {data?.lastError && run?.status !== "succeeded" ? (
          <p className="text-sm text-destructive" data-testid="sync-error">
            Last error: {data.lastError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {canSync && data?.connection ? (
            <>
              <Button size="sm" onClick={() => sync.mutate({ portalId, kind: "incremental" })} disabled={Boolean(active) || sync.isPending}>
                {active ? "Syncing…" : run?.status === "failed" ? "Retry sync" : "Sync now"}
              </Button>
              <Button
                size="sm"
                variant="outline"
                onClick={() => sync.mutate({ portalId, kind: "full" })}
                disabled={Boolean(active) || sync.isPending}
              >
                Full resync
              </Button>
            </>
          ) : null}
          {canConnect ? (
            <Button size="sm" variant="outline" asChild>
              <Link href={`/portals/connect?portalId=${portalId}`}>{data?.connection ? "Reconnect" : "Connect to HubSpot"}</Link>
            </Button>
          ) : null}
          {canConnect && data?.connection ? (
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="ghost" disabled={disconnect.isPending}>
                  Disconnect
                </Button>
              }
              title="Disconnect from HubSpot?"
              description="Marketable revokes this portal's HubSpot tokens and deletes them: syncs stop until someone connects it again. Its synced contacts and history stay."
              confirm="Disconnect"
              variant="destructive"
              onConfirm={() => disconnect.mutate({ portalId })}
            />
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
