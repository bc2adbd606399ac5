"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { applyServerErrors, nestedAsFormErrors } from "~/lib/server-errors";
import { useTRPC } from "~/trpc/react";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";

import { alertWebhookInput } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Checkbox } from "@marketable/ui/checkbox";
import { ConfirmDialog } from "@marketable/ui/confirm-dialog";
import { ErrorState } from "@marketable/ui/error-state";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { Label } from "@marketable/ui/label";
import { LoadingState } from "@marketable/ui/loading-state";
import { ShownOnce } from "@marketable/ui/shown-once";
import { toast } from "@marketable/ui/toaster";

import { WebhookDeliveries } from "./webhook-deliveries";

const formSchema = alertWebhookInput.pick({ url: true, enabled: true });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

/**
 * The agency's alert webhook (agency-wide `alerts.manage` only: the page renders it for them).
 * The signing secret exists in the browser only in the answer to the save that generated it
 * (first save or rotation), and only in this component's state.
 */
export function WebhookSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.alerts.webhook.queryOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const enabledId = useId();
  const webhook = current.data?.webhook ?? null;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    values: { url: webhook?.url ?? "", enabled: webhook?.enabled ?? true },
  });
  const set = useMutation(
    trpc.alerts.setWebhook.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        toast.success(result.webhook ? (result.secret && webhook ? "Signing secret rotated" : "Webhook saved") : "Webhook removed");
        await queryClient.invalidateQueries({ queryKey: trpc.alerts.webhook.queryKey() });
      },
      // A refusal that is not a schema error is about the address (its host is on a private network).
      onError: (error) =>
        setFormError(
          applyServerErrors(nestedAsFormErrors(error, "webhook"), form.setError, error.data?.code === "BAD_REQUEST" ? "url" : undefined),
        ),
    }),
  );
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    setSecret(null);
    set.mutate({ webhook: { ...values, rotateSecret: false } });
  });

  if (current.isPending) return <LoadingState label="Loading the webhook" />;
  if (current.isError) return <ErrorState title="The webhook could not be loaded" message={current.error.message} />;

  return (
    <div className="space-y-6" data-testid="webhook-settings">
      <form
        aria-label="Alert webhook"
        className="grid max-w-2xl gap-4"
        noValidate
        // Every attempt starts clean: an old refusal must not stand beside a new, different one.
        onSubmit={(event) => {
          setFormError(null);
          void submit(event);
        }}
      >
        {formError ? (
          <Alert variant="destructive" title="Could not save">
            {formError}
          </Alert>
        ) : null}
        <FormField
          label="Webhook URL"
          description="Optional. Each new alert is POSTed here as JSON, signed with HMAC-SHA256 (x-marketable-signature), and retried with backoff."
          error={form.formState.errors.url?.message}
        >
          <Input {...form.register("url")} type="url" placeholder="https://hooks.example.com/marketable" autoComplete="off" />
        </FormField>
        <div className="flex items-center gap-2">
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <Checkbox
                id={enabledId}
                checked={field.value ?? true}
                onCheckedChange={(checked) => field.onChange(checked === true)}
                onBlur={field.onBlur}
              />
            )}
          />
          <Label htmlFor={enabledId}>Send alerts to this URL</Label>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={set.isPending}>
            {set.isPending ? "Saving…" : "Save webhook"}
          </Button>
          {webhook ? (
            <>
              <ConfirmDialog
                trigger={
                  <Button type="button" variant="outline">
                    Rotate signing secret
                  </Button>
                }
                title="Rotate the signing secret?"
                description="A new secret signs every delivery from now on; the receiver must be given it, or it will refuse them."
                confirm="Rotate"
                onConfirm={() => {
                  setSecret(null);
                  set.mutate({ webhook: { url: webhook.url, enabled: webhook.enabled, rotateSecret: true } });
                }}
              />
              <ConfirmDialog
                trigger={
                  <Button type="button" variant="outline">
                    Remove webhook
                  </Button>
                }
                title="Remove the webhook?"
                description="Alerts stay in the app; nothing is sent any more, and the signing secret is deleted."
                confirm="Remove"
                onConfirm={() => {
                  setSecret(null);
                  set.mutate({ webhook: null });
                }}
              />
            </>
          ) : null}
        </div>
      </form>
      {secret ? (
        <ShownOnce title="Signing secret (shown once: copy it to your receiver now)" value={secret} testId="webhook-secret" />
      ) : null}
      {webhook ? <WebhookDeliveries deliveries={current.data.deliveries} /> : null}
    </div>
  );
}
