import { cva, type VariantProps } from "class-variance-authority";
import { CircleCheck, CircleExclamationPoint, Info, TriangleExclamationPoint } from "lucide-react";
import { useId, type ComponentProps, type ReactNode } from "react";

import { cn } from "./cn";

export const alertVariants = cva(
  "relative flex w-full gap-3 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0",
  {
    variants: {
      variant: {
        info: "border-info/40 bg-info/10 [&>svg]:text-info",
        success: "border-success/40 bg-success/10 [&>svg]:text-success",
        warning: "border-warning/50 bg-warning/15 [&>svg]:text-warning-foreground dark:[&>svg]:text-warning",
        destructive: "border-destructive/50 bg-destructive/10 text-destructive [&>svg]:text-destructive",
      },
    },
    defaultVariants: { variant: "info" },
  },
);

const icons = {
  info: Info,
  success: CircleCheck,
  warning: TriangleExclamationPoint,
  destructive: CircleExclamationPoint,
} as const;

export type AlertProps = Omit<ComponentProps<"div">, "title"> &
  VariantProps<typeof alertVariants> & {
    title?: ReactNode;
    /** Hide the variant icon, e.g. when the caller supplies its own. */
    hideIcon?: boolean;
  };

/**
 * Inline callout. Destructive alerts use role="alert" (interrupts the screen reader), the others
 * role="status" (polite). Next.js renders its own hidden role="alert" route announcer, so each
 * alert is named by its title (aria-labelledby) and carries data-testid="alert-<variant>";
 * tests should query `getByRole("alert", { name: "..." })` or the test id, never bare "alert".
 */
export function Alert({ className, variant, title, hideIcon, children, ...props }: AlertProps) {
  const titleId = useId();
  const v = variant ?? "info";
  const Icon = icons[v];
  return (
    <div
      data-slot="alert"
      data-testid={`alert-${v}`}
      role={v === "destructive" ? "alert" : "status"}
      aria-labelledby={title ? titleId : undefined}
      className={cn(alertVariants({ variant: v }), className)}
      {...props}
    >
      {hideIcon ? null : <Icon aria-hidden />}
      <div className="flex flex-col gap-1">
        {title ? (
          <p id={titleId} className="font-medium leading-none">
            {title}
          </p>
        ) : null}
        {children ? <div className="text-sm opacity-90 [&_p]:leading-relaxed">{children}</div> : null}
      </div>
    </div>
  );
}
