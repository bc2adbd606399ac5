"use client";

import { useQuery } from "@tanstack/react-query";
import { countWords } from "~/lib/count-words";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";

import { Alert } from "@marketable/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime, formatNumber } from "@marketable/ui/format";

import { MoneySummary } from "../contacts/money-summary";
import { ApproveButton } from "../requests/approve-button";
import { RejectDialog } from "../requests/reject-dialog";

const what = (r: { target: string; changeCount: number }) =>
  `${r.target === "marketing" ? "Marketing" : "Non-marketing"} for ${countWords(r.changeCount, "contact")}`;

/** Every request the viewer may decide, across their portals, oldest first: decide in place. */
export function ApprovalsInbox() {
  const trpc = useTRPC();
  const zone = useViewerTimeZone();
  const inbox = useQuery({ ...trpc.statusRequests.inbox.queryOptions(), refetchInterval: 30_000 });
  if (inbox.isError)
    return <ErrorState title="Could not load the approvals" message={inbox.error.message} onRetry={() => void inbox.refetch()} />;
  if (!inbox.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  if (inbox.data.items.length === 0)
    return <EmptyState title="Nothing waits for approval" description="Requests you may approve appear here, oldest first." />;
  return (
    <ul className="space-y-4" aria-label="Requests waiting for approval">
      {inbox.data.items.map((r) => (
        <li key={r.id}>
          <Card data-testid="inbox-request">
            <CardHeader>
              <CardTitle as="h2" className="text-base">
                <Link className="underline-offset-4 hover:underline" href={`/requests/${r.id}`}>
                  {r.portalName}: {what(r)}
                </Link>
              </CardTitle>
              <p className="break-words text-sm text-muted-foreground">
                Requested by {r.requestedByEmail}, {formatEventTime(r.createdAt, zone)}
                {r.approvalExpiresAt ? ` · expires ${formatEventTime(r.approvalExpiresAt, zone)}` : ""}
              </p>
            </CardHeader>
            <CardContent className="space-y-3">
              <p className="text-sm">
                <span className="font-medium">Reason:</span> {r.reason}
              </p>
              <p className="text-sm text-muted-foreground">Needs approval: {r.approvalReasons.join("; ")}</p>
              {r.money ? <MoneySummary summary={r.money} /> : null}
              <div className="text-sm">
                <p className="font-medium">Some of its contacts</p>
                <ul className="break-all text-muted-foreground" aria-label="Sample of contacts">
                  {r.sample.map((c) => (
                    <li key={c.hubspotId}>{c.email ?? `Contact ${c.hubspotId}`}</li>
                  ))}
                </ul>
                <Link className="underline underline-offset-4" href={`/requests/${r.id}`}>
                  See all {formatNumber(r.changeCount)} contacts and the full preview
                </Link>
              </div>
              {r.mine ? (
                <Alert variant="info" title="Your own request">
                  Someone else with approval rights must approve it.
                </Alert>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <ApproveButton portalId={r.portalId} requestId={r.id} disabled={r.mine} />
                <RejectDialog
                  portalId={r.portalId}
                  requestId={r.id}
                  summary={`${r.portalName}: ${what(r)}, requested by ${r.requestedByEmail}.`}
                />
              </div>
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
