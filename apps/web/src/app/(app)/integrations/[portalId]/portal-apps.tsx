"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { contactsHref } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useState } from "react";

import { formatMoney } from "@marketable/billing/money";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

import { DriftBadge, ObservedBadge, PolicyText } from "../cells";
import { DriftActions } from "../drift-actions";

type SortKey = "label" | "contacts" | "marketing" | "created7d" | "created30d";

/** A column header that sorts the table by it (numbers largest first, names A–Z). */
function SortHeader({
  label,
  column,
  sort,
  onSort,
  align = "right",
}: {
  label: string;
  column: SortKey;
  sort: SortKey;
  onSort: (c: SortKey) => void;
  align?: "left" | "right";
}) {
  return (
    <th
      scope="col"
      className={`px-3 py-2 text-${align}`}
      aria-sort={sort === column ? (column === "label" ? "ascending" : "descending") : "none"}
    >
      <button type="button" className="font-medium underline-offset-4 hover:underline" onClick={() => onSort(column)}>
        {label}
      </button>
    </th>
  );
}

function policyValue(policy: boolean | null) {
  return policy === null ? "" : policy ? "yes" : "no";
}

export function PortalApps({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.integrations.portal.queryOptions({ portalId }));
  const [sort, setSort] = useState<SortKey>("label");
  const setPolicy = useMutation(
    trpc.integrations.setPolicy.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  // A policy change applies at once (drift and alerts follow it): the toast offers the way back.
  const changePolicy = (
    app: { appId: string; label: string; policy: boolean | null; policyFromTemplate: boolean },
    next: boolean | null,
  ) => {
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
  const { canManage, canRequest, portal } = view.data;
  const apps = [...view.data.apps].sort((a, b) => (sort === "label" ? a.label.localeCompare(b.label) : b[sort] - a[sort]));
  if (apps.length === 0) return <EmptyState title="No apps found yet" description="Apps appear after this portal's contacts are synced." />;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Apps of {portal.name}</caption>
        <thead className="bg-muted/50">
          <tr>
            <SortHeader label="App" column="label" sort={sort} onSort={setSort} align="left" />
            <SortHeader label="Contacts" column="contacts" sort={sort} onSort={setSort} />
            <SortHeader label="Marketing" column="marketing" sort={sort} onSort={setSort} />
            <SortHeader label="Last 7 days" column="created7d" sort={sort} onSort={setSort} />
            <SortHeader label="Last 30 days" column="created30d" sort={sort} onSort={setSort} />
            <th scope="col" className="px-3 py-2 text-left">
              HubSpot switch (observed)
            </th>
            <th scope="col" className="px-3 py-2 text-left">
              Agency policy
            </th>
            <th scope="col" className="px-3 py-2 text-left">
              Drift
            </th>
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.appId} className="border-t align-top" data-testid={`app-${app.label}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {app.label}
                <div className="text-xs font-normal text-muted-foreground">app {app.appId}</div>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">
                <Link
                  className="underline decoration-dotted underline-offset-4"
                  href={contactsHref(portalId, { appId: app.appId })}
                  aria-label={`${formatNumber(app.contacts)} contacts from ${app.label}`}
                >
                  {formatNumber(app.contacts)}
                </Link>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                <Link
                  className="underline decoration-dotted underline-offset-4"
                  href={contactsHref(portalId, { appId: app.appId, status: "marketable" })}
                  aria-label={`${formatNumber(app.marketing)} marketing contacts from ${app.label}`}
                >
                  {formatNumber(app.marketing)}
                </Link>
                {app.contacts > 0 ? (
                  <div className="text-xs text-muted-foreground">{Math.round((app.marketing / app.contacts) * 100)} %</div>
                ) : null}
              </td>
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
                <DriftBadge drifting={app.drift.drifting} contactsAffected={app.drift.contactsAffected} window={app.recentCreated} />
                {app.drift.drifting ? (
                  <div className="space-y-1 text-xs">
                    {app.drift.monthlyCostMinor > 0 ? <div>{formatMoney(app.drift.monthlyCostMinor, app.currency)} a month</div> : null}
                    <DriftActions
                      portalId={portalId}
                      appLabel={app.label}
                      contacts={app.driftContacts}
                      settingsUrl={app.settingsUrl}
                      canRequest={canRequest}
                    />
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
