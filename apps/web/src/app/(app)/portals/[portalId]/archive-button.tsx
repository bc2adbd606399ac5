"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useRouter } from "next/navigation";

import { Button } from "@marketable/ui/button";
import { ConfirmDialog } from "@marketable/ui/confirm-dialog";
import { toast } from "@marketable/ui/toaster";

export function ArchivePortalButton({ portalId, name }: { portalId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(
    trpc.portals.archive.mutationOptions({
      onSuccess: () => {
        toast.success(`${name} archived`);
        router.push("/portals");
        router.refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <ConfirmDialog
      trigger={<Button variant="destructive">Archive portal</Button>}
      title={`Archive ${name}?`}
      description="It disappears from every list. Its audit history is kept."
      confirm="Archive"
      onConfirm={() => archive.mutate({ portalId })}
    />
  );
}
