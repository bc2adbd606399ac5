"use client";

import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { LoadingState } from "@marketable/ui/loading-state";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatNumber } from "@marketable/ui/format";
import { contactsHref } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import { DriftBadge, ObservedBadge, PolicyText } from "./cells";

/** Portals × apps; each cell shows policy, observed switch and drift, and opens the portal's detail. */
export function IntegrationsMatrix() {
  const trpc = useTRPC();
  const matrix = useQuery(trpc.integrations.matrix.queryOptions());
  if (matrix.isPending) return <LoadingState label="Loading integrations…" />;
  if (matrix.isError) return <ErrorState title="Could not load integrations" message={matrix.error.message} onRetry={() => void matrix.refetch()} />;
  const { portals, apps, cells } = matrix.data;
  if (apps.length === 0) {
    return (
      <EmptyState
        title="No apps found yet"
        description="Apps appear once a connected portal has synced contacts that an integration created."
      />
    );
  }
  const cell = (portalId: string, appId: string) => cells.find((c) => c.portalId === portalId && c.appId === appId);
  const driftCount = cells.filter((c) => c.drift.drifting).length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground" data-testid="drift-count">
        {driftCount === 0 ? "No drift: every app behaves as the agency's policy says." : `${driftCount} portal–app pairs drift from policy.`}
      </p>
      <div className="overflow-x-auto rounded-md border">
        <table className="w-full text-sm">
          <caption className="sr-only">Apps by portal: policy, observed switch and drift</caption>
          <thead className="bg-muted/50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">Portal</th>
              {apps.map((app) => (
                <th key={app.appId} scope="col" className="px-3 py-2 text-left">
                  {app.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {portals.map((portal) => (
              <tr key={portal.id} className="border-t align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link className="underline-offset-4 hover:underline" href={`/integrations/${portal.id}`}>
                    {portal.name}
                  </Link>
                </th>
                {apps.map((app) => {
                  const c = cell(portal.id, app.appId);
                  return (
                    <td key={app.appId} className={`px-3 py-2 ${c?.drift.drifting ? "bg-destructive/10" : ""}`}>
                      {c ? (
                        <div className="space-y-1">
                          <Link
                            className="block tabular-nums underline decoration-dotted underline-offset-4"
                            href={contactsHref(portal.id, { appId: app.appId })}
                          >
                            {formatNumber(c.contacts)} contacts · {c.contacts ? Math.round((c.marketing / c.contacts) * 100) : 0} % marketing
                          </Link>
                          <PolicyText policy={c.policy} />
                          <div>
                            <ObservedBadge observed={c.observed} neverCreates={c.kind === "never_creates_contacts"} />
                          </div>
                          {c.policy !== null ? <DriftBadge drifting={c.drift.drifting} contactsAffected={c.drift.contactsAffected} window={c.recentCreated} /> : null}
                          {c.driftContacts ? (
                            <Link className="block text-xs underline" href={contactsHref(portal.id, c.driftContacts.filter)}>
                              Show the {formatNumber(c.driftContacts.count)} drifting contacts
                            </Link>
                          ) : null}
                        </div>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
