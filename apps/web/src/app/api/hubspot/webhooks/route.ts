import { handleWebhookRequest } from "@marketable/api";
import { logger, newRequestId } from "@marketable/logger";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env";
import { getDb } from "~/server/db";
import { hubspotSettings } from "~/server/hubspot";
import { scheduler } from "~/server/jobs";

export const dynamic = "force-dynamic";

/**
 * HubSpot's webhook deliveries (configure `${APP_URL}/api/hubspot/webhooks` as the app's target
 * URL). A thin adapter: the logic is `handleWebhookRequest` in @marketable/api, which the tests
 * drive with real sandbox deliveries.
 */
export async function POST(request: NextRequest) {
  const requestId = request.headers.get("x-request-id") ?? newRequestId();
  const log = logger.child({ requestId, route: "hubspot.webhooks" });
  // The exact bytes HubSpot signed: read as text, never re-serialised.
  const rawBody = await request.text();
  // HubSpot signs the URL it called: behind a proxy that is the public one, not what Next.js sees.
  const url = `${env().APP_URL.replace(/\/+$/, "")}${request.nextUrl.pathname}${request.nextUrl.search}`;
  try {
    const { status, body } = await handleWebhookRequest(
      { db: await getDb(), settings: hubspotSettings(), log, scheduler },
      { method: request.method, url, headers: request.headers, rawBody, now: Date.now() },
    );
    return NextResponse.json(body, { status, headers: { "x-request-id": requestId } });
  } catch (error) {
    // Our side is down (database, settings): 503 so that HubSpot retries the delivery later.
    log.error({ err: error }, "webhook endpoint unavailable");
    return NextResponse.json({ ok: false, error: "Temporarily unavailable" }, { status: 503, headers: { "x-request-id": requestId } });
  }
}
