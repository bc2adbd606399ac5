import type { ComponentType, ReactNode } from "react";

import { cn } from "./cn";
import { focusRing } from "./focus-ring";

export type SidebarItem = {
  href: string;
  label: string;
  icon?: ReactNode;
  active?: boolean;
  /** A count beside the label, e.g. open alerts. */
  badge?: ReactNode;
};

export type SidebarLinkProps = {
  href: string;
  className?: string;
  "aria-current"?: "page";
  children: ReactNode;
};

export type SidebarProps = {
  items: SidebarItem[];
  /** Landmark name; give each <nav> on a page a distinct one. */
  label?: string;
  /**
   * Link component, e.g. Next's `Link`. The UI package does not import next/link so it stays
   * framework-agnostic; plain <a> is the fallback.
   */
  LinkComponent?: ComponentType<SidebarLinkProps>;
  header?: ReactNode;
  footer?: ReactNode;
  className?: string;
};

function Anchor({ children, ...props }: SidebarLinkProps) {
  return <a {...props}>{children}</a>;
}

export function Sidebar({ items, label = "Main", LinkComponent = Anchor, header, footer, className }: SidebarProps) {
  return (
    <aside
      data-slot="sidebar"
      className={cn(
        "sticky top-0 flex h-svh w-60 shrink-0 flex-col gap-2 overflow-y-auto border-r bg-sidebar p-3 text-sidebar-foreground",
        className,
      )}
    >
      {header ? <div className="px-2 py-1">{header}</div> : null}
      <nav aria-label={label} className="flex-1">
        <ul className="flex flex-col gap-0.5">
          {items.map((item) => (
            <li key={item.href}>
              <LinkComponent
                href={item.href}
                aria-current={item.active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium transition-colors [&_svg]:size-4 [&_svg]:shrink-0",
                  item.active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
                  focusRing,
                )}
              >
                {item.icon ? <span aria-hidden>{item.icon}</span> : null}
                <span className="flex-1 truncate">{item.label}</span>
                {item.badge != null ? <span className="text-xs tabular-nums">{item.badge}</span> : null}
              </LinkComponent>
            </li>
          ))}
        </ul>
      </nav>
      {footer ? <div className="px-2 py-1">{footer}</div> : null}
    </aside>
  );
}
