import { Badge } from "@marketable/ui/badge";
import { formatNumber } from "@marketable/ui/format";
import { Progress } from "@marketable/ui/progress";

const labels: Record<
  string,
  { text: string; variant: "default" | "secondary" | "success" | "warning" | "destructive" | "info" | "outline" }
> = {
  pending_approval: { text: "Waiting for approval", variant: "warning" },
  queued: { text: "Queued", variant: "info" },
  running: { text: "Running", variant: "info" },
  succeeded: { text: "Succeeded", variant: "success" },
  partially_failed: { text: "Partly failed", variant: "warning" },
  failed: { text: "Failed", variant: "destructive" },
  rejected: { text: "Rejected", variant: "destructive" },
  expired: { text: "Expired", variant: "outline" },
};

export function RequestStateBadge({ state }: { state: string }) {
  const label = labels[state] ?? { text: state, variant: "outline" as const };
  return <Badge variant={label.variant}>{label.text}</Badge>;
}

export const isActive = (state: string) => state === "queued" || state === "running";

/** A running request's import progress, as the request list and the request's page show it. */
export function RequestProgress({
  request: r,
}: {
  request: { state: string; processed: number; changeCount: number; importState: string | null };
}) {
  if (!isActive(r.state)) return null;
  const step = r.importState ? `HubSpot import ${r.importState.toLowerCase()}` : r.state === "queued" ? "queued" : "starting";
  return (
    <Progress
      label="Import progress"
      value={r.processed > 0 ? r.processed : undefined}
      max={Math.max(1, r.changeCount)}
      detail={`${formatNumber(r.processed)} of ${formatNumber(r.changeCount)} contacts · ${step}`}
    />
  );
}
