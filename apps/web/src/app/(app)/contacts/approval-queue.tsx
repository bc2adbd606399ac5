"use client";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import type { MoneySummary as Summary } from "@marketable/billing";
import { formatEventTime, formatNumber } from "@marketable/ui/format";
import { toast } from "@marketable/ui/toaster";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import { MoneySummary } from "./money-summary";


/** Requests in this portal waiting for a decision. The requester sees theirs but cannot approve it. */
export function ApprovalQueue({ portalId, viewerId }: { portalId: string; viewerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery(trpc.statusRequests.approvalQueue.queryOptions({ portalId }));
  const viewerZone = useViewerTimeZone();
  const done = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.statusRequests.pathKey() });
    },
    onError: (e: { message: string }) => toast.error(e.message),
  };
  const approve = useMutation(trpc.statusRequests.approve.mutationOptions({ ...done, onSuccess: async () => (toast.success("Approved: the request runs now"), done.onSuccess()) }));
  const reject = useMutation(trpc.statusRequests.reject.mutationOptions({ ...done, onSuccess: async () => (toast.success("Rejected"), done.onSuccess()) }));
  if (!queue.data?.length) return null;
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle as="h2">Waiting for approval</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" aria-label="Requests waiting for approval">
          {queue.data.map((r) => {
            // Requests stored before the money summary existed have none: they show the reasons only.
            const money = (r.preview as { money?: Summary }).money;
            const own = r.requestedBy === viewerId;
            return (
              <li key={r.id} className="space-y-2 py-3" data-testid="approval-request">
                <p className="font-medium">
                  {r.target === "marketing" ? "Marketing" : "Non-marketing"} for {formatNumber(r.changeCount)} contacts, requested by {r.requestedByEmail}
                </p>
                <p className="text-sm">{r.reason}</p>
                <p className="text-sm text-muted-foreground">{r.approvalReasons.join("; ")}</p>
                {money ? <MoneySummary summary={money} /> : null}
                <p className="text-xs text-muted-foreground" data-testid="approval-priced-at">
                  Priced at {formatEventTime(r.previewAt, viewerZone)} from the contacts as synced then. A request queued since, or a sync, can change the counts: they are checked
                  again before it runs, and a change that crosses the tier comes back for approval.
                </p>
                {own ? (
                  <Alert variant="info" title="Your own request">
                    Someone else with approval rights must approve it.
                  </Alert>
                ) : null}
                <div className="flex gap-2">
                  <Button disabled={own || approve.isPending} onClick={() => approve.mutate({ portalId, requestId: r.id })}>
                    Approve
                  </Button>
                  <Button
                    variant="outline"
                    disabled={reject.isPending}
                    onClick={() => {
                      const note = window.prompt("Why reject it?");
                      if (note) reject.mutate({ portalId, requestId: r.id, note });
                    }}
                  >
                    Reject
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
