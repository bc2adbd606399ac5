"use client";

import { formatMoney } from "@marketable/billing/money";
import { formatNumber } from "@marketable/ui/format";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { useTRPC } from "~/trpc/react";
import { DriftBadge, ObservedBadge, PolicyText } from "../cells";

function policyValue(policy: boolean | null) {
  return policy === null ? "" : policy ? "yes" : "no";
}

export function PortalApps({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.integrations.portal.queryOptions({ portalId }));
  const setPolicy = useMutation(
    trpc.integrations.setPolicy.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  // A policy change applies at once (drift and alerts follow it): the toast offers the way back.
  const changePolicy = (app: { appId: string; label: string; policy: boolean | null; policyFromTemplate: boolean }, next: boolean | null) => {
    const previous = app.policyFromTemplate ? null : app.policy;
    setPolicy.mutate(
      { portalId, appId: app.appId, createMarketing: next },
      {
        onSuccess: () =>
          toast.success(`Policy for ${app.label} saved`, {
            duration: 10_000,
            action: {
              label: "Undo",
              onClick: () =>
                setPolicy.mutate(
                  { portalId, appId: app.appId, createMarketing: previous },
                  { onSuccess: () => toast.success(`Policy for ${app.label} restored`) },
                ),
            },
          }),
      },
    );
  };
  if (view.isPending) return <LoadingState label="Loading apps…" />;
  if (view.isError) return <ErrorState title="Could not load apps" message={view.error.message} onRetry={() => void view.refetch()} />;
  const { apps, canManage, portal } = view.data;
  if (apps.length === 0) return <EmptyState title="No apps found yet" description="Apps appear after this portal's contacts are synced." />;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Apps of {portal.name}</caption>
        <thead className="bg-muted/50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">App</th>
            <th scope="col" className="px-3 py-2 text-right">Contacts</th>
            <th scope="col" className="px-3 py-2 text-right">Marketing</th>
            <th scope="col" className="px-3 py-2 text-right">Last 7 days</th>
            <th scope="col" className="px-3 py-2 text-right">Last 30 days</th>
            <th scope="col" className="px-3 py-2 text-left">HubSpot switch (observed)</th>
            <th scope="col" className="px-3 py-2 text-left">Agency policy</th>
            <th scope="col" className="px-3 py-2 text-left">Drift</th>
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.appId} className="border-t align-top" data-testid={`app-${app.label}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {app.label}
                <div className="text-xs font-normal text-muted-foreground">app {app.appId}</div>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(app.contacts)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(app.marketing)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(app.created7d)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(app.created30d)}</td>
              <td className="px-3 py-2">
                <ObservedBadge observed={app.observed} neverCreates={app.kind === "never_creates_contacts"} />
              </td>
              <td className="px-3 py-2">
                {canManage ? (
                  <NativeSelect
                    aria-label={`Policy for ${app.label}`}
                    className="w-auto min-w-44"
                    value={policyValue(app.policy)}
                    disabled={setPolicy.isPending}
                    onChange={(e) => changePolicy(app, e.target.value === "" ? null : e.target.value === "yes")}
                  >
                    <option value="">No policy</option>
                    <option value="yes">Create as marketing</option>
                    <option value="no">Create as non-marketing</option>
                  </NativeSelect>
                ) : (
                  <PolicyText policy={app.policy} />
                )}
                {app.policyFromTemplate ? <div className="text-xs text-muted-foreground">from the agency template</div> : null}
              </td>
              <td className="space-y-1 px-3 py-2">
                <DriftBadge drifting={app.drift.drifting} contactsAffected={app.drift.contactsAffected} />
                {app.drift.drifting ? (
                  <div className="text-xs">
                    {app.drift.monthlyCostMinor > 0 ? <div>{formatMoney(app.drift.monthlyCostMinor, app.currency)} a month</div> : null}
                    {app.settingsUrl ? (
                      <a className="underline" href={app.settingsUrl} target="_blank" rel="noreferrer">
                        Fix in HubSpot settings
                      </a>
                    ) : null}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
