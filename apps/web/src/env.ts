import "server-only";

import { z } from "zod";

import { checkServerSettings, mailSettings, parseEnv, serverEnvSchema } from "@marketable/api/config";
import { loadRootEnv } from "@marketable/db/config";

/**
 * Server environment: the repository's `.env` under the real environment, validated once;
 * nothing else reads process.env for these. With the embedded database (no DATABASE_URL in
 * development, or pglite://) the secrets fall back to development values so that `npm start`
 * needs no set-up; with PostgreSQL they must be set (checkServerSettings says which is missing).
 * `instrumentation.ts` calls this at start and ends the process on a ConfigError.
 */
const schema = serverEnvSchema
  .extend({
    MARKETABLE_DATA_DIR: z.string().optional(),
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_CLIENT_ID: z.string().optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().optional(),
    MARKETABLE_DEMO: z.enum(["0", "1"]).optional(),
    /** In the embedded demo: connect the demo portals to the bundled sandbox at boot and sync them. */
    MARKETABLE_DEMO_CONNECT: z.enum(["0", "1"]).optional(),
    /** Web processes in production only enqueue; set 1 to also work the queue here. */
    MARKETABLE_RUN_WORKER: z.enum(["0", "1"]).optional(),
  })
  .transform((env) => {
    const { databaseUrl, embedded, hubspot } = checkServerSettings(env);
    const oidc =
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: env.AUTH_OIDC_ISSUER,
            clientId: env.AUTH_OIDC_CLIENT_ID,
            clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
            name: env.AUTH_OIDC_NAME,
          }
        : null;
    return {
      ...env,
      DATABASE_URL: databaseUrl,
      embedded,
      hubspot,
      authSecret: env.AUTH_SECRET ?? "marketable-embedded-development-secret-change-me",
      oidc,
      mail: mailSettings(env),
      demo: env.MARKETABLE_DEMO === "1" || (embedded && env.MARKETABLE_DEMO !== "0"),
      demoConnect: env.MARKETABLE_DEMO_CONNECT !== "0",
      // PGlite is one process: the embedded server must work the queue itself.
      runWorker: embedded || env.MARKETABLE_RUN_WORKER === "1",
    };
  });

export type Env = z.output<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    loadRootEnv();
    cached = parseEnv(schema, process.env);
  }
  return cached;
}
