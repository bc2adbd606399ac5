import { requireVisiblePortal } from "./guards";

/**
 * The layout of every `[portalId]` route. Its only job is the HTTP status: a layout renders
 * before the `loading.tsx` and Suspense boundaries beneath it, so a portal the viewer may not see
 * answers 404 here, before anything streams. (A page's own notFound() behind a loading boundary
 * comes after the 200 is sent, and streams the not-found page with it.) Pages still check the
 * portal and their permission themselves: a layout is kept across client navigations.
 */
export async function VisiblePortalLayout({ children, params }: { children: React.ReactNode; params: Promise<{ portalId: string }> }) {
  await requireVisiblePortal((await params).portalId);
  return children;
}
