import "server-only";

import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";

import { findVisiblePortal, loadAccess, type Access } from "@marketable/db";
import { can, type Permission } from "@marketable/permissions";

import { auth } from "./auth";
import { getDb } from "./db";

/**
 * The session, read once per server render: decoding next-auth's encrypted cookie (a key
 * derivation and a decryption) is a real share of a page's CPU, and a page asks in its guard and
 * in its tRPC context. Route handlers and server actions call `auth()` themselves.
 */
export const currentSession = cache(() => auth());

/**
 * The user's access, read once per server render (React's cache is per request): the page guard
 * below, the layout's and the page's tRPC calls (see trpc/server.tsx) all share it.
 */
export const accessOf = cache(async (userId: string) => loadAccess(await getDb(), userId));

/**
 * A portal the user may see (or null), read once per server render and portal: the `[portalId]`
 * layout's 404 guard and the page's portal procedure (trpc/server.tsx) ask for the same one.
 */
export const visiblePortalOf = cache(async (userId: string, id: string) => {
  const access = await accessOf(userId);
  return access ? findVisiblePortal(await getDb(), access, id) : null;
});

/**
 * Page-level guards. Every page calls one of these on the server; layouts never stand in for
 * them. Access (role, grants) is re-read from the database on each request.
 */
export const requireAccess = cache(async (): Promise<Access> => {
  const session = await currentSession();
  if (!session?.user?.id) redirect("/sign-in");
  const access = await accessOf(session.user.id);
  if (!access) redirect("/sign-in?error=no-agency");
  return access;
});

/** For agency-wide pages: `allowed` false means the page renders its Forbidden state. */
export async function checkAgencyPermission(permission: Permission) {
  const access = await requireAccess();
  return { access, allowed: can(access.actor, permission) };
}

const portalId = z.uuid();

/**
 * A portal the viewer may see, else `notFound()`: another agency's, an ungranted, an archived, an
 * unknown or a malformed id all end the same way. The `[portalId]` layouts call it so that the
 * 404 is decided before any loading boundary below them streams a 200 (see VisiblePortalLayout).
 */
export const requireVisiblePortal = cache(async (id: string) => {
  const access = await requireAccess();
  const portal = portalId.safeParse(id).success ? await visiblePortalOf(access.user.id, id) : null;
  if (!portal) notFound();
  return { access, portal };
});
