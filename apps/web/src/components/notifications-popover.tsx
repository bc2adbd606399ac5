"use client";

import type { RouterOutputs } from "~/trpc/types";
import Link from "next/link";

import { formatEventTime } from "@marketable/ui/format";
import { Popover, PopoverContent, PopoverTrigger } from "@marketable/ui/popover";

import { BellButton } from "./notifications-bell-button";

/** The bell's panel: the notices, newest first, each linking to its request. */
export function NotificationsPopover({
  open,
  onOpenChange,
  unread,
  items,
  zone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  unread: number;
  items: RouterOutputs["notifications"]["list"]["items"] | undefined;
  zone: string;
}) {
  return (
    <Popover open={open} onOpenChange={onOpenChange}>
      <PopoverTrigger asChild>
        <BellButton unread={unread} />
      </PopoverTrigger>
      <PopoverContent align="end" className="w-[min(24rem,calc(100vw-2rem))] p-0">
        <p className="border-b px-4 py-2 text-sm font-semibold">Notifications</p>
        {items?.length ? (
          <ul className="max-h-96 divide-y overflow-auto" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={n.read ? "" : "bg-accent/40"}>
                <Link
                  className="block px-4 py-2 text-sm hover:bg-accent"
                  href={`/requests/${n.requestId}`}
                  onClick={() => onOpenChange(false)}
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
