"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useEffect, useState } from "react";
import { z } from "zod";

import { guardrailSettingsInput } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

const toText = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/**
 * When a marketing-status request needs a second person's approval: any tier crossing always;
 * beyond that, more contacts than the size threshold or more added cost than the cost threshold
 * (a new agency starts at 1,000 contacts and any increase). And when its count must be typed.
 */
export function ApprovalThresholds({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.statusRequests.guardrails.queryOptions());
  const [size, setSize] = useState("");
  const [cost, setCost] = useState("");
  const [ttl, setTtl] = useState("72");
  const [share, setShare] = useState("25");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (!current.data) return;
    setSize(toText(current.data.approvalSizeThreshold));
    setCost(current.data.approvalCostThresholdMinor === null ? "" : (current.data.approvalCostThresholdMinor / 100).toFixed(2));
    setTtl(String(current.data.approvalTtlHours));
    setShare(String(current.data.confirmSharePercent));
  }, [current.data]);
  const save = useMutation(
    trpc.statusRequests.setGuardrails.mutationOptions({
      onSuccess: async () => {
        toast.success("Approval thresholds saved");
        await queryClient.invalidateQueries({ queryKey: trpc.statusRequests.guardrails.queryKey() });
      },
      onError: (e) => {
        setFormError(e.message);
        setErrors((e.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)?.zodError?.fieldErrors ?? {});
      },
    }),
  );
  const number = (text: string) => (text.trim() === "" ? null : Number(text));
  return (
    <form
      aria-label="Approval thresholds"
      className="grid max-w-2xl gap-4 sm:grid-cols-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setErrors({});
        setFormError(null);
        // Money travels in minor units; the form speaks in currency units, at most two decimals
        // (never rounded: "12.345" is refused, not saved as 12.35).
        const costText = cost.trim();
        const costMinor = costText === "" ? null : /^-?\d+(\.\d{1,2})?$/.test(costText) ? Math.round(Number(costText) * 100) : Number.NaN;
        const input = {
          approvalSizeThreshold: number(size),
          approvalCostThresholdMinor: costMinor,
          approvalTtlHours: ttl.trim() === "" ? Number.NaN : Number(ttl),
          confirmSharePercent: share.trim() === "" ? Number.NaN : Number(share),
        };
        // Checked with the server's schema first: its words at each field, nothing sent.
        const checked = guardrailSettingsInput.safeParse(input);
        if (!checked.success) {
          const fieldErrors: Record<string, string[] | undefined> = z.flattenError(checked.error).fieldErrors;
          if (Number.isNaN(costMinor)) fieldErrors.approvalCostThresholdMinor = ["Enter an amount such as 250.00 (at most two decimals)"];
          setErrors(fieldErrors);
          return;
        }
        save.mutate(checked.data);
      }}
    >
      {formError ? (
        <Alert variant="destructive" className="sm:col-span-3" title="Could not save">
          {formError}
        </Alert>
      ) : null}
      <FormField label="Size threshold (contacts)" description="Empty: no size limit." error={errors.approvalSizeThreshold}>
        <Input type="number" min={1} max={10_000_000} step={1} value={size} onChange={(e) => setSize(e.target.value)} disabled={!canEdit} />
      </FormField>
      <FormField
        label="Cost threshold (per month, portal currency)"
        description="Empty: no cost limit."
        error={errors.approvalCostThresholdMinor}
      >
        <Input
          type="number"
          min={0}
          max={10_000_000}
          step="0.01"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          disabled={!canEdit}
        />
      </FormField>
      <FormField label="Approvals expire after (hours)" error={errors.approvalTtlHours} required>
        <Input type="number" min={1} max={720} step={1} value={ttl} onChange={(e) => setTtl(e.target.value)} disabled={!canEdit} />
      </FormField>
      <FormField
        label="Type the count above (% of marketing contacts)"
        description="A request changing more than this share of a portal's marketing contacts, or the whole portal, is submitted only after its count is typed."
        error={errors.confirmSharePercent}
        required
        className="sm:col-span-3"
      >
        <Input
          type="number"
          min={1}
          max={100}
          value={share}
          onChange={(e) => setShare(e.target.value)}
          disabled={!canEdit}
          className="max-w-40"
        />
      </FormField>
      {canEdit ? (
        <div className="sm:col-span-3">
          <Button type="submit" disabled={save.isPending}>
            Save thresholds
          </Button>
        </div>
      ) : null}
    </form>
  );
}
