import { Badge } from "@marketable/ui/badge";
import { ColumnHeaders } from "@marketable/ui/column-headers";

interface Delivery {
  id: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  alertTitle: string;
  portalName: string;
}

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const variants = { delivered: "success", pending: "warning", failed: "destructive" } as const;

/** The newest deliveries and how the receiver answered: enough to see a broken receiver. */
export function WebhookDeliveries({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">No alert has been sent to this webhook yet.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Webhook deliveries">
      <table className="w-full text-sm" data-testid="webhook-deliveries">
        <caption className="mb-2 text-left font-medium">Recent deliveries</caption>
        <thead className="text-left text-muted-foreground">
          <tr>
            <ColumnHeaders
              className="py-1 font-medium"
              columns={[
                { label: "Queued", className: "pr-4" },
                { label: "Alert", className: "pr-4" },
                { label: "Status", className: "pr-4" },
                { label: "Attempts", className: "pr-4 text-right" },
                "Last answer",
              ]}
            />
          </tr>
        </thead>
        <tbody className="divide-y">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="py-2 pr-4 whitespace-nowrap tabular-nums">{utc(d.createdAt)}</td>
              <td className="py-2 pr-4">
                {d.alertTitle} <span className="text-muted-foreground">({d.portalName})</span>
              </td>
              <td className="py-2 pr-4">
                <Badge variant={variants[d.status]}>{d.status}</Badge>
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{d.attempts}</td>
              <td className="py-2">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
