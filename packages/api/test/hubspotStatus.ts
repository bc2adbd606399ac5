import { Client } from "@hubspot/api-client";

import type { sandboxHubSpot } from "./hubspotSandbox";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

/** What the sandbox (HubSpot) says about contacts' status, read with the official client. */
export async function hubspotStatus(hub: Hub, token: string, ids: string[]) {
  const client = new Client({ accessToken: token, basePath: hub.sandbox.url });
  const out = new Map<string, { marketing: boolean; pending: boolean }>();
  for (let i = 0; i < ids.length; i += 100) {
    const res = await client.crm.contacts.batchApi.read({
      inputs: ids.slice(i, i + 100).map((id) => ({ id })),
      properties: ["hs_marketable_status", "hs_marketable_until_renewal"],
      propertiesWithHistory: [],
    });
    for (const c of res.results)
      out.set(c.id, {
        marketing: c.properties.hs_marketable_status === "true",
        pending: c.properties.hs_marketable_until_renewal === "true",
      });
  }
  return out;
}
