import type { ComponentProps } from "react";

import { cn } from "@marketable/ui/cn";

/** A plain <select> styled like the inputs: native keyboard and screen-reader behaviour for forms. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
