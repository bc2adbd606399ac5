import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_APPS, type Sandbox } from "../src/index";
import { startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox());
});
afterAll(async () => {
  sandbox.admin.clearRateLimits();
  await sandbox.close();
});

async function burst(token: string, n: number) {
  // Sent at once, so they land inside one 10-second window.
  return Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(`${sandbox.url}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    }),
  );
}

/** HubSpot limits by how the app authenticates (docs/hubspot.md, "API surface and limits"). */
describe("rate limits by connection kind", () => {
  it("an OAuth install gets 110 requests per 10 s whatever the edition, no daily limit; the 111th is TEN_SECONDLY_ROLLING", async () => {
    const shopify = DEMO_APPS.shopify.appId;
    const p = sandbox.admin.createPortal({ name: "OAuth Co", edition: "starter", apps: [{ appId: shopify }] });
    const { access_token } = sandbox.admin.mintToken(p.hubId, shopify);
    const results = await burst(access_token, 111);
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(110);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body).toMatchObject({
      status: "error",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      category: "RATE_LIMITS",
    });
    expect(ok[0]!.headers.get("x-hubspot-ratelimit-max")).toBe("110");
    // No daily limit for OAuth installs, so no daily headers.
    expect(ok[0]!.headers.get("x-hubspot-ratelimit-daily")).toBeNull();
    expect(ok[0]!.headers.get("x-hubspot-ratelimit-daily-remaining")).toBeNull();
    expect(problems).toEqual([]);
  });

  it("a private-app token gets its edition's per-10-s limit (starter 100, professional 190)", async () => {
    const starter = sandbox.admin.createPortal({ name: "Starter Co", edition: "starter" });
    const starterResults = await burst(starter.token, 101);
    expect(starterResults.filter((r) => r.status === 200)).toHaveLength(100);
    expect(starterResults.find((r) => r.status === 429)?.body).toMatchObject({ policyName: "TEN_SECONDLY_ROLLING" });

    const pro = sandbox.admin.createPortal({ name: "Pro Co", edition: "professional" });
    const proResults = await burst(pro.token, 191);
    expect(proResults.filter((r) => r.status === 200)).toHaveLength(190);
    expect(proResults.filter((r) => r.status === 429)).toHaveLength(1);
    const ok = proResults.find((r) => r.status === 200)!;
    expect(ok.headers.get("x-hubspot-ratelimit-max")).toBe("190");
    expect(ok.headers.get("x-hubspot-ratelimit-daily")).toBe("625000");
    expect(problems).toEqual([]);
  });

  it("the private-app daily limit is the account's, shared with its other private apps (settable through /_sandbox)", async () => {
    const p = sandbox.admin.createPortal({ name: "Shared Co", edition: "professional" });
    const set = await fetch(`${sandbox.url}/_sandbox/rate-limits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hubId: p.hubId, otherAppsToday: 624_998 }),
    });
    expect(set.status).toBe(200);
    const [first] = await burst(p.token, 1);
    expect(first!.headers.get("x-hubspot-ratelimit-daily")).toBe("625000");
    expect(first!.headers.get("x-hubspot-ratelimit-daily-remaining")).toBe("1");
    const usage = await fetch(`${sandbox.url}/account-info/v3/api-usage/daily/private-apps`, {
      headers: { authorization: `Bearer ${p.token}` },
    });
    expect(((await usage.json()) as { results: { currentUsage: number }[] }).results[0]!.currentUsage).toBe(625_000);
    const [refused] = await burst(p.token, 1);
    expect(refused).toMatchObject({ status: 429, body: { policyName: "DAILY", message: "You have reached your daily limit." } });

    // An OAuth install in the same portal is not held by the private apps' daily limit.
    const shopify = DEMO_APPS.shopify.appId;
    sandbox.admin.installApp(p.hubId, shopify);
    const { access_token } = sandbox.admin.mintToken(p.hubId, shopify);
    expect((await burst(access_token, 1))[0]!.status).toBe(200);

    const bad = await fetch(`${sandbox.url}/_sandbox/rate-limits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hubId: p.hubId, otherAppsToday: -1 }),
    });
    expect(bad.status).toBe(400);
    expect(problems).toEqual([]);
  });
});
