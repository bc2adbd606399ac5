"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useState } from "react";

import { Button } from "@marketable/ui/button";
import { ErrorState } from "@marketable/ui/error-state";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

import { RulesForm, RulesSummary } from "./rules-form";

/**
 * One portal's alert rules: its own, or the agency's defaults it follows. Holders of
 * `alerts.manage` on the portal customise them or reset them to the defaults; others read them.
 */
export function PortalAlertRules({ portalId }: { portalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [customising, setCustomising] = useState(false);
  const current = useQuery(trpc.alerts.rules.queryOptions({ portalId }));
  const save = useMutation(
    trpc.alerts.setRules.mutationOptions({
      onSuccess: async (saved) => {
        setCustomising(false);
        toast.success(saved.custom ? "Alert rules saved" : "This portal uses the agency default again");
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.queryKey({ portalId }) });
      },
    }),
  );

  if (current.isPending) return <LoadingState label="Loading the alert rules" />;
  if (current.isError) return <ErrorState title="The alert rules could not be loaded" message={current.error.message} />;
  const { thresholds, spikePct, enabled, custom, canManage, defaults } = current.data;
  const rules = { thresholds, spikePct, enabled };
  const origin = custom
    ? "This portal has its own rules."
    : defaults.source === "agency"
      ? "Using the agency default."
      : "Using the agency default (the built-in 80, 90 and 100%, +10% in a day).";

  const form = (
    <RulesForm
      key={JSON.stringify(rules)}
      label="Portal alert rules"
      initial={rules}
      enabledLabel="Raise alerts for this portal"
      save={(next) => save.mutateAsync({ portalId, rules: next })}
      actions={
        custom ? (
          <Button
            type="button"
            variant="outline"
            disabled={save.isPending}
            onClick={() => save.mutate({ portalId, rules: null }, { onError: (error) => toast.error(error.message) })}
          >
            Reset to agency default
          </Button>
        ) : (
          <Button type="button" variant="ghost" onClick={() => setCustomising(false)}>
            Cancel
          </Button>
        )
      }
    />
  );

  return (
    <div className="space-y-4" data-testid="portal-alert-rules">
      <p className="text-sm" data-testid="alert-rules-origin">
        {origin}{" "}
        <Link href="/alerts#alert-settings" className="underline underline-offset-4">
          Agency defaults
        </Link>
      </p>
      {canManage && (custom || customising) ? (
        form
      ) : (
        <>
          <RulesSummary rules={rules} />
          {canManage ? (
            <Button type="button" variant="outline" onClick={() => setCustomising(true)}>
              Customise for this portal
            </Button>
          ) : null}
        </>
      )}
      <p className="text-sm text-muted-foreground">Rules apply from the portal&apos;s next sync.</p>
    </div>
  );
}
