"use client";

import { Sidebar, type SidebarItem, type SidebarLinkProps } from "@marketable/ui/sidebar";
import Link from "next/link";
import { usePathname } from "next/navigation";

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

export function AppNav({ items, agencyName }: { items: NavItem[]; agencyName: string }) {
  const pathname = usePathname();
  const sidebarItems: SidebarItem[] = items.map((item) => ({
    ...item,
    active: item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`),
  }));
  return (
    <Sidebar
      items={sidebarItems}
      LinkComponent={NextLink}
      header={
        <div className="px-3 py-4">
          <div className="text-lg font-semibold">Marketable</div>
          <div className="text-sm text-muted-foreground" data-testid="agency-name">
            {agencyName}
          </div>
        </div>
      }
    />
  );
}
