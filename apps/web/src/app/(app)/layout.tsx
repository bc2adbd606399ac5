import { AgencySwitcher } from "~/components/agency-switcher";
import { AppNav, MobileNav, type NavItem } from "~/components/app-nav";
import { NotificationsBell } from "~/components/notifications-bell";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";
import Link from "next/link";

import { can, canAnywhere } from "@marketable/permissions";
import { AppShell } from "@marketable/ui/app-shell";
import { Button } from "@marketable/ui/button";
import { ThemeToggle } from "@marketable/ui/theme";

import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const access = await requireAccess();
  const { actor } = access;
  // Navigation shows what the role includes; each page still checks on the server.
  // The shell's calls run side by side; each reuses the render's access (loaded once).
  const caller = await serverCaller();
  const [{ unacknowledged }, inbox, memberships] = await Promise.all([
    // The badge: open alerts nobody has acknowledged, on the portals this person sees.
    caller.alerts.badge(),
    // Requests waiting for this person's decision (their own excluded: someone else decides those).
    canAnywhere(actor, "marketingStatus.approve") ? caller.statusRequests.inbox() : null,
    // The agency switcher's list (read with the access: no query of its own).
    caller.agency.memberships(),
  ]);
  const toDecide = inbox ? inbox.toDecide : null;
  const items: NavItem[] = [
    { href: "/", label: "Overview" },
    { href: "/portals", label: "Portals" },
    ...(canAnywhere(actor, "integrations.view") ? [{ href: "/integrations", label: "Integrations" }] : []),
    ...(canAnywhere(actor, "contacts.view") ? [{ href: "/contacts", label: "Contacts" }] : []),
    // Marketing-status requests are read with the contacts (approvers reach theirs from Approvals).
    ...(canAnywhere(actor, "contacts.view") ? [{ href: "/requests", label: "Requests" }] : []),
    ...(canAnywhere(actor, "billing.view") ? [{ href: "/billing", label: "Billing" }] : []),
    ...(can(actor, "audit.view") ? [{ href: "/audit", label: "Audit" }] : []),
    ...(can(actor, "members.manage") ? [{ href: "/team", label: "Team" }] : []),
    ...(toDecide !== null ? [{ href: "/approvals", label: toDecide > 0 ? `Approvals (${toDecide})` : "Approvals" }] : []),
    { href: "/alerts", label: unacknowledged > 0 ? `Alerts (${unacknowledged})` : "Alerts" },
    // Settings holds the approval thresholds: only people who may change them see it in the menu.
    ...(can(actor, "billing.manage") ? [{ href: "/settings", label: "Settings" }] : []),
  ];

  return (
    <AppShell
      sidebar={<AppNav items={items} agencyName={access.agency.name} />}
      menu={<MobileNav items={items} agencyName={access.agency.name} />}
      topbar={
        <div className="flex w-full min-w-0 items-center justify-between gap-2 sm:gap-4">
          <div className="min-w-0">
            {memberships.length > 1 ? <AgencySwitcher current={access.agency.id} agencies={memberships} /> : null}
          </div>
          <div className="flex min-w-0 items-center gap-1 sm:gap-3">
            <NotificationsBell />
            {/* Narrow screens truncate the address; the whole one is the link's title. */}
            <Link
              href="/account"
              className="min-w-0 truncate text-sm text-muted-foreground hover:underline max-sm:max-w-[9rem]"
              data-testid="signed-in-as"
              title={`Your account: ${access.user.email}`}
            >
              {access.user.email}
            </Link>
            <ThemeToggle />
            <form action={signOutAction}>
              <Button type="submit" variant="outline" size="sm">
                Sign out
              </Button>
            </form>
          </div>
        </div>
      }
    >
      {children}
    </AppShell>
  );
}
