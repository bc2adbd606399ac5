import type { ComponentProps } from "react";

import { Button } from "@marketable/ui/button";

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

/** The bell button with its unread count: shown at once, before its panel's code has loaded. */
export function BellButton({ unread, ...props }: { unread: number } & ComponentProps<typeof Button>) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
      data-testid="notifications-bell"
      {...props}
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
  );
}
