"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

import { Button } from "@marketable/ui/button";
import { toast } from "@marketable/ui/toaster";

/** Approves in place: the request is queued and runs at once. */
export function ApproveButton({ portalId, requestId, disabled }: { portalId: string; requestId: string; disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const approve = useMutation(
    trpc.statusRequests.approve.mutationOptions({
      onSuccess: async () => {
        toast.success("Approved: the request runs now");
        await queryClient.invalidateQueries({ queryKey: trpc.statusRequests.pathKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <Button disabled={disabled || approve.isPending} onClick={() => approve.mutate({ portalId, requestId })}>
      {approve.isPending ? "Approving…" : "Approve"}
    </Button>
  );
}
