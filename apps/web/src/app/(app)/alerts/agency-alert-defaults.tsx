"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

import { Button } from "@marketable/ui/button";
import { ErrorState } from "@marketable/ui/error-state";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

import { RulesForm, RulesSummary } from "./rules-form";

/**
 * The agency's default alert rules: what every portal without rules of its own uses. Only
 * agency-wide `alerts.manage` holders edit them (the server says so in `canManage`).
 */
export function AgencyAlertDefaults() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const defaults = useQuery(trpc.alerts.defaultRules.queryOptions());
  const refresh = async () => {
    // Portals that follow the defaults change with them.
    await queryClient.invalidateQueries({ queryKey: trpc.alerts.defaultRules.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.pathKey() });
  };
  const save = useMutation(trpc.alerts.setDefaultRules.mutationOptions({ onSuccess: refresh }));

  if (defaults.isPending) return <LoadingState label="Loading the default rules" />;
  if (defaults.isError) return <ErrorState title="The default rules could not be loaded" message={defaults.error.message} />;
  const { canManage, source, ...rules } = defaults.data;
  const origin = source === "agency" ? "Set for this agency." : "The built-in defaults: 80, 90 and 100% of the tier, +10% in a day.";

  if (!canManage) {
    return (
      <div className="space-y-3" data-testid="alert-defaults">
        <p className="text-sm text-muted-foreground">{origin}</p>
        <RulesSummary rules={rules} />
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="alert-defaults">
      <p className="text-sm text-muted-foreground">{origin}</p>
      <RulesForm
        // A fresh form when the stored defaults change (after a save or a reset).
        key={JSON.stringify(rules)}
        label="Default alert rules"
        initial={rules}
        enabledLabel="Raise alerts on portals that use the defaults"
        save={async (next) => {
          await save.mutateAsync({ rules: next });
          toast.success("Default alert rules saved");
        }}
        actions={
          source === "agency" ? (
            <Button
              type="button"
              variant="outline"
              disabled={save.isPending}
              onClick={() =>
                save.mutate(
                  { rules: null },
                  { onSuccess: () => toast.success("Back to the built-in defaults"), onError: (error) => toast.error(error.message) },
                )
              }
            >
              Reset to built-in defaults
            </Button>
          ) : null
        }
      />
    </div>
  );
}
