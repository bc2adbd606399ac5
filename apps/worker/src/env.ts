import { alertWebhookEnvSchema, hubspotEnvSchema } from "@marketable/api";
import { z } from "zod";

/** The worker's environment, validated once at start. */
export const env = hubspotEnvSchema
  .extend(alertWebhookEnvSchema.shape)
  .extend({
    DATABASE_URL: z.string().optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /**
     * 1: at start, re-queue every job left `active` (by a killed worker) at once instead of when
     * it expires. Only safe when this is the database's only worker process.
     */
    WORKER_RECOVER_ACTIVE: z.enum(["0", "1"]).default("0"),
    /**
     * A running sync or status request whose heartbeat is older than this is resumed at start
     * (and every 15 min, at 2 minutes).
     */
    WORKER_STALE_RUN_SECONDS: z.coerce.number().int().min(0).default(120),
  })
  .parse(process.env);
