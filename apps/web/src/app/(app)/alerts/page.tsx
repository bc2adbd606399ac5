import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import Link from "next/link";

import { can } from "@marketable/permissions";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { PageHeader } from "@marketable/ui/page-header";

import { AgencyAlertDefaults } from "./agency-alert-defaults";
import { WebhookSettings } from "./webhook-settings";

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
  const access = await requireAccess();
  const { alerts } = await (await serverCaller()).alerts.list({ status: "open" });
  // The webhook is agency-wide alerts.manage only (its URL may itself be a credential).
  const canManageWebhook = can(access.actor, "alerts.manage");
  prefetch(trpc.alerts.defaultRules.queryOptions());
  if (canManageWebhook) prefetch(trpc.alerts.webhook.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Alerts"
        description="Tier thresholds, daily spikes, integration drift and failed syncs on the portals you can see."
      />
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
                  {alert.acknowledgedAt ? " · acknowledged" : ""} ·{" "}
                  <Link href={`/portals/${alert.portal.id}#alert-rules`} className="underline underline-offset-4">
                    alert rules
                  </Link>
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
      <section id="alert-settings" aria-labelledby="alert-settings-heading" className="mt-10 space-y-6">
        <h2 id="alert-settings-heading" className="text-lg font-semibold">
          Alert settings
        </h2>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Default rules for every portal</CardTitle>
            <CardDescription>
              Portals without rules of their own use these. A portal&apos;s own rules are set on its page (Portals, then the portal, then
              Alert rules).
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AgencyAlertDefaults />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Webhook</CardTitle>
            <CardDescription>Send every new alert to a URL of yours, such as a chat or an incident tool.</CardDescription>
          </CardHeader>
          <CardContent>
            {canManageWebhook ? (
              <WebhookSettings />
            ) : (
              <p className="text-sm text-muted-foreground">The agency&apos;s webhook is managed by its owners, admins and billing staff.</p>
            )}
          </CardContent>
        </Card>
      </section>
    </HydrateClient>
  );
}
