import "server-only";

import { env } from "~/env";

import type { HubSpotSettings } from "@marketable/api";

/** How this server reaches HubSpot (the bundled sandbox in the embedded default). */
export function hubspotSettings(): HubSpotSettings {
  return env().hubspot;
}
