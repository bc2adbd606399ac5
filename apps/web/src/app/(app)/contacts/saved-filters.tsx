"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { sameFilter } from "~/lib/contacts-url";
import { useTRPC } from "~/trpc/react";
import { useMemo, useState } from "react";

import type { ContactFilter } from "@marketable/api/validation";
import { Button } from "@marketable/ui/button";
import { ConfirmDialog } from "@marketable/ui/confirm-dialog";
import { toast } from "@marketable/ui/toaster";

import { SaveFilterDialog } from "./save-filter-dialog";
import { useLocalFiltersImport } from "./use-local-filters-import";

/**
 * The person's named filters on this portal, kept on the server: apply, save the current one,
 * delete. A saved filter is a named URL: applying it writes its filter into the address, and an
 * address whose filter is a saved one shows that name.
 */
export function SavedFilters({
  portalId,
  filter,
  onApply,
}: {
  portalId: string;
  filter: ContactFilter;
  onApply: (filter: ContactFilter) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.contacts.savedFilters.queryOptions({ portalId }));
  const saved = list.data?.filters;
  const [selectedId, setSelectedId] = useState("");
  const selected =
    saved?.find((f) => f.id === selectedId && sameFilter(f.filter, filter)) ??
    saved?.find((f) => sameFilter(f.filter, filter) && Object.keys(filter).length > 0);
  useLocalFiltersImport(
    portalId,
    useMemo(() => saved?.map((f) => f.name), [saved]),
  );

  const remove = useMutation(
    trpc.contacts.deleteFilter.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted “${selected?.name ?? "filter"}”`);
        setSelectedId("");
        await queryClient.invalidateQueries({ queryKey: trpc.contacts.savedFilters.queryKey({ portalId }) });
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  if (list.isError) {
    return (
      <div className="flex items-center gap-2 text-sm text-destructive" role="alert">
        Could not load saved filters: {list.error.message}
        <Button variant="ghost" size="sm" onClick={() => void list.refetch()}>
          Retry
        </Button>
      </div>
    );
  }

  return (
    <div className="flex items-center gap-2">
      <NativeSelect
        aria-label="Saved filters"
        className="w-48"
        disabled={list.isPending}
        value={selected?.id ?? ""}
        onChange={(e) => {
          const found = saved?.find((f) => f.id === e.target.value);
          setSelectedId(found?.id ?? "");
          if (found) onApply(found.filter);
        }}
      >
        <option value="">{list.isPending ? "Loading saved filters…" : saved?.length ? "Saved filters…" : "No saved filters"}</option>
        {saved?.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </NativeSelect>
      <SaveFilterDialog portalId={portalId} filter={filter} onSaved={setSelectedId} />
      {selected ? (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" disabled={remove.isPending}>
              Delete saved filter
            </Button>
          }
          title={`Delete “${selected.name}”?`}
          description="The saved filter is removed for you on every device. The contacts are not changed."
          confirm="Delete"
          onConfirm={() => remove.mutate({ portalId, id: selected.id })}
        />
      ) : null}
    </div>
  );
}
