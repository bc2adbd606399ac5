import { LoaderCircle } from "lucide-react";

import { cn } from "./cn";

export type LoadingStateProps = {
  /** Announced to screen readers and shown beside the spinner. */
  label?: string;
  className?: string;
};

/** A polite "Loading…" for whole panels; tables use DataTable's skeleton rows instead. */
export function LoadingState({ label = "Loading…", className }: LoadingStateProps) {
  return (
    <div
      data-slot="loading-state"
      role="status"
      className={cn("flex items-center justify-center gap-2 px-6 py-10 text-sm text-muted-foreground", className)}
    >
      <LoaderCircle className="size-4 animate-spin motion-reduce:animate-none" aria-hidden />
      <span>{label}</span>
    </div>
  );
}
