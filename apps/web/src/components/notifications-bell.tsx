"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOnDemand } from "~/lib/use-on-demand";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import { useState } from "react";

import { BellButton } from "./notifications-bell-button";

const loadPopover = () => import("./notifications-popover").then((m) => m.NotificationsPopover);

/**
 * The bell: notices about status requests (approval needed, approved, rejected, finished,
 * failed), newest first, each linking to its request. Opening it marks them read. The count shows
 * at once; the panel (a Radix Popover with its positioning engine, about 20 kB compressed) loads
 * on the first press, or as the pointer or focus reaches the bell.
 */
export function NotificationsBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zone = useViewerTimeZone();
  const [open, setOpen] = useState(false);
  const { Loaded: NotificationsPopover, fetch: fetchPopover } = useOnDemand(loadPopover);
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), refetchInterval: 20_000 });
  const markRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    }),
  );
  const unread = list.data?.unread ?? 0;
  if (!NotificationsPopover)
    return (
      <BellButton
        unread={unread}
        // A head start only: swapping the button while it has focus would lose the focus.
        onPointerEnter={() => void loadPopover()}
        onFocus={() => void loadPopover()}
        onClick={() => {
          setOpen(true);
          void fetchPopover();
        }}
      />
    );
  return (
    <NotificationsPopover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Read once seen: closing after a look clears the count.
        if (!next && unread > 0) markRead.mutate();
      }}
      unread={unread}
      items={list.data?.items}
      zone={zone}
    />
  );
}
