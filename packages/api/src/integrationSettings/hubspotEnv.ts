import { z } from "zod";

import { keyringFromEnv } from "@marketable/db/config";

import type { HubSpotSettings } from "./hubspotSettings";

/**
 * The bundled sandbox's OAuth app (public, deterministic: see packages/hubspot-sandbox/README.md).
 * Used only when no HubSpot app is configured and the server runs embedded.
 */
export const SANDBOX_DEFAULTS = {
  apiBase: "http://127.0.0.1:4010",
  clientId: "faa4b4a0-3021-45e5-a191-b9a4182fd54a",
  clientSecret: "3c4f686f-1033-4742-a02b-ba8c752756cc",
} as const;

export const hubspotEnvSchema = z.object({
  HUBSPOT_API_BASE: z.url().optional(),
  HUBSPOT_AUTHORIZE_URL: z.url().optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_SCOPES: z.string().default("crm.objects.contacts.read crm.objects.contacts.write crm.import oauth"),
  MARKETABLE_ENCRYPTION_KEYS: z.string().optional(),
  HUBSPOT_DAILY_RESERVE_PERCENT: z.coerce
    .number({ error: "HUBSPOT_DAILY_RESERVE_PERCENT must be a whole number of percent" })
    .int("HUBSPOT_DAILY_RESERVE_PERCENT must be a whole number of percent")
    .min(0, "HUBSPOT_DAILY_RESERVE_PERCENT must be between 0 and 90")
    .max(90, "HUBSPOT_DAILY_RESERVE_PERCENT must be between 0 and 90")
    .default(20),
});

/**
 * HubSpot settings from validated env. Embedded deployments default to the bundled sandbox;
 * production must name its HubSpot app and encryption keys.
 */
export function hubspotSettingsFromEnv(
  env: z.output<typeof hubspotEnvSchema>,
  options: { embedded: boolean; appUrl: string },
): HubSpotSettings {
  const apiBase = (env.HUBSPOT_API_BASE ?? (options.embedded ? SANDBOX_DEFAULTS.apiBase : "https://api.hubapi.com")).replace(/\/+$/, "");
  const isSandbox = apiBase !== "https://api.hubapi.com";
  const clientId = env.HUBSPOT_CLIENT_ID ?? (isSandbox ? SANDBOX_DEFAULTS.clientId : undefined);
  const clientSecret = env.HUBSPOT_CLIENT_SECRET ?? (isSandbox ? SANDBOX_DEFAULTS.clientSecret : undefined);
  if (!clientId || !clientSecret) throw new Error("HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are required to connect to HubSpot");
  return {
    apiBase,
    authorizeUrl: env.HUBSPOT_AUTHORIZE_URL ?? (isSandbox ? `${apiBase}/oauth/authorize` : "https://app.hubspot.com/oauth/authorize"),
    clientId,
    clientSecret,
    scopes: env.HUBSPOT_SCOPES.split(/[\s,]+/).filter(Boolean),
    redirectUri: `${options.appUrl.replace(/\/+$/, "")}/api/hubspot/oauth/callback`,
    keyring: keyringFromEnv(env.MARKETABLE_ENCRYPTION_KEYS, { allowDevelopmentKey: options.embedded }),
    dailyReservePercent: env.HUBSPOT_DAILY_RESERVE_PERCENT,
  };
}
