"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { countWords } from "~/lib/count-words";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@marketable/ui/card";
import { formatNumber } from "@marketable/ui/format";

type Outcome = "pending" | "changed" | "skipped" | "failed";
const outcomeBadge: Record<Outcome, { text: string; variant: "outline" | "success" | "secondary" | "destructive" }> = {
  pending: { text: "Pending", variant: "outline" },
  changed: { text: "Changed", variant: "success" },
  skipped: { text: "Skipped", variant: "secondary" },
  failed: { text: "Failed", variant: "destructive" },
};

/** The request's contacts with each one's outcome (failures first), paged, and all of them as CSV. */
export function RequestContacts(props: {
  portalId: string;
  requestId: string;
  total: number;
  sample: { hubspotId: string; email: string | null }[];
  timeZone: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.statusRequests.contacts.queryOptions({
      portalId: props.portalId,
      requestId: props.requestId,
      page,
      ...(outcome ? { outcome } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const { csv } = await queryClient.fetchQuery(
        trpc.statusRequests.contactsCsv.queryOptions({ portalId: props.portalId, requestId: props.requestId }),
      );
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `request-${props.requestId}-contacts.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      setDownloading(false);
    }
  };
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Contacts ({formatNumber(props.total)})</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <div className="flex flex-wrap items-end gap-2">
          <label className="grid gap-1 text-sm">
            Outcome
            <NativeSelect
              value={outcome}
              onChange={(e) => {
                setOutcome(e.target.value as Outcome | "");
                setPage(1);
              }}
            >
              <option value="">All</option>
              <option value="failed">Failed</option>
              <option value="changed">Changed</option>
              <option value="skipped">Skipped</option>
              <option value="pending">Pending</option>
            </NativeSelect>
          </label>
          <Button variant="outline" className="ml-auto" onClick={() => void download()} disabled={downloading}>
            {downloading ? "Preparing…" : "Download CSV"}
          </Button>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Contacts of this request">
            <thead>
              <tr className="text-left text-muted-foreground">
                <th scope="col" className="py-1 pr-3">
                  Email
                </th>
                <th scope="col" className="py-1 pr-3">
                  Contact id
                </th>
                <th scope="col" className="py-1 pr-3">
                  Before
                </th>
                <th scope="col" className="py-1 pr-3">
                  Outcome
                </th>
              </tr>
            </thead>
            <tbody>
              {(
                data?.items ??
                props.sample.map((c) => ({ ...c, wasMarketable: true, wasPendingDemotion: false, outcome: "pending", error: null }))
              ).map((c) => (
                <tr key={c.hubspotId} className="border-t align-top">
                  <td className="break-all py-1 pr-3">{c.email ?? "—"}</td>
                  <td className="py-1 pr-3 tabular-nums">{c.hubspotId}</td>
                  <td className="py-1 pr-3">
                    {c.wasPendingDemotion ? "Pending demotion" : c.wasMarketable ? "Marketing" : "Non-marketing"}
                  </td>
                  <td className="py-1 pr-3">
                    <Badge variant={outcomeBadge[c.outcome].variant}>{outcomeBadge[c.outcome].text}</Badge>
                    {c.error ? <span className="block text-xs text-muted-foreground">{c.error}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous
          </Button>
          <span>
            Page {page} of {pages}
            {data ? ` · ${countWords(data.total, "contact")}` : ""}
          </span>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Next
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
