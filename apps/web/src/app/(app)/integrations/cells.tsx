import { Badge } from "@marketable/ui/badge";
import { formatNumber } from "@marketable/ui/format";

export type Observed = "on" | "off" | "mixed" | "unknown";

const observedText: Record<Observed, string> = {
  on: "creates marketing",
  off: "creates non-marketing",
  mixed: "mixed",
  unknown: "no recent contacts",
};

export function ObservedBadge({ observed, neverCreates }: { observed: Observed; neverCreates?: boolean }) {
  if (neverCreates) return <Badge variant="outline">never creates contacts</Badge>;
  return <Badge variant={observed === "on" ? "info" : observed === "mixed" ? "warning" : "outline"}>{observedText[observed]}</Badge>;
}

export function PolicyText({ policy }: { policy: boolean | null }) {
  if (policy === null) return <span className="text-muted-foreground">no policy</span>;
  return <span>{policy ? "marketing: yes" : "marketing: no"}</span>;
}

/** Drift is read from the app's newest contacts: the badge says how many of them went against the policy. */
export function DriftBadge({ drifting, contactsAffected, window }: { drifting: boolean; contactsAffected: number; window: number }) {
  if (!drifting) return <Badge variant="success">in line</Badge>;
  return (
    <Badge variant="destructive" data-testid="drift-badge">
      drift · {formatNumber(contactsAffected)} of the {formatNumber(window)} newest
    </Badge>
  );
}
