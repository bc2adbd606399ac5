import { TRPCError } from "@trpc/server";
import { env } from "~/env";
import { auth } from "~/server/auth";
import { getDb } from "~/server/db";
import { hubspotSettings } from "~/server/hubspot";
import { scheduler } from "~/server/jobs";
import { routeHandler } from "~/server/route-handler";
import { NextResponse } from "next/server";

import { completeOAuth, requestSync } from "@marketable/api";
import { loadAccess } from "@marketable/db";
import { can } from "@marketable/permissions";

export const dynamic = "force-dynamic";

/** Where HubSpot sends the person back after they approve (or deny) the app. */
export const GET = routeHandler("hubspot.oauth.callback", async (request, { requestId, log }) => {
  const base = env().APP_URL;
  const back = (path: string, params: Record<string, string> = {}) => {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return NextResponse.redirect(url);
  };
  const session = await auth();
  if (!session?.user?.id) return back("/sign-in");
  const db = await getDb();
  const access = await loadAccess(db, session.user.id);
  if (!access || !can(access.actor, "portal.connect")) return back("/portals/connect", { error: "You may not connect portals" });

  const params = request.nextUrl.searchParams;
  if (params.get("error")) return back("/portals/connect", { error: "HubSpot access was not granted" });
  const code = params.get("code");
  const state = params.get("state");
  if (!code || !state) return back("/portals/connect", { error: "HubSpot's answer was incomplete. Start again." });
  try {
    const portal = await completeOAuth(db, access, hubspotSettings(), { code, state }, { now: new Date(), requestId });
    await requestSync(db, scheduler, { portalId: portal.id, kind: "full" });
    return back(`/portals/${portal.id}`, { connected: "1" });
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return back("/portals/connect", { error: error.message });
    log.error({ err: error }, "OAuth callback failed");
    return back("/portals/connect", { error: `Connecting to HubSpot failed. Try again in a moment (reference ${requestId}).` });
  }
});
