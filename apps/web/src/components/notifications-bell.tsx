"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import Link from "next/link";
import { useState } from "react";

import { Button } from "@marketable/ui/button";
import { formatEventTime } from "@marketable/ui/format";
import { Popover, PopoverContent, PopoverTrigger } from "@marketable/ui/popover";

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The bell: notices about status requests (approval needed, approved, rejected, finished,
 * failed), newest first, each linking to its request. Opening it marks them read.
 */
export function NotificationsBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zone = useViewerTimeZone();
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), refetchInterval: 20_000 });
  const markRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    }),
  );
  const unread = list.data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Read once seen: closing after a look clears the count.
        if (!next && unread > 0) markRead.mutate();
      }}
    >
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
          data-testid="notifications-bell"
        >
          <BellIcon />
          {unread ? (
            <span
              className="rounded-full bg-destructive px-1.5 text-xs font-semibold text-destructive-foreground"
              data-testid="notifications-unread"
            >
              {unread}
            </span>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[min(24rem,calc(100vw-2rem))] p-0">
        <p className="border-b px-4 py-2 text-sm font-semibold">Notifications</p>
        {list.data?.items.length ? (
          <ul className="max-h-96 divide-y overflow-auto" aria-label="Notifications">
            {list.data.items.map((n) => (
              <li key={n.id} className={n.read ? "" : "bg-accent/40"}>
                <Link
                  className="block px-4 py-2 text-sm hover:bg-accent"
                  href={`/requests/${n.requestId}`}
                  onClick={() => setOpen(false)}
                  data-testid="notification"
                >
                  {n.message}
                  <span className="block text-xs text-muted-foreground">{formatEventTime(n.createdAt, zone)}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-4 py-3 text-sm text-muted-foreground">
            Nothing yet. Requests you may approve, and your own requests&apos; outcomes, appear here.
          </p>
        )}
      </PopoverContent>
    </Popover>
  );
}
