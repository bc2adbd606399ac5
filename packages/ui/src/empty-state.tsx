import { useId, type ReactNode } from "react";

import { cn } from "./cn";

export type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** The next step, e.g. a "Connect a portal" button. */
  action?: ReactNode;
  className?: string;
};

/** What to show when a list has nothing yet: say why and offer the way forward. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  const titleId = useId();
  return (
    <section
      data-slot="empty-state"
      aria-labelledby={titleId}
      className={cn("flex flex-col items-center gap-3 px-6 py-10 text-center", className)}
    >
      {icon ? (
        <div aria-hidden className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5">
          {icon}
        </div>
      ) : null}
      <h3 id={titleId} className="font-semibold text-foreground">
        {title}
      </h3>
      {description ? <p className="max-w-md text-sm text-muted-foreground">{description}</p> : null}
      {action ? <div className="mt-1">{action}</div> : null}
    </section>
  );
}
