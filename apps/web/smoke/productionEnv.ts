import { randomBytes } from "node:crypto";

/**
 * What the production server (serve.mjs) needs to run on PostgreSQL for a test or a bench: no
 * `.env` read, fresh secrets, no demo, warnings and errors only in its log. HubSpot's OAuth
 * settings are required with PostgreSQL; the pages these runs request never call HubSpot.
 */
export function productionServerEnv(options: { port: number; databaseUrl: string }) {
  const appUrl = `http://127.0.0.1:${options.port}`;
  return {
    MARKETABLE_ENV_FILE: "none",
    NODE_ENV: "production" as const,
    HOST: "127.0.0.1",
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    MARKETABLE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
    MARKETABLE_DEMO: "0",
    HUBSPOT_CLIENT_ID: "test-client-id",
    HUBSPOT_CLIENT_SECRET: "test-client-secret",
    APP_URL: appUrl,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
