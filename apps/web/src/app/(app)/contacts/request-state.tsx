import { Badge } from "@marketable/ui/badge";

const labels: Record<string, { text: string; variant: "default" | "secondary" | "success" | "warning" | "destructive" | "info" | "outline" }> = {
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
