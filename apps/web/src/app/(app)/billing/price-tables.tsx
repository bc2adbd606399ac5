"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useValidation, type Validation } from "~/lib/lazy-validation";
import { readWholeNumber } from "~/lib/typed-number";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { useState } from "react";

import { formatMoney } from "@marketable/billing/money";
import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { ColumnHeaders } from "@marketable/ui/column-headers";
import { ErrorState } from "@marketable/ui/error-state";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

import { moneyInputValue, parseMoneyInput } from "./money-input";

type Table = RouterOutputs["billing"]["priceTables"]["tables"][number];

/** The agency's price tables, newest version of each first; billing.manage edits save a new version. */
export function PriceTables({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const tables = useQuery(trpc.billing.priceTables.queryOptions());
  if (tables.isPending) return <LoadingState label="Loading price tables…" />;
  if (tables.isError)
    return <ErrorState title="Could not load price tables" message={tables.error.message} onRetry={() => void tables.refetch()} />;
  const latest = new Map<string, Table>();
  for (const t of tables.data.tables) if (!latest.has(t.tableKey) || latest.get(t.tableKey)!.version < t.version) latest.set(t.tableKey, t);
  return (
    <section aria-labelledby="price-tables-heading" className="mt-10 space-y-4">
      <h2 id="price-tables-heading" className="text-lg font-semibold">
        Price tables
      </h2>
      <p className="text-sm text-muted-foreground">
        Contracts point at a version; saving a change creates the next version and leaves earlier ones untouched.
        {canManage ? null : " Your role can read the prices but not change them."}
      </p>
      {latest.size === 0 ? (
        <p className="text-sm">No price tables saved yet: portals use the built-in published starting points until one is.</p>
      ) : null}
      {[...latest.values()].map((table) => (
        <PriceTableCard
          key={table.id}
          table={table}
          canManage={canManage}
          versions={tables.data.tables.filter((t) => t.tableKey === table.tableKey).length}
        />
      ))}
    </section>
  );
}

function PriceTableCard({ table, canManage, versions }: { table: Table; canManage: boolean; versions: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  // Cells keep the text as typed; each is checked with the server's schema and says what is wrong.
  const [draft, setDraft] = useState(() =>
    table.rows.map((r) => ({
      ...r,
      included: String(r.includedContacts),
      block: String(r.blockSize),
      blockPrice: moneyInputValue(r.blockPriceMinor, r.currency),
    })),
  );
  // The server's schemas load when editing starts; until they arrive no cell is judged.
  const schemas = useValidation(editing);
  const checked = draft.map((row) => checkRow(row, table.currency, schemas));
  const setCell = (i: number, patch: Partial<(typeof draft)[number]>) =>
    setDraft((d) => d.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = useMutation(
    trpc.billing.savePriceTable.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`Saved ${saved.name} version ${saved.version}`);
        setEditing(false);
        await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const headingId = `price-table-${table.id}`;
  function submit() {
    const rows = [];
    for (const [i, row] of draft.entries()) {
      const cells = checked[i]!;
      if (!schemas) return; // Save waits for the checks (disabled below)
      if (cells.included.value === undefined || cells.block.value === undefined || cells.price.value === undefined) {
        toast.error(`Check the ${row.edition} ${row.term} row: each cell says what to change`);
        return;
      }
      const { blockPrice: _price, included: _included, block: _block, ...rest } = row;
      rows.push({ ...rest, includedContacts: cells.included.value, blockSize: cells.block.value, blockPriceMinor: cells.price.value });
    }
    save.mutate({
      tableKey: table.tableKey,
      name: table.name,
      currency: table.currency,
      effectiveFrom: table.effectiveFrom,
      source: table.startingPoint ? "Edited from the published starting points" : table.source,
      rows,
    });
  }
  return (
    <div className="rounded-md border p-4" data-testid={`price-table-${table.tableKey}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-medium">
          {table.name}
        </h3>
        <Badge variant="outline">version {table.version}</Badge>
        {versions > 1 ? <span className="text-xs text-muted-foreground">{versions} versions</span> : null}
        {table.startingPoint ? <Badge variant="warning">Editable starting points, not a quote</Badge> : null}
        {canManage && !editing ? (
          <Button size="sm" variant="outline" className="ml-auto" onClick={() => setEditing(true)}>
            Edit prices
          </Button>
        ) : null}
      </div>
      <p className="mb-2 text-xs text-muted-foreground">{table.source}</p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={headingId}>
        <table className="w-full text-sm" aria-labelledby={headingId}>
          <thead className="bg-muted/50">
            <tr>
              <ColumnHeaders
                className="px-3 py-2"
                columns={[
                  { label: "Edition", className: "text-left" },
                  { label: "Term", className: "text-left" },
                  { label: "Included contacts", className: "text-right" },
                  { label: "Block size", className: "text-right" },
                  { label: `Block price / month (${table.currency})`, className: "text-right" },
                ]}
              />
            </tr>
          </thead>
          <tbody>
            {draft.map((row, i) => (
              <tr key={`${row.edition}-${row.term}`} className="border-t">
                <th scope="row" className="px-3 py-2 text-left font-normal capitalize">
                  {row.edition}
                </th>
                <td className="px-3 py-2 capitalize">{row.term}</td>
                {editing ? (
                  <>
                    <PriceCell
                      id={`${table.id}-${i}-included`}
                      label={`${row.edition} included contacts`}
                      inputMode="numeric"
                      value={row.included}
                      error={checked[i]!.included.error}
                      onChange={(included) => setCell(i, { included })}
                    />
                    <PriceCell
                      id={`${table.id}-${i}-block`}
                      label={`${row.edition} block size`}
                      inputMode="numeric"
                      value={row.block}
                      error={checked[i]!.block.error}
                      onChange={(block) => setCell(i, { block })}
                    />
                    <PriceCell
                      id={`${table.id}-${i}-price`}
                      label={`${row.edition} block price`}
                      inputMode="decimal"
                      value={row.blockPrice}
                      error={checked[i]!.price.error}
                      onChange={(blockPrice) => setCell(i, { blockPrice })}
                    />
                  </>
                ) : (
                  <>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(row.includedContacts)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(row.blockSize)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(row.blockPriceMinor, row.currency)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing ? (
        <div className="mt-3 flex gap-2">
          <Button onClick={submit} disabled={save.isPending || !schemas}>
            {save.isPending ? "Saving…" : `Save as version ${table.version + 1}`}
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </div>
      ) : null}
    </div>
  );
}

type Checked = { value?: number; error?: string };

/** One row's cells as typed, each checked with the server's schema (nothing judged before they load). */
function checkRow(
  row: { included: string; block: string; blockPrice: string },
  currency: string,
  schemas: Validation | undefined,
): { included: Checked; block: Checked; price: Checked } {
  if (!schemas) return { included: {}, block: {}, price: {} };
  return {
    included: readWholeNumber(row.included, schemas.includedContacts),
    block: readWholeNumber(row.block, schemas.blockSize),
    price: readMoney(row.blockPrice, currency, schemas.blockPriceMinor),
  };
}

/** A price as typed: "abc" and "-5" are refused in words, never read as 0 or 5. */
function readMoney(text: string, currency: string, blockPriceMinor: Validation["blockPriceMinor"]): Checked {
  if (text.trim().startsWith("-")) return { error: "The block price cannot be negative" };
  const minor = parseMoneyInput(text, currency);
  if (minor === null) return { error: "Enter an amount such as 225.00" };
  const result = blockPriceMinor.safeParse(minor);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? "Enter an amount such as 225.00" };
}

function PriceCell({
  id,
  label,
  value,
  error,
  inputMode,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  inputMode: "numeric" | "decimal";
  onChange: (value: string) => void;
}) {
  return (
    <td className="px-3 py-1 text-right align-top">
      <Input
        id={id}
        aria-label={label}
        inputMode={inputMode}
        className="ml-auto w-28 text-right"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} data-slot="form-error" className="ml-auto mt-1 max-w-40 text-left text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </td>
  );
}
