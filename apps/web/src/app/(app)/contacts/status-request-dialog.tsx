"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { setConditions } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { useRouter } from "next/navigation";
import { useState } from "react";

import type { ContactFilter, StatusSelection } from "@marketable/api/validation";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@marketable/ui/dialog";
import { FormField } from "@marketable/ui/form-field";
import { Textarea } from "@marketable/ui/textarea";
import { toast } from "@marketable/ui/toaster";

import { ConfirmCountField, countConfirmed } from "./confirm-count";
import { PreviewSummary } from "./preview-summary";

type Source = "filter" | "selection" | "csv";
type Preview = RouterOutputs["statusRequests"]["preview"];

/**
 * Request a status change: choose contacts, see the preview (counts, dates, cost), then submit.
 * `openWith` opens it at once on the current filter (a link such as drift's "request non-marketing").
 */
/** The fields this dialog shows a server message under. */
const FIELDS_SHOWN = ["target", "selection", "reason"];

export function StatusRequestDialog(props: {
  portalId: string;
  filter: ContactFilter;
  selectedIds: string[];
  currency: string;
  timeZone: string;
  onCreated: () => void;
  openWith?: { target: "marketing" | "nonMarketing" };
  onClosed?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(Boolean(props.openWith));
  const [target, setTarget] = useState<"marketing" | "nonMarketing">(props.openWith?.target ?? "nonMarketing");
  const [source, setSource] = useState<Source>(props.selectedIds.length ? "selection" : "filter");
  const [csv, setCsv] = useState("");
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [previewing, setPreviewing] = useState(false);
  const [typedCount, setTypedCount] = useState("");
  // No filter and no selection: the request covers the whole portal, and says so.
  const wholePortal = setConditions(props.filter).length === 0;

  const selection = (): StatusSelection =>
    source === "csv"
      ? { kind: "csv", text: csv }
      : source === "selection"
        ? { kind: "ids", ids: props.selectedIds }
        : { kind: "filter", filter: props.filter };

  const reset = () => {
    setPreview(null);
    setError(null);
    setFieldErrors({});
    setTypedCount("");
  };
  const create = useMutation(
    trpc.statusRequests.create.mutationOptions({
      onSuccess: async (result) => {
        toast.success(result.state === "pending_approval" ? "Request sent for approval" : "Request queued: it runs now");
        setOpen(false);
        props.onClosed?.();
        reset();
        setReason("");
        props.onCreated();
        await queryClient.invalidateQueries({ queryKey: trpc.statusRequests.pathKey() });
        // Its page shows the approval, the live progress and the outcome.
        router.push(`/requests/${result.id}`);
      },
      onError: (e) => {
        const fields = (e.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)?.zodError?.fieldErrors ?? {};
        setFieldErrors(fields);
        // Said at its field already, it is not said again above the preview; anything else is.
        const elsewhere = Object.entries(fields).some(([key, messages]) => messages?.length && !FIELDS_SHOWN.includes(key));
        setError(Object.keys(fields).length === 0 || elsewhere ? e.message : null);
      },
    }),
  );

  const runPreview = async () => {
    reset();
    setPreviewing(true);
    try {
      setPreview(
        await queryClient.fetchQuery({
          ...trpc.statusRequests.preview.queryOptions({ portalId: props.portalId, target, selection: selection() }),
          staleTime: 0,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPreviewing(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setSource(props.selectedIds.length ? "selection" : "filter");
        else props.onClosed?.();
        reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>Request status change</Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Request a marketing-status change</DialogTitle>
          <DialogDescription>Preview what changes and what it costs before you submit.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField label="Set contacts to" error={fieldErrors.target}>
            <NativeSelect
              value={target}
              onChange={(e) => {
                setTarget(e.target.value as "marketing" | "nonMarketing");
                reset();
              }}
            >
              <option value="nonMarketing">Non-marketing</option>
              <option value="marketing">Marketing</option>
            </NativeSelect>
          </FormField>
          <FormField label="Contacts" error={fieldErrors.selection}>
            <NativeSelect
              value={source}
              onChange={(e) => {
                setSource(e.target.value as Source);
                reset();
              }}
            >
              <option value="filter">{wholePortal ? "Every contact of this portal" : "Everything matching the current filter"}</option>
              <option value="selection" disabled={props.selectedIds.length === 0}>
                Selected contacts ({props.selectedIds.length})
              </option>
              <option value="csv">Pasted emails or contact ids</option>
            </NativeSelect>
          </FormField>
        </div>
        {source === "csv" ? (
          <FormField label="Emails or contact ids" description="One per line; a CSV's first column is used.">
            <Textarea
              rows={5}
              value={csv}
              onChange={(e) => {
                setCsv(e.target.value);
                reset();
              }}
            />
          </FormField>
        ) : null}
        <FormField label="Reason" error={fieldErrors.reason} required>
          <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </FormField>
        {error ? (
          <Alert variant="destructive" title="Could not continue">
            {error}
          </Alert>
        ) : null}
        {preview ? <PreviewSummary preview={preview} /> : null}
        {preview?.confirmation ? <ConfirmCountField guard={preview.confirmation} value={typedCount} onChange={setTypedCount} /> : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => void runPreview()} disabled={previewing}>
            {previewing ? "Previewing…" : "Preview"}
          </Button>
          <Button
            disabled={!preview || preview.changeCount === 0 || create.isPending || !countConfirmed(preview.confirmation, typedCount)}
            onClick={() =>
              create.mutate({
                portalId: props.portalId,
                target,
                reason,
                selection: selection(),
                ...(preview?.confirmation ? { confirmCount: preview.confirmation.count } : {}),
              })
            }
          >
            {preview?.approvalReasons.length ? "Submit for approval" : "Submit request"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
