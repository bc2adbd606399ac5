"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import type { ContactFilter } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@marketable/ui/dialog";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

type FieldErrors = { name?: string[]; filter?: string[] };

/** Names the current filter and saves it to the person's list; an existing name is replaced. */
export function SaveFilterDialog({
  portalId,
  filter,
  onSaved,
}: {
  portalId: string;
  filter: ContactFilter;
  onSaved: (id: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation(
    trpc.contacts.saveFilter.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`Saved “${saved.name}”`);
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.savedFilters.queryKey({ portalId }) });
        onSaved(saved.id);
        setOpen(false);
        setName("");
      },
      onError: (e) => {
        const zod = (e.data as { zodError?: { fieldErrors?: FieldErrors } } | undefined)?.zodError?.fieldErrors;
        setFieldErrors(zod ?? {});
        // The limit, or a filter the server refuses: not about the name field.
        setFormError(zod?.name ? null : (zod?.filter?.join(" ") ?? e.message));
      },
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setFieldErrors({});
        setFormError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Save current filter
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ portalId, name, filter });
          }}
        >
          <DialogHeader>
            <DialogTitle>Save current filter</DialogTitle>
            <DialogDescription>
              Saved for you on this portal, on every device. Saving under a name you already use replaces that filter.
            </DialogDescription>
          </DialogHeader>
          <FormField label="Name" error={fieldErrors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </FormField>
          {formError ? (
            <Alert variant="destructive" title="Could not save">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
