"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { applyServerErrors, nestedAsFormErrors } from "~/lib/server-errors";
import { useId, useState, type ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";

import { alertRulesInput } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Checkbox } from "@marketable/ui/checkbox";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { Label } from "@marketable/ui/label";

export type AlertRules = z.output<typeof alertRulesInput>;

/**
 * The form speaks text ("80, 90, 100"); the procedure takes numbers. The list is checked with the
 * procedure's own schema, so the form shows the server's messages before anything is sent.
 */
const formSchema = z.object({
  thresholds: z.string().transform((text, ctx) => {
    const list = text
      .split(/[\s,;%]+/)
      .filter(Boolean)
      .map(Number);
    const parsed = alertRulesInput.shape.thresholds.safeParse(list);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Enter percentages such as 80, 90, 100" });
    return z.NEVER;
  }),
  spikePct: alertRulesInput.shape.spikePct,
  enabled: alertRulesInput.shape.enabled,
});
type FormInput = z.input<typeof formSchema>;

export const thresholdsText = (thresholds: readonly number[]) => thresholds.join(", ");

/**
 * Thresholds, spike and on/off: one form for a portal's rules and for the agency's defaults.
 * `save` is the mutation; its zod errors (filed under `rules`) are shown on the form.
 */
export function RulesForm({
  label,
  initial,
  enabledLabel,
  save,
  actions,
}: {
  /** The form's accessible name. */
  label: string;
  initial: AlertRules;
  enabledLabel: string;
  save: (rules: AlertRules) => Promise<unknown>;
  /** Extra buttons beside Save (cancel, reset). */
  actions?: ReactNode;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const enabledId = useId();
  const form = useForm<FormInput, unknown, AlertRules>({
    resolver: zodResolver(formSchema),
    defaultValues: { thresholds: thresholdsText(initial.thresholds), spikePct: initial.spikePct, enabled: initial.enabled },
  });
  const submit = form.handleSubmit(async (rules) => {
    setFormError(null);
    try {
      await save(rules);
    } catch (error) {
      setFormError(applyServerErrors(nestedAsFormErrors(error as Parameters<typeof applyServerErrors>[0], "rules"), form.setError));
    }
  });
  const errors = form.formState.errors;
  return (
    <form aria-label={label} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate onSubmit={(event) => void submit(event)}>
      {formError ? (
        <Alert variant="destructive" className="sm:col-span-2" title="Could not save">
          {formError}
        </Alert>
      ) : null}
      <FormField
        label="Thresholds (% of the contact tier)"
        description="Comma-separated, e.g. 80, 90, 100."
        error={errors.thresholds?.message}
        required
      >
        <Input {...form.register("thresholds")} inputMode="numeric" autoComplete="off" />
      </FormField>
      <FormField
        label="Spike (+% in a day)"
        description="Growth of marketing contacts over the previous day, in percent."
        error={errors.spikePct?.message}
        required
      >
        {(control) => (
          <div className="flex items-center gap-2">
            <Input
              {...control}
              {...form.register("spikePct", { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              step={1}
            />
            <span aria-hidden className="text-sm text-muted-foreground">
              %
            </span>
          </div>
        )}
      </FormField>
      <div className="flex items-center gap-2 sm:col-span-2">
        <Controller
          control={form.control}
          name="enabled"
          render={({ field }) => (
            <Checkbox
              id={enabledId}
              checked={field.value}
              onCheckedChange={(checked) => field.onChange(checked === true)}
              onBlur={field.onBlur}
            />
          )}
        />
        <Label htmlFor={enabledId}>{enabledLabel}</Label>
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save rules"}
        </Button>
        {actions}
      </div>
    </form>
  );
}

/** The rules as text, for people who may not change them. */
export function RulesSummary({ rules }: { rules: AlertRules }) {
  const facts: [string, string][] = [
    ["Thresholds", rules.thresholds.map((t) => `${t}%`).join(", ")],
    ["Spike", `+${rules.spikePct}% in a day`],
    ["Alerts", rules.enabled ? "On" : "Off"],
  ];
  return (
    <dl className="grid gap-x-8 gap-y-3 sm:grid-cols-3">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className="text-sm text-muted-foreground">{term}</dt>
          <dd className="font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
