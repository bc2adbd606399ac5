"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

import { Alert } from "@marketable/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { formatNumber } from "@marketable/ui/format";
import { Progress } from "@marketable/ui/progress";

function percent(part: number, whole: number): string {
  const share = (part / whole) * 100;
  // A sync's few hundred calls of a 625,000 limit would otherwise read as "0 %".
  return share > 0 && share < 0.1 ? "under 0.1 %" : `${formatNumber(share, { maximumFractionDigits: 1 })} %`;
}

/**
 * Today's HubSpot API usage of the portal's connection. Private apps share one daily limit with
 * the client's other private apps, so Marketable says what it used and when it holds back.
 */
export function ApiUsageCard({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const usage = useQuery({ ...trpc.connections.apiUsage.queryOptions({ portalId }), refetchInterval: 30_000 });
  const data = usage.data;
  if (!data) return null;
  return (
    <Card className="mt-8" aria-labelledby="api-usage-title" data-testid="api-usage">
      <CardHeader>
        <CardTitle as="h2" id="api-usage-title">
          HubSpot API usage today
        </CardTitle>
        <CardDescription>
          {data.kind === "oauth"
            ? "Connected by OAuth: 110 requests every 10 seconds, and no daily limit."
            : "Private app: the daily limit is the client's account's, shared with its other private apps and integrations."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {data.kind === "static" && data.limit !== null && data.remaining !== null ? (
          <>
            <Progress
              label="Daily limit used by every private app"
              value={data.limit - data.remaining}
              max={data.limit}
              detail={`${formatNumber(data.limit - data.remaining)} of ${formatNumber(data.limit)} used · ${formatNumber(data.remaining)} left`}
            />
            <p className="text-sm">
              Marketable used {formatNumber(data.usedByMarketable)} of the {formatNumber(data.limit)} calls today (
              {percent(data.usedByMarketable, data.limit)}); the client&apos;s other apps used{" "}
              {formatNumber(Math.max(0, data.limit - data.remaining - data.usedByMarketable))}.
            </p>
          </>
        ) : (
          <p className="text-sm">
            Marketable sent {formatNumber(data.usedByMarketable)} requests to HubSpot today
            {data.kind === "static" ? "; HubSpot reports the daily limit with the next sync." : "."}
          </p>
        )}
        {data.heldBack && data.limit !== null && data.remaining !== null ? (
          <Alert variant="warning" title="Scheduled syncs are held back">
            Only {formatNumber(data.remaining)} of {formatNumber(data.limit)} calls ({percent(data.remaining, data.limit)}) are left today,
            under the {data.reservePercent} % reserve Marketable leaves for the client&apos;s other integrations. Scheduled syncs resume
            when HubSpot resets the limit at midnight in the account&apos;s time zone. A manual sync still runs and spends from what is
            left.
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
