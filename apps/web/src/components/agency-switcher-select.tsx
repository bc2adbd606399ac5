"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useRouter } from "next/navigation";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@marketable/ui/select";
import { toast } from "@marketable/ui/toaster";

/** The agency picker itself (Radix Select); loaded through agency-switcher.tsx only when shown. */
export function AgencySwitcherSelect({ current, agencies }: { current: string; agencies: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const switchAgency = useMutation(
    trpc.agency.switch.mutationOptions({
      onSuccess: () => {
        router.refresh();
        router.push("/");
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Select value={current} onValueChange={(agencyId: string) => switchAgency.mutate({ agencyId })} disabled={switchAgency.isPending}>
      <SelectTrigger aria-label="Agency" className="w-56">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {agencies.map((agency) => (
          <SelectItem key={agency.id} value={agency.id}>
            {agency.name}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
