import { requireVisibleRequest } from "~/server/visible-request";

/** A request the viewer may not read is HTTP 404 here, before anything below streams (as VisiblePortalLayout). */
export default async function RequestLayout({ children, params }: { children: React.ReactNode; params: Promise<{ requestId: string }> }) {
  await requireVisibleRequest((await params).requestId);
  return children;
}
