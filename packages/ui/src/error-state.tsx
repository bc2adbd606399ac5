"use client";

import { RefreshCw, TriangleExclamationPoint } from "lucide-react";
import { useId, type ReactNode } from "react";

import { Button } from "./button";
import { cn } from "./cn";

export type ErrorStateProps = {
  title?: ReactNode;
  message?: ReactNode;
  /** Shows a retry button when given. */
  onRetry?: () => void;
  retryLabel?: string;
  className?: string;
};

/**
 * A failed load in place of its content. role="alert" named by its title, with
 * data-testid="error-state", because Next.js keeps its own unnamed role="alert" announcer.
 */
export function ErrorState({ title = "Something went wrong", message, onRetry, retryLabel = "Try again", className }: ErrorStateProps) {
  const titleId = useId();
  return (
    <div
      data-slot="error-state"
      data-testid="error-state"
      role="alert"
      aria-labelledby={titleId}
      className={cn("flex flex-col items-center gap-3 px-6 py-10 text-center", className)}
    >
      <div aria-hidden className="flex size-10 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <TriangleExclamationPoint className="size-5" />
      </div>
      <h3 id={titleId} className="font-semibold">
        {title}
      </h3>
      {message ? <p className="max-w-md text-sm text-muted-foreground">{message}</p> : null}
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          <RefreshCw aria-hidden />
          {retryLabel}
        </Button>
      ) : null}
    </div>
  );
}
