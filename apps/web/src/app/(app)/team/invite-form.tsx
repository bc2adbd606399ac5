"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { applyServerErrors } from "~/lib/server-errors";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { inviteInput } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { ShownOnce } from "@marketable/ui/shown-once";
import { toast } from "@marketable/ui/toaster";

/** The form's shape: one optional portal grant, turned into the procedure's `grants` list. */
const formSchema = z.object({
  email: inviteInput.shape.email,
  role: inviteInput.shape.role,
  portalId: z.string().optional(),
  portalRole: z.enum(["manager", "analyst", "client"]).optional(),
});
type FormValues = z.infer<typeof formSchema>;

export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const portals = useQuery(trpc.portals.list.queryOptions({ pageSize: 200 }));
  const [link, setLink] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { role: "member", portalRole: "manager" } });
  const role = form.watch("role");
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: async (result) => {
        setLink(`${window.location.origin}${result.path}`);
        form.reset({ role: "member", portalRole: "manager", email: "" });
        toast.success("Invite link created");
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      },
      onError: (error, sent) => {
        // "x@y is already a member …": about the address, so said under the Email field.
        const aboutEmail = error.message.toLowerCase().startsWith(sent.email.trim().toLowerCase());
        setFormError(applyServerErrors(error, form.setError, aboutEmail ? "email" : undefined));
      },
    }),
  );
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    setLink(null);
    const grants =
      values.role === "member" && values.portalId && values.portalRole ? [{ portalId: values.portalId, role: values.portalRole }] : [];
    invite.mutate({ email: values.email, role: values.role, grants });
  });

  return (
    <section aria-labelledby="invite-heading" className="space-y-4">
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite someone
      </h2>
      <form onSubmit={(event) => void submit(event)} className="grid max-w-3xl gap-4 sm:grid-cols-2" noValidate aria-label="Invite">
        {formError ? (
          <Alert variant="destructive" className="sm:col-span-2" data-testid="invite-form-error">
            {formError}
          </Alert>
        ) : null}
        <FormField label="Email" error={form.formState.errors.email?.message} required>
          <Input {...form.register("email")} type="email" autoComplete="off" />
        </FormField>
        <FormField label="Role" error={form.formState.errors.role?.message} required>
          <NativeSelect {...form.register("role")}>
            <option value="member">Member (portal access below)</option>
            <option value="admin">Admin</option>
            <option value="billing">Billing</option>
            {canInviteOwner ? <option value="owner">Owner</option> : null}
          </NativeSelect>
        </FormField>
        {role === "member" ? (
          <>
            <FormField
              label="Portal"
              description="Members see only the portals they are granted."
              error={form.formState.errors.portalId?.message}
            >
              <NativeSelect {...form.register("portalId")}>
                <option value="">No portal yet</option>
                {(portals.data?.items ?? []).map((portal) => (
                  <option key={portal.id} value={portal.id}>
                    {portal.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Portal role">
              <NativeSelect {...form.register("portalRole")}>
                <option value="manager">Manager</option>
                <option value="analyst">Analyst</option>
                <option value="client">Client</option>
              </NativeSelect>
            </FormField>
          </>
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? "Creating link…" : "Create invite link"}
          </Button>
        </div>
      </form>
      {link ? <ShownOnce title="Invite link (shown once, valid for 7 days)" value={link} testId="invite-link" /> : null}
    </section>
  );
}
