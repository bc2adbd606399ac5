import { hubspotEnvSchema } from "@marketable/api";
import { z } from "zod";

/** The worker's environment, validated once at start. */
export const env = hubspotEnvSchema
  .extend({
    DATABASE_URL: z.string().optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  })
  .parse(process.env);
