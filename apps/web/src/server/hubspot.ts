import "server-only";
import type { HubSpotSettings } from "@marketable/api";
import { env } from "~/env";

/** How this server reaches HubSpot (the bundled sandbox in the embedded default). */
export function hubspotSettings(): HubSpotSettings {
  return env().hubspot;
}
