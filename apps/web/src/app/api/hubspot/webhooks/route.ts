import { env } from "~/env";
import { getWorkerDeps } from "~/server/jobs";
import { routeHandler } from "~/server/route-handler";
import { NextResponse } from "next/server";

import { handleWebhookRequest } from "@marketable/api";

export const dynamic = "force-dynamic";

/**
 * HubSpot's webhook deliveries (configure `${APP_URL}/api/hubspot/webhooks` as the app's target
 * URL). A thin adapter: the logic is `handleWebhookRequest` in @marketable/api, which the tests
 * drive with real sandbox deliveries. When our side is down (database, settings) the wrapper
 * answers 503, so that HubSpot retries the delivery later.
 */
export const POST = routeHandler(
  "hubspot.webhooks",
  async (request, { log }) => {
    // The exact bytes HubSpot signed: read as text, never re-serialised.
    const rawBody = await request.text();
    // HubSpot signs the URL it called: behind a proxy that is the public one, not what Next.js sees.
    const url = `${env().APP_URL.replace(/\/+$/, "")}${request.nextUrl.pathname}${request.nextUrl.search}`;
    const { status, body } = await handleWebhookRequest(
      { ...(await getWorkerDeps()), log },
      { method: request.method, url, headers: request.headers, rawBody, now: Date.now() },
    );
    return NextResponse.json(body, { status });
  },
  { failureStatus: 503 },
);
