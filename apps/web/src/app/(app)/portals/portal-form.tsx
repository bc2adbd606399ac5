"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { applyServerErrors } from "~/lib/server-errors";
import { useTRPC } from "~/trpc/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";

import { portalFields } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

type Input = z.input<typeof portalFields>;
type Output = z.output<typeof portalFields>;

const recordKeys = ["name", "domain", "hubId", "timeZone"] as const;
const contractKeys = ["edition", "purchasedTier", "billingTerm", "renewalDate", "currency"] as const;

/** Create a portal (all fields), or edit its record or its contract (each needs its own permission). */
export function PortalForm({
  mode,
  portalId,
  defaults,
}: {
  mode: "create" | "record" | "contract";
  portalId?: string;
  defaults?: Partial<Input>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const keys = mode === "create" ? [...recordKeys, ...contractKeys] : mode === "record" ? recordKeys : contractKeys;
  const schema =
    mode === "create"
      ? portalFields
      : portalFields.pick(Object.fromEntries(keys.map((k) => [k, true])) as Record<(typeof keys)[number], true>);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(schema),
    defaultValues: { timeZone: "UTC", currency: "USD", edition: "professional", billingTerm: "yearly", ...defaults },
  });
  const onError = (error: Parameters<typeof applyServerErrors>[0]) => setFormError(applyServerErrors(error, form.setError));
  const onDone = async (message: string) => {
    toast.success(message);
    await queryClient.invalidateQueries({ queryKey: trpc.portals.pathKey() });
    router.refresh();
  };
  const create = useMutation(
    trpc.portals.create.mutationOptions({
      onSuccess: async (portal) => {
        await onDone(`Portal ${portal.name} added`);
        router.push(`/portals/${portal.id}`);
      },
      onError,
    }),
  );
  const update = useMutation(trpc.portals.update.mutationOptions({ onSuccess: () => onDone("Portal saved"), onError }));
  const updateContract = useMutation(trpc.portals.updateContract.mutationOptions({ onSuccess: () => onDone("Contract saved"), onError }));
  const pending = create.isPending || update.isPending || updateContract.isPending;

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    const picked = Object.fromEntries(keys.map((k) => [k, values[k]]));
    if (mode === "create") create.mutate(values);
    else if (mode === "record") update.mutate({ portalId: portalId!, ...picked });
    else updateContract.mutate({ portalId: portalId!, ...picked });
  });
  const error = (key: keyof Input) => form.formState.errors[key]?.message;
  const show = (key: (typeof keys)[number]) => (keys as readonly string[]).includes(key);

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
      noValidate
      aria-label={mode === "contract" ? "Contract" : "Portal"}
    >
      {formError ? (
        <Alert variant="destructive" className="sm:col-span-2" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      {show("name") && (
        <FormField label="Name" error={error("name")} required>
          <Input {...form.register("name")} />
        </FormField>
      )}
      {show("domain") && (
        <FormField label="Domain" error={error("domain")}>
          <Input {...form.register("domain")} placeholder="client.com" />
        </FormField>
      )}
      {show("hubId") && (
        <FormField label="HubSpot hub id" error={error("hubId")}>
          <Input {...form.register("hubId")} inputMode="numeric" />
        </FormField>
      )}
      {show("timeZone") && (
        <FormField label="Time zone" description="The portal's time zone decides its update dates." error={error("timeZone")} required>
          <Input {...form.register("timeZone")} placeholder="America/New_York" />
        </FormField>
      )}
      {show("edition") && (
        <FormField label="Marketing Hub edition" error={error("edition")} required>
          <NativeSelect {...form.register("edition")}>
            <option value="starter">Starter</option>
            <option value="professional">Professional</option>
            <option value="enterprise">Enterprise</option>
          </NativeSelect>
        </FormField>
      )}
      {show("purchasedTier") && (
        <FormField label="Marketing contacts purchased" error={error("purchasedTier")} required>
          <Input {...form.register("purchasedTier")} inputMode="numeric" />
        </FormField>
      )}
      {show("billingTerm") && (
        <FormField
          label="Billing term"
          description="Monthly terms update on the renewal day; yearly terms on the 1st."
          error={error("billingTerm")}
          required
        >
          <NativeSelect {...form.register("billingTerm")}>
            <option value="monthly">Monthly</option>
            <option value="yearly">Yearly</option>
          </NativeSelect>
        </FormField>
      )}
      {show("renewalDate") && (
        <FormField
          label="Renewal date"
          description="Any renewal of the contract, past or future: the next one (shown at the top of the page) is worked out from its day, and for yearly terms its month."
          error={error("renewalDate")}
          required
        >
          <Input {...form.register("renewalDate")} type="date" />
        </FormField>
      )}
      {show("currency") && (
        <FormField label="Currency" error={error("currency")} required>
          <Input {...form.register("currency")} maxLength={3} />
        </FormField>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Add portal" : "Save"}
        </Button>
      </div>
    </form>
  );
}
