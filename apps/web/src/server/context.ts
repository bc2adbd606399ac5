import "server-only";

import { env } from "~/env";

import { createTRPCContext, webhookPolicyFromEnv, type ContextInput } from "@marketable/api";
import type { Logger } from "@marketable/logger";

import { getDb } from "./db";
import { hubspotSettings } from "./hubspot";
import { scheduler } from "./jobs";

/** The tRPC context for this server: the database, HubSpot settings, the job scheduler and the webhook policy. */
export async function createServerContext(
  input: { userId: string | null; requestId?: string; log?: Logger } & Pick<ContextInput, "loadAccess" | "loadVisiblePortal">,
) {
  return createTRPCContext({
    db: await getDb(),
    hubspot: hubspotSettings(),
    scheduler,
    webhookPolicy: webhookPolicyFromEnv(env()),
    ...input,
  });
}
