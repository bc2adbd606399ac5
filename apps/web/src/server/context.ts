import "server-only";
import { createTRPCContext } from "@marketable/api";
import type { Logger } from "@marketable/logger";
import { getDb } from "./db";
import { hubspotSettings } from "./hubspot";
import { scheduler } from "./jobs";

/** The tRPC context for this server: the database, HubSpot settings and the job scheduler. */
export async function createServerContext(input: { userId: string | null; requestId?: string; log?: Logger }) {
  return createTRPCContext({ db: await getDb(), hubspot: hubspotSettings(), scheduler, ...input });
}
