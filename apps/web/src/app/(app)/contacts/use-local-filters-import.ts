"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useEffect, useRef } from "react";

import { SAVED_FILTER_NAME_MAX, type ContactFilter } from "@marketable/api/validation";

/** Where this browser kept a portal's saved filters before they moved to the server. */
export const localFiltersKey = (portalId: string) => `marketable.contactFilters.${portalId}`;

type LocalFilters = { name: string; filter: ContactFilter }[];

function readLocal(portalId: string): LocalFilters | null {
  const raw = localStorage.getItem(localFiltersKey(portalId));
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? (parsed as LocalFilters).filter((f) => typeof f?.name === "string" && f.filter && typeof f.filter === "object")
      : [];
  } catch {
    return [];
  }
}

/**
 * One-time move of filters this browser saved locally to the person's server-side list, so
 * nobody loses what they had. Names already on the server keep the server's filter. An entry the
 * server refuses as invalid (or over the limit) is dropped; any other failure (offline, server
 * down) leaves the local copy for the next visit.
 */
export function useLocalFiltersImport(portalId: string, serverNames: string[] | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.contacts.saveFilter.mutationOptions());
  const started = useRef<string | null>(null);

  useEffect(() => {
    if (!serverNames || started.current === portalId) return;
    started.current = portalId;
    const local = readLocal(portalId);
    if (local === null) return;
    void (async () => {
      let keepLocal = false;
      for (const entry of local) {
        const name = entry.name.trim().slice(0, SAVED_FILTER_NAME_MAX);
        if (!name || serverNames.includes(name)) continue;
        try {
          await save.mutateAsync({ portalId, name, filter: entry.filter });
        } catch (error) {
          if ((error as { data?: { code?: string } }).data?.code !== "BAD_REQUEST") keepLocal = true;
        }
      }
      if (!keepLocal) localStorage.removeItem(localFiltersKey(portalId));
      await queryClient.invalidateQueries({ queryKey: trpc.contacts.savedFilters.queryKey({ portalId }) });
    })();
    // Deliberately not keyed on `save` or the clients: the ref makes this one-shot per portal.
  }, [portalId, serverNames]);
}
