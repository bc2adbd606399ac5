"use client";

import { useOnDemand } from "~/lib/use-on-demand";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

import { NavSheetButton } from "@marketable/ui/nav-sheet-button";
import { Sidebar, type SidebarItem, type SidebarLinkProps } from "@marketable/ui/sidebar";

export interface NavItem {
  href: string;
  label: string;
}

function NextLink({ href, className, children, ...rest }: SidebarLinkProps) {
  return (
    <Link href={href} className={className} {...rest}>
      {children}
    </Link>
  );
}

function useSidebarItems(items: NavItem[]): SidebarItem[] {
  const pathname = usePathname();
  return items.map((item) => ({
    ...item,
    active: item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`),
  }));
}

function Brand({ agencyName }: { agencyName: string }) {
  return (
    <div className="px-3 py-4">
      <div className="text-lg font-semibold">Marketable</div>
      <div className="text-sm text-muted-foreground" data-testid="agency-name">
        {agencyName}
      </div>
    </div>
  );
}

export function AppNav({ items, agencyName }: { items: NavItem[]; agencyName: string }) {
  return <Sidebar items={useSidebarItems(items)} LinkComponent={NextLink} header={<Brand agencyName={agencyName} />} />;
}

// The sheet's Radix Dialog (focus trap, scroll lock, portal: about 15 kB compressed) comes with
// the first press of the menu button; wide screens never press it.
const loadNavSheet = () => import("@marketable/ui/nav-sheet").then((m) => m.NavSheet);

/**
 * Under 768 px: the menu button and the same navigation as a sheet. It closes when a link is
 * followed (a click inside the nav), so the new page is not hidden behind it.
 */
export function MobileNav({ items, agencyName, footer }: { items: NavItem[]; agencyName: string; footer?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { Loaded: NavSheet, fetch: fetchNavSheet } = useOnDemand(loadNavSheet);
  const sidebarItems = useSidebarItems(items);
  if (!NavSheet)
    return (
      <NavSheetButton
        // A head start only: swapping the button while it has focus would lose the focus.
        onPointerEnter={() => void loadNavSheet()}
        onFocus={() => void loadNavSheet()}
        onClick={() => {
          setOpen(true);
          void fetchNavSheet();
        }}
      />
    );
  return (
    <NavSheet open={open} onOpenChange={setOpen}>
      <div
        className="contents"
        onClick={(event) => {
          if ((event.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        <Sidebar
          items={sidebarItems}
          label="Main (menu)"
          LinkComponent={NextLink}
          header={
            <div className="pr-8">
              <Brand agencyName={agencyName} />
            </div>
          }
          footer={footer}
        />
      </div>
    </NavSheet>
  );
}
