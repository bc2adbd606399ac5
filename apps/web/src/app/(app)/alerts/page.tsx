import { PageHeader } from "@marketable/ui/page-header";
import { Button } from "@marketable/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { revalidatePath } from "next/cache";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Alerts" };

/** Acknowledges through the same procedure the API exposes (it checks alerts.manage). */
async function acknowledgeAction(formData: FormData) {
  "use server";
  const caller = await serverCaller();
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  await caller.alerts.acknowledge({ portalId: field("portalId"), alertId: field("alertId") });
  revalidatePath("/alerts");
}

export default async function AlertsPage() {
  await requireAccess();
  const { alerts } = await (await serverCaller()).alerts.list({ status: "open" });
  return (
    <>
      <PageHeader title="Alerts" description="Tier thresholds, daily spikes, integration drift and failed syncs on the portals you can see." />
      {alerts.length === 0 ? (
        <p className="text-sm text-muted-foreground">No open alerts.</p>
      ) : (
        <ul className="divide-y rounded-md border" data-testid="alerts-list">
          {alerts.map((alert) => (
            <li key={alert.id} className="flex items-center justify-between gap-4 p-3">
              <div>
                <Link href={alert.causePath} className="font-medium underline-offset-4 hover:underline">
                  {alert.title}
                </Link>
                <div className="text-xs text-muted-foreground">
                  {alert.portal.name} · {alert.severity} · raised {alert.raisedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  {alert.acknowledgedAt ? " · acknowledged" : ""}
                </div>
              </div>
              {alert.canAcknowledge && !alert.acknowledgedAt ? (
                <form action={acknowledgeAction}>
                  <input type="hidden" name="portalId" value={alert.portal.id} />
                  <input type="hidden" name="alertId" value={alert.id} />
                  <Button type="submit" variant="outline" size="sm">
                    Acknowledge
                  </Button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
