"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

export function PartnerImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [token, setToken] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const list = useMutation(
    trpc.onboarding.partnerClients.mutationOptions({
      onSuccess: (clients) => setChosen(new Set(clients.filter((c) => !c.alreadyAdded).map((c) => c.hubId))),
    }),
  );
  const add = useMutation(
    trpc.onboarding.addPartnerClients.mutationOptions({
      onSuccess: async (result) => {
        toast.success(`${result.created.length} portals added: connect each from its page`);
        await queryClient.invalidateQueries({ queryKey: trpc.portals.pathKey() });
        list.reset();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const clients = list.data ?? [];
  return (
    <section aria-labelledby="partner-heading" className="space-y-4">
      <h2 id="partner-heading" className="text-lg font-semibold">
        From your HubSpot partner account
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          list.mutate({ token });
        }}
      >
        <FormField
          label="Partner portal token"
          description="A private-app token of the agency's own HubSpot portal."
          error={list.error?.message}
        >
          <Input type="password" value={token} onChange={(e) => setToken(e.target.value)} className="w-full max-w-96" autoComplete="off" />
        </FormField>
        <Button type="submit" variant="outline" disabled={list.isPending || token.trim().length < 10}>
          {list.isPending ? "Reading…" : "List my clients"}
        </Button>
      </form>
      {list.data && clients.length === 0 ? <Alert variant="info">The partner account lists no clients.</Alert> : null}
      {clients.length > 0 ? (
        <div className="space-y-3">
          <ul className="divide-y rounded-md border">
            {clients.map((client) => (
              <li key={client.hubId} className="flex items-center gap-3 px-4 py-2">
                <input
                  type="checkbox"
                  id={`client-${client.hubId}`}
                  disabled={client.alreadyAdded}
                  checked={chosen.has(client.hubId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(client.hubId);
                    else next.delete(client.hubId);
                    setChosen(next);
                  }}
                />
                <label htmlFor={`client-${client.hubId}`} className="flex-1">
                  {client.name ?? "Unnamed"} <span className="text-muted-foreground">hub {client.hubId}</span>
                </label>
                {client.alreadyAdded ? <span className="text-sm text-muted-foreground">already added</span> : null}
              </li>
            ))}
          </ul>
          <Button
            disabled={chosen.size === 0 || add.isPending}
            onClick={() =>
              add.mutate({
                clients: clients
                  .filter((c) => chosen.has(c.hubId))
                  .map((c) => ({ hubId: c.hubId, name: c.name ?? `HubSpot ${c.hubId}`, domain: c.domain })),
              })
            }
          >
            Add {chosen.size} selected
          </Button>
        </div>
      ) : null}
    </section>
  );
}
