"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@marketable/ui/dialog";
import { FormField } from "@marketable/ui/form-field";
import { Textarea } from "@marketable/ui/textarea";
import { toast } from "@marketable/ui/toaster";

/** Rejecting says why: the requester is told. The reason is required here and on the server. */
export function RejectDialog({ portalId, requestId, summary }: { portalId: string; requestId: string; summary: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string[] | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const reject = useMutation(
    trpc.statusRequests.reject.mutationOptions({
      onSuccess: async () => {
        toast.success("Rejected: the requester is told why");
        setOpen(false);
        setNote("");
        await queryClient.invalidateQueries({ queryKey: trpc.statusRequests.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
      onError: (e) => {
        const fields = (e.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)?.zodError?.fieldErrors;
        if (fields?.note) setError(fields.note);
        else setFormError(e.message);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(undefined);
        setFormError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">Reject</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reject this request?</DialogTitle>
          <DialogDescription>{summary}</DialogDescription>
        </DialogHeader>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            setFormError(null);
            if (note.trim().length < 3) {
              setError(["Say why (at least 3 characters): the requester reads it"]);
              return;
            }
            reject.mutate({ portalId, requestId, note: note.trim() });
          }}
        >
          {formError ? (
            <Alert variant="destructive" title="Could not reject">
              {formError}
            </Alert>
          ) : null}
          <FormField label="Reason" description="Sent to the requester with the rejection." error={error} required>
            <Textarea
              rows={3}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                setError(undefined);
              }}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={reject.isPending}>
              {reject.isPending ? "Rejecting…" : "Reject request"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
