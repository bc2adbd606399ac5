import "server-only";
import { alertWebhookEnvSchema, hubspotEnvSchema } from "@marketable/api";
import { z } from "zod";

/**
 * Server environment, validated once; nothing else reads process.env for these. In the
 * embedded default (no DATABASE_URL) the secrets fall back to development values so that
 * `npm start` needs no set-up; with DATABASE_URL (production) they must be set.
 */
const schema = hubspotEnvSchema
  .extend(alertWebhookEnvSchema.shape)
  .extend({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().optional(),
    MARKETABLE_DATA_DIR: z.string().optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_CLIENT_ID: z.string().optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().optional(),
    APP_URL: z.url().default("http://localhost:3000"),
    MARKETABLE_DEMO: z.enum(["0", "1"]).optional(),
    /** In the embedded demo: connect the demo portals to the bundled sandbox at boot and sync them. */
    MARKETABLE_DEMO_CONNECT: z.enum(["0", "1"]).optional(),
    /** Web processes in production only enqueue; set 1 to also work the queue here. */
    MARKETABLE_RUN_WORKER: z.enum(["0", "1"]).optional(),
  })
  .transform((env) => {
    const embedded = !env.DATABASE_URL || env.DATABASE_URL.startsWith("pglite://");
    if (!env.AUTH_SECRET && !embedded) throw new Error("AUTH_SECRET is required when DATABASE_URL points at PostgreSQL");
    const oidc =
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
        ? { issuer: env.AUTH_OIDC_ISSUER, clientId: env.AUTH_OIDC_CLIENT_ID, clientSecret: env.AUTH_OIDC_CLIENT_SECRET, name: env.AUTH_OIDC_NAME }
        : null;
    return {
      ...env,
      embedded,
      authSecret: env.AUTH_SECRET ?? "marketable-embedded-development-secret-change-me",
      oidc,
      demo: env.MARKETABLE_DEMO === "1" || (embedded && env.MARKETABLE_DEMO !== "0"),
      demoConnect: env.MARKETABLE_DEMO_CONNECT !== "0",
      // PGlite is one process: the embedded server must work the queue itself.
      runWorker: embedded || env.MARKETABLE_RUN_WORKER === "1",
    };
  });

export type Env = z.output<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}
