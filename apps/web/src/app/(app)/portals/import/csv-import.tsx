"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Textarea } from "@marketable/ui/textarea";
import { toast } from "@marketable/ui/toaster";

const TEMPLATE = "name,hub_id,domain,time_zone,currency,edition,purchased_tier,billing_term,renewal_date,token";

function ErrorList({ errors }: { errors: { line: number; field: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert
      variant="destructive"
      title={`${errors.length} problem${errors.length === 1 ? "" : "s"} to fix; nothing was imported`}
      data-testid="csv-errors"
    >
      <ul className="list-disc pl-5">
        {errors.slice(0, 50).map((e, i) => (
          <li key={i}>
            Line {e.line}, {e.field}: {e.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function CsvImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const preview = useMutation(trpc.onboarding.previewCsv.mutationOptions());
  const importCsv = useMutation(
    trpc.onboarding.importCsv.mutationOptions({
      onSuccess: async (result) => {
        if (result.created.length > 0) toast.success(`${result.created.length} portals imported`);
        await queryClient.invalidateQueries({ queryKey: trpc.portals.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const result = importCsv.data;
  return (
    <section aria-labelledby="csv-heading" className="space-y-4">
      <h2 id="csv-heading" className="text-lg font-semibold">
        From a CSV file
      </h2>
      <p className="text-sm text-muted-foreground">
        Columns: <code className="break-all">{TEMPLATE}</code>. <code>hub_id</code>, <code>domain</code> and <code>token</code> are
        optional; a row with a private-app token is connected and synced at once.
      </p>
      <FormField label="CSV file" description="Choose a file or paste its contents below.">
        <input
          type="file"
          accept=".csv,text/csv"
          className="text-sm"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </FormField>
      <FormField label="CSV contents">
        <Textarea rows={8} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={TEMPLATE} className="font-mono text-xs" />
      </FormField>
      <div className="flex gap-2">
        <Button variant="outline" disabled={!csv.trim() || preview.isPending} onClick={() => preview.mutate({ csv })}>
          Check the file
        </Button>
        <Button disabled={!csv.trim() || importCsv.isPending} onClick={() => importCsv.mutate({ csv })}>
          {importCsv.isPending ? "Importing…" : "Import"}
        </Button>
      </div>
      {preview.data && !result ? (
        preview.data.errors.length > 0 ? (
          <ErrorList errors={preview.data.errors} />
        ) : (
          <Alert variant="success" title={`${preview.data.rows.length} portals ready to import`}>
            {preview.data.rows.filter((r) => r.hasToken).length} of them carry a token and will be connected.
          </Alert>
        )
      ) : null}
      {result ? (
        result.created.length === 0 && result.errors.length > 0 ? (
          <ErrorList errors={result.errors} />
        ) : (
          <Alert variant={result.errors.length ? "warning" : "success"} title="Import finished" data-testid="csv-result">
            <p>
              {result.created.length} created, {result.connected.length} connected, {result.skipped.length} skipped.
            </p>
            {result.skipped.map((s) => (
              <p key={s.line}>
                Line {s.line} ({s.name}): {s.reason}
              </p>
            ))}
            {result.errors.map((e) => (
              <p key={e.line}>
                Line {e.line}: {e.message}
              </p>
            ))}
          </Alert>
        )
      ) : null}
    </section>
  );
}
