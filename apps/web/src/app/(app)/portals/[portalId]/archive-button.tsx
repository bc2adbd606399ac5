"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@marketable/ui/alert-dialog";
import { Button } from "@marketable/ui/button";
import { toast } from "@marketable/ui/toaster";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "~/trpc/react";

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
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive">Archive portal</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Archive {name}?</AlertDialogTitle>
          <AlertDialogDescription>It disappears from every list. Its audit history is kept.</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => archive.mutate({ portalId })}>Archive</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
