import type { ComponentProps } from "react";

import { cn } from "./cn";

/** A pulsing placeholder block; hidden from assistive tech, which gets the surrounding busy state instead. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="skeleton" aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
