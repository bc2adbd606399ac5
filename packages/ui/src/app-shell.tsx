import type { ReactNode } from "react";

import { cn } from "./cn";
import { focusRing } from "./focus-ring";

export type AppShellProps = {
  /** Usually a <Sidebar>. */
  sidebar?: ReactNode;
  /** Top bar content: portal switcher, ThemeToggle, user menu. */
  topbar?: ReactNode;
  /**
   * Narrow screens' navigation (a <NavSheet> with the same items), first in the top bar. Under
   * 768 px the sidebar is hidden and this takes its place, so content has the full width.
   */
  menu?: ReactNode;
  children: ReactNode;
  /** id of <main>, the skip link's target. */
  mainId?: string;
  className?: string;
};

/**
 * Page frame: skip link, sidebar, top bar and the main landmark. The skip link is the first
 * focusable element so keyboard users can jump past the navigation.
 */
export function AppShell({ sidebar, topbar, menu, children, mainId = "main-content", className }: AppShellProps) {
  return (
    <div data-slot="app-shell" className={cn("flex min-h-svh bg-background", className)}>
      <a
        href={`#${mainId}`}
        className={cn(
          "sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:text-sm focus:shadow-md",
          focusRing,
        )}
      >
        Skip to content
      </a>
      {/* Printed pages (a renewal pack) carry only the main content. */}
      {sidebar ? <div className={cn("contents print:hidden", menu && "max-md:hidden")}>{sidebar}</div> : null}
      <div className="flex min-w-0 flex-1 flex-col">
        {topbar ? (
          <header className="flex h-14 items-center justify-between gap-2 border-b px-3 sm:gap-3 sm:px-6 print:hidden">
            {menu}
            {topbar}
          </header>
        ) : null}
        <main id={mainId} tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-hidden sm:px-6 print:p-0">
          {children}
        </main>
      </div>
    </div>
  );
}
