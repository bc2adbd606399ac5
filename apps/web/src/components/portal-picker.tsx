import { connectionLabel, editionLabel } from "~/lib/portal-labels";
import { requireAccess } from "~/server/guards";
import { serverCaller } from "~/trpc/server";
import Link from "next/link";

import { can } from "@marketable/permissions";
import { EmptyState } from "@marketable/ui/empty-state";

/**
 * What a portal-scoped page (contacts, status requests) shows without `?portal=`: the portals whose
 * contacts the person may view, each a link to `path?portal=<id>`; `details` adds edition and
 * connection under each name.
 */
export async function PortalPicker({ path, details = false }: { path: string; details?: boolean }) {
  const access = await requireAccess();
  const { items } = await (await serverCaller()).portals.list({ pageSize: 200 });
  const portals = items.filter((p) => can(access.actor, "contacts.view", p.id));
  if (portals.length === 0) return <EmptyState title="No portals to show" description="Portals you are given access to appear here." />;
  return (
    <nav aria-label="Portals">
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {portals.map((p) => (
          <li key={p.id}>
            <Link className="block rounded-md border p-3 font-medium hover:bg-accent" href={`${path}?portal=${p.id}`}>
              {p.name}
              {details ? (
                <span className="block text-sm font-normal text-muted-foreground">
                  {editionLabel(p.edition)} · {connectionLabel(p.connectionStatus)}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
