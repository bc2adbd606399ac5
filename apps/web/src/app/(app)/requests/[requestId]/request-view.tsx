"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { countWords } from "~/lib/count-words";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useEffect, useRef } from "react";

import type { MoneySummary as Summary } from "@marketable/billing";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime, formatNumber } from "@marketable/ui/format";
import { PageHeader } from "@marketable/ui/page-header";

import { MoneySummary } from "../../contacts/money-summary";
import { isActive, RequestProgress, RequestStateBadge } from "../../contacts/request-state";
import { ApproveButton } from "../approve-button";
import { RejectDialog } from "../reject-dialog";
import { RequestContacts } from "./request-contacts";
import { selectionWords } from "./selection-words";

/** The request page: what it changes and costs, who decided, its contacts, progress and history. */
export function RequestView({ portalId, requestId }: { portalId: string; requestId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zone = useViewerTimeZone();
  const detail = useQuery({
    ...trpc.statusRequests.detail.queryOptions({ portalId, requestId }),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.request.state) ? 1_500 : false),
  });
  // When it stops running, the per-contact outcomes are read again.
  const wasActive = useRef(false);
  const active = detail.data ? isActive(detail.data.request.state) : false;
  useEffect(() => {
    if (wasActive.current && !active) void queryClient.invalidateQueries({ queryKey: trpc.statusRequests.contacts.pathKey() });
    wasActive.current = active;
  }, [active, queryClient, trpc]);

  if (detail.isError)
    return <ErrorState title="Could not load the request" message={detail.error.message} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <p className="text-sm text-muted-foreground">Loading…</p>;
  const { request: r, events, outcomes, portal, viewer, audit, sample } = detail.data;
  const title = `${r.target === "marketing" ? "Marketing" : "Non-marketing"} for ${countWords(r.changeCount, "contact")}`;
  const money = (r.preview as { money?: Summary }).money;
  const mine = r.requestedBy === viewer.id;
  const decided = r.decidedByEmail && r.decidedAt;

  return (
    <div className="space-y-6">
      <PageHeader
        title={title}
        description={`${portal.name} · requested by ${r.requestedByEmail}, ${formatEventTime(r.createdAt, zone)}`}
        eyebrow={
          // The portal's request list needs contacts.view; an approver without it (billing) sees the name only.
          viewer.canViewContacts ? (
            <Link className="underline-offset-4 hover:underline" href={`/requests?portal=${portal.id}`}>
              {portal.name}: status requests
            </Link>
          ) : (
            portal.name
          )
        }
      />
      <div className="flex flex-wrap items-center gap-2" data-testid="request-state">
        <RequestStateBadge state={r.state} />
        {r.finishedAt ? <span className="text-sm text-muted-foreground">ended {formatEventTime(r.finishedAt, zone)}</span> : null}
      </div>

      <RequestProgress request={r} />

      {r.state === "pending_approval" ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Waiting for approval</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <p className="text-sm">Needs approval: {r.approvalReasons.join("; ")}.</p>
            {r.approvalExpiresAt ? (
              <p className="text-sm text-muted-foreground">Expires {formatEventTime(r.approvalExpiresAt, zone)} if nobody decides.</p>
            ) : null}
            {viewer.canApprove ? (
              <>
                {mine ? (
                  <Alert variant="info" title="Your own request">
                    Someone else with approval rights must approve it.
                  </Alert>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  <ApproveButton portalId={portal.id} requestId={r.id} disabled={mine} />
                  <RejectDialog
                    portalId={portal.id}
                    requestId={r.id}
                    summary={`${portal.name}: ${title}, requested by ${r.requestedByEmail}.`}
                  />
                </div>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">Someone with approval rights decides; you are told when they do.</p>
            )}
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Summary</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="request-summary">
            <dt className="text-muted-foreground">Contacts</dt>
            <dd>{selectionWords(r.selection, detail.data.selectionApp)}</dd>
            <dt className="text-muted-foreground">Reason</dt>
            <dd>{r.reason}</dd>
            {decided ? (
              <>
                <dt className="text-muted-foreground">{r.state === "rejected" ? "Rejected" : "Approved"}</dt>
                <dd>
                  by {r.decidedByEmail}, {formatEventTime(r.decidedAt!, zone)}
                  {r.decisionNote ? `: ${r.decisionNote}` : ""}
                </dd>
              </>
            ) : null}
            <dt className="text-muted-foreground">Outcome</dt>
            <dd data-testid="request-outcome">
              {formatNumber(outcomes.changed ?? 0)} changed, {formatNumber(outcomes.failed ?? 0)} failed,{" "}
              {formatNumber(outcomes.skipped ?? 0)} skipped, {formatNumber(outcomes.pending ?? 0)} pending
            </dd>
          </dl>
        </CardContent>
      </Card>

      {money ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">What it is worth</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2">
            <MoneySummary summary={money} />
            <p className="text-xs text-muted-foreground">
              Priced {formatEventTime(r.previewAt, zone)} from the contacts as synced then; checked again before it runs.
            </p>
          </CardContent>
        </Card>
      ) : null}

      <RequestContacts portalId={portal.id} requestId={r.id} total={r.changeCount} sample={sample} timeZone={portal.timeZone} />

      <Card>
        <CardHeader>
          <CardTitle as="h2">Timeline</CardTitle>
        </CardHeader>
        <CardContent>
          <ol aria-label="Timeline" className="space-y-2 text-sm">
            {events.map((e) => (
              <li key={e.id} className="grid gap-x-3 sm:grid-cols-[12rem_1fr]">
                <span className="text-muted-foreground">{formatEventTime(e.at, zone)}</span>
                <span>
                  {e.message}
                  {e.actorEmail ? <span className="text-muted-foreground"> ({e.actorEmail})</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </CardContent>
      </Card>

      {audit ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Audit entries</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            <ul aria-label="Audit entries">
              {audit.map((a) => (
                <li key={a.id}>
                  {formatEventTime(a.at, zone)} · <code>{a.action}</code>
                  {a.actorEmail ? ` by ${a.actorEmail}` : " by the system"}
                </li>
              ))}
            </ul>
            <Button asChild variant="outline" size="sm">
              <Link href={`/audit?target=${r.id}`}>Open in the audit log</Link>
            </Button>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
