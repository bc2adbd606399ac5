import "server-only";
import { hubspotSettingsFromEnv, type HubSpotSettings } from "@marketable/api";
import { env } from "~/env";

let cached: HubSpotSettings | undefined;

/** How this server reaches HubSpot (the bundled sandbox in the embedded default). */
export function hubspotSettings(): HubSpotSettings {
  const settings = env();
  cached ??= hubspotSettingsFromEnv(settings, { embedded: settings.embedded, appUrl: settings.APP_URL });
  return cached;
}
