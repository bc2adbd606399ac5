"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { contactsHref } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";

import { Pagination } from "@marketable/ui/data-table";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { LoadingState } from "@marketable/ui/loading-state";

import { DriftBadge, ObservedBadge, PolicyText } from "./cells";
import { matrixHref, matrixInputFrom, type MatrixInput } from "./matrix-input";

/**
 * Portals × apps, 50 portals a page (search and page in the URL, see matrix-input.ts); each cell
 * shows policy, observed switch and drift, and opens the portal's detail.
 */
export function IntegrationsMatrix() {
  const trpc = useTRPC();
  const input = matrixInputFrom(useSearchParams());
  const [search, setSearch] = useState(input.search ?? "");
  /** Shows another view: a new history entry, or the same one while typing a search. */
  const show = (next: MatrixInput, history: "push" | "replace" = "push") =>
    window.history[history === "push" ? "pushState" : "replaceState"](null, "", matrixHref(next));
  const matrix = useQuery({ ...trpc.integrations.matrix.queryOptions(input), placeholderData: keepPreviousData });
  if (matrix.isPending) return <LoadingState label="Loading integrations…" />;
  if (matrix.isError)
    return <ErrorState title="Could not load integrations" message={matrix.error.message} onRetry={() => void matrix.refetch()} />;
  const { portals, apps, cells, driftCount } = matrix.data;
  if (apps.length === 0 && !input.search) {
    return (
      <EmptyState
        title="No apps found yet"
        description="Apps appear once a connected portal has synced contacts that an integration created."
      />
    );
  }
  const byPair = new Map(cells.map((c) => [`${c.portalId} ${c.appId}`, c]));
  const cell = (portalId: string, appId: string) => byPair.get(`${portalId} ${appId}`);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="text-sm text-muted-foreground" data-testid="drift-count">
          {driftCount === 0
            ? "No drift: every app behaves as the agency's policy says."
            : `${driftCount} portal–app pairs drift from policy.`}
        </p>
        <Input
          aria-label="Search portals"
          placeholder="Search by portal name"
          className="w-60"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            show({ search: e.target.value.trim() || undefined, page: 1 }, "replace");
          }}
        />
      </div>
      <div className="relative overflow-x-auto rounded-md border">
        <table className="w-full text-sm">
          <caption className="sr-only">Apps by portal: policy, observed switch and drift</caption>
          <thead className="bg-muted">
            <tr>
              {/* The portal column stays in view while the apps scroll sideways (a phone shows one app at a time). */}
              <th scope="col" className="sticky left-0 z-10 bg-muted shadow-[inset_-1px_0_0_var(--color-border)] px-3 py-2 text-left">
                Portal
              </th>
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
                <th
                  scope="row"
                  className="sticky left-0 z-10 bg-background shadow-[inset_-1px_0_0_var(--color-border)] px-3 py-2 text-left font-medium max-sm:max-w-32 max-sm:break-words"
                >
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
                            {formatNumber(c.contacts)} contacts · {c.contacts ? Math.round((c.marketing / c.contacts) * 100) : 0} %
                            marketing
                          </Link>
                          <PolicyText policy={c.policy} />
                          <div>
                            <ObservedBadge observed={c.observed} neverCreates={c.kind === "never_creates_contacts"} />
                          </div>
                          {c.policy !== null ? (
                            <DriftBadge drifting={c.drift.drifting} contactsAffected={c.drift.contactsAffected} window={c.recentCreated} />
                          ) : null}
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
        {portals.length === 0 ? <p className="px-3 py-6 text-center text-sm text-muted-foreground">No portal matches.</p> : null}
      </div>
      <Pagination
        pageInfo={{
          page: matrix.data.page,
          pageCount: matrix.data.pageCount,
          totalCount: matrix.data.matched,
          hasPreviousPage: matrix.data.page > 1,
          hasNextPage: matrix.data.page < matrix.data.pageCount,
        }}
        onPreviousPage={() => show({ ...input, page: matrix.data.page - 1 })}
        onNextPage={() => show({ ...input, page: matrix.data.page + 1 })}
        disabled={matrix.isPlaceholderData}
      />
    </div>
  );
}
