"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { contactsHref } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import Link from "next/link";
import { useState } from "react";

import { formatMoney } from "@marketable/billing/money";
import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

import { PolicyText } from "../cells";

type App = RouterOutputs["integrations"]["templates"]["apps"][number];
/** How long the "Undo" stays on screen after a save (the server allows a little more). */
const UNDO_MS = 10_000;

export function AgencyPolicies() {
  const trpc = useTRPC();
  const list = useQuery(trpc.integrations.templates.queryOptions());
  if (list.isPending) return <LoadingState label="Loading apps…" />;
  if (list.isError) return <ErrorState title="Could not load apps" message={list.error.message} onRetry={() => void list.refetch()} />;
  if (list.data.apps.length === 0)
    return (
      <EmptyState
        title="No apps found yet"
        description="Apps appear once a connected portal has synced contacts that an integration created."
      />
    );
  return (
    <ul className="space-y-4" aria-label="Apps">
      {list.data.apps.map((app) => (
        <AppPolicy key={app.appId} app={app} />
      ))}
    </ul>
  );
}

function AppPolicy({ app }: { app: App }) {
  const [draft, setDraft] = useState<"" | "yes" | "no">("");
  return (
    <li className="min-w-0 space-y-3 rounded-md border p-4" data-testid={`policy-${app.label}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="font-semibold">{app.label}</h2>
          <p className="text-sm text-muted-foreground">
            {formatNumber(app.portals)} {app.portals === 1 ? "portal has" : "portals have"} it
            {app.template !== null
              ? ` · ${formatNumber(app.following)} follow the agency policy, ${formatNumber(app.overriding)} override it`
              : ""}
            {app.neverCreatesContacts ? " · never creates contacts" : ""}
          </p>
        </div>
        <div className="flex w-full flex-wrap items-center gap-2 text-sm sm:w-auto">
          <span>
            Agency policy: <PolicyText policy={app.template} />
          </span>
          <NativeSelect
            aria-label={`New agency policy for ${app.label}`}
            className="w-full sm:w-52"
            value={draft}
            onChange={(e) => setDraft(e.target.value as "" | "yes" | "no")}
          >
            <option value="">Change the policy…</option>
            <option value="yes">Create as marketing</option>
            <option value="no">Create as non-marketing</option>
          </NativeSelect>
        </div>
      </div>
      {draft ? <PolicyPreview app={app} createMarketing={draft === "yes"} onDone={() => setDraft("")} /> : null}
    </li>
  );
}

/** What the policy would do on every portal with the app, before it is saved; then save, with undo. */
function PolicyPreview({ app, createMarketing, onDone }: { app: App; createMarketing: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.integrations.previewTemplate.queryOptions({ appId: app.appId, createMarketing }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
  const undo = useMutation(
    trpc.integrations.undoTemplate.mutationOptions({
      onSuccess: async (result) => {
        toast.success(`Undone: ${app.label}'s policy is back as it was on ${formatNumber(result.restoredPortals)} portals`);
        await refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const save = useMutation(
    trpc.integrations.setTemplate.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `${app.label}: ${createMarketing ? "create as marketing" : "create as non-marketing"} on ${formatNumber(result.portals)} portals`,
          {
            duration: UNDO_MS,
            action: { label: "Undo", onClick: () => undo.mutate({ auditId: result.auditId }) },
          },
        );
        onDone();
        await refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  if (preview.isPending) return <LoadingState label="Working out what would drift…" />;
  if (preview.isError)
    return <ErrorState title="Could not preview the policy" message={preview.error.message} onRetry={() => void preview.refetch()} />;
  const p = preview.data;
  return (
    <section
      className="space-y-3 rounded-md bg-muted/40 p-3"
      aria-label={`Preview: ${app.label}, ${createMarketing ? "create as marketing" : "create as non-marketing"}`}
    >
      <p className="text-sm" data-testid="policy-preview-summary">
        {p.driftingPortals === 0
          ? `No portal would drift: every portal's ${app.label} already behaves this way.`
          : `${formatNumber(p.driftingPortals)} of ${formatNumber(p.portals.length)} portals would drift, with ${formatNumber(p.driftingContacts)} contacts created against the policy.`}{" "}
        Saving sets it on all {formatNumber(p.portals.length)} portals, replacing their own choices.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Portals with {app.label} under the new policy</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="py-1 pr-3">
                Portal
              </th>
              <th scope="col" className="py-1 pr-3">
                Policy now
              </th>
              <th scope="col" className="py-1 pr-3">
                Under the new policy
              </th>
            </tr>
          </thead>
          <tbody>
            {p.portals.map((row) => (
              <tr key={row.portalId} className="border-t align-top">
                <th scope="row" className="py-1 pr-3 text-left font-medium">
                  <Link className="underline-offset-4 hover:underline" href={`/integrations/${row.portalId}`}>
                    {row.portalName}
                  </Link>
                </th>
                <td className="py-1 pr-3">
                  <PolicyText policy={row.policyNow} />
                  {row.policyNow !== null && !row.fromTemplate ? (
                    <span className="block text-xs text-muted-foreground">the portal's own</span>
                  ) : null}
                </td>
                <td className="py-1 pr-3">
                  {row.wouldDrift ? (
                    <span className="space-y-0.5">
                      <Badge variant="destructive">would drift</Badge>
                      {row.contacts ? (
                        <Link className="block text-xs underline" href={contactsHref(row.portalId, row.contacts.filter)}>
                          {formatNumber(row.contacts.count)} contacts against it
                        </Link>
                      ) : null}
                      {row.monthlyCostMinor > 0 ? (
                        <span className="block text-xs">{formatMoney(row.monthlyCostMinor, row.currency)} a month</span>
                      ) : null}
                    </span>
                  ) : (
                    <Badge variant="success">in line</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => save.mutate({ appId: app.appId, createMarketing })} disabled={save.isPending}>
          {save.isPending ? "Saving…" : `Apply to ${formatNumber(p.portals.length)} portals`}
        </Button>
        <Button variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
