import { z } from "zod";

import { ConfigError, keyringFromEnv, resolveDatabaseUrl } from "@marketable/db/config";

import { hubspotEnvSchema, hubspotSettingsFromEnv } from "../integrationSettings/hubspotEnv";
import type { HubSpotSettings } from "../integrationSettings/hubspotSettings";
import { alertWebhookEnvSchema } from "../services/alerts/webhookPolicyEnv";

/**
 * The settings the web and worker processes share: one deployment's configuration, checked the
 * same way by whichever process starts first. Each process extends it with its own variables.
 */
export const serverEnvSchema = hubspotEnvSchema.extend(alertWebhookEnvSchema.shape).extend({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  APP_URL: z.url("APP_URL must be the portal's public address, e.g. https://portal.example.com").default("http://localhost:3000"),
  /** Turns on password reset by email; unset, people ask the operator (admin reset-password). */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// address, e.g. smtp://user:pass@mail.example.com:587" })
    .optional(),
  SMTP_FROM: z.string().trim().min(3, 'SMTP_FROM must be a sender address, e.g. "Marketable <no-reply@example.com>"').optional(),
});

/** The mail settings, or null when mail is off; the sender defaults to no-reply at APP_URL's host. */
export function mailSettings(env: { SMTP_URL?: string; SMTP_FROM?: string; APP_URL: string }): { smtpUrl: string; from: string } | null {
  if (!env.SMTP_URL) return null;
  return { smtpUrl: env.SMTP_URL, from: env.SMTP_FROM ?? `Marketable <no-reply@${new URL(env.APP_URL).hostname}>` };
}

export const AUTH_SECRET_MIN_LENGTH = 32;

/**
 * The rules between variables that a schema cannot say alone. The embedded database (no
 * DATABASE_URL outside production, or pglite://) may use development secrets and the bundled
 * sandbox; PostgreSQL means a real deployment, which must name its secrets and HubSpot app.
 * Throws a ConfigError whose message is one line naming the variable.
 */
export function checkServerSettings(env: z.output<typeof serverEnvSchema>): {
  databaseUrl: string | undefined;
  embedded: boolean;
  hubspot: HubSpotSettings;
} {
  const databaseUrl = resolveDatabaseUrl(env);
  const embedded = !databaseUrl || databaseUrl.startsWith("pglite://") || databaseUrl === "memory://";
  if (!embedded) {
    if (!env.AUTH_SECRET) {
      throw new ConfigError(
        `AUTH_SECRET is missing: set it to a random string of at least ${AUTH_SECRET_MIN_LENGTH} characters (openssl rand -base64 32)`,
      );
    }
    if (env.AUTH_SECRET.length < AUTH_SECRET_MIN_LENGTH) {
      throw new ConfigError(
        `AUTH_SECRET is too short (${env.AUTH_SECRET.length} characters): it must be at least ${AUTH_SECRET_MIN_LENGTH} (openssl rand -base64 32)`,
      );
    }
    if (!env.MARKETABLE_ENCRYPTION_KEYS) {
      throw new ConfigError(
        'MARKETABLE_ENCRYPTION_KEYS is missing: set it to "1:" followed by a random 32-byte key in base64 (echo "1:$(openssl rand -base64 32)")',
      );
    }
  }
  try {
    keyringFromEnv(env.MARKETABLE_ENCRYPTION_KEYS, { allowDevelopmentKey: embedded });
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  try {
    return { databaseUrl, embedded, hubspot: hubspotSettingsFromEnv(env, { embedded, appUrl: env.APP_URL }) };
  } catch (error) {
    throw new ConfigError(
      `${error instanceof Error ? error.message : String(error)} (register an app at developers.hubspot.com, or set HUBSPOT_API_BASE to the bundled sandbox)`,
    );
  }
}
