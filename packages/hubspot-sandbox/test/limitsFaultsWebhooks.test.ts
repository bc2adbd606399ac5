import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo } from "node:net";

import { Signature } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_APPS, type Sandbox } from "../src/index";
import { clientFor, clientPortals, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox({ webhooks: { batchDelayMs: 20, retryBaseMs: 30, timeoutMs: 500 } }));
});
afterAll(async () => {
  await sandbox.close();
});

async function get(path: string, token: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("rate limits", () => {
  it("refuses with TEN_SECONDLY_ROLLING once the window is spent, and recovers when it rolls", async () => {
    const p = sandbox.admin.createPortal({ name: "Limited", edition: "starter" });
    const first = await get("/crm/v3/objects/contacts?limit=1", p.token);
    expect(first.headers.get("x-hubspot-ratelimit-max")).toBe("100");
    expect(first.headers.get("x-hubspot-ratelimit-daily")).toBe("250000");
    sandbox.admin.setRateLimits({ hubId: p.hubId, perWindow: 3, windowMs: 400 });
    await new Promise((r) => setTimeout(r, 450)); // let the first call leave the window
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await get("/crm/v3/objects/contacts?limit=1", p.token));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results[3]).toMatchObject({ status: 429, body: { errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" } });
    expect(results[2]!.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    await new Promise((r) => setTimeout(r, 450));
    expect((await get("/crm/v3/objects/contacts?limit=1", p.token)).status).toBe(200);
    sandbox.admin.clearRateLimits();
    expect(problems).toEqual([]);
  });

  it("enforces the daily limit and search's secondly limit; limits can be switched off", async () => {
    const p = sandbox.admin.createPortal({ name: "Daily", edition: "professional" });
    sandbox.admin.setRateLimits({ hubId: p.hubId, daily: 2 });
    await get("/crm/v3/objects/contacts?limit=1", p.token);
    await get("/crm/v3/objects/contacts?limit=1", p.token);
    const refused = await get("/crm/v3/objects/contacts?limit=1", p.token);
    expect(refused).toMatchObject({ status: 429, body: { policyName: "DAILY", message: "You have reached your daily limit." } });

    const s = sandbox.admin.createPortal({ name: "Searchy", edition: "enterprise" });
    const client = clientFor(sandbox, s.token);
    const req = { filterGroups: [], sorts: [], properties: [], limit: 1, after: "0" };
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => client.crm.contacts.searchApi.doSearch(req)));
    const rejected = outcomes.filter((o) => o.status === "rejected");
    expect(rejected.length).toBe(2);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 429,
      body: { message: "You have reached your secondly limit." },
    });

    sandbox.admin.setRateLimits({ enabled: false });
    expect((await get("/crm/v3/objects/contacts?limit=1", p.token)).status).toBe(200);
    sandbox.admin.setRateLimits({ enabled: true });
    sandbox.admin.clearRateLimits();
    expect(problems).toEqual([]);
  });
});

describe("faults", () => {
  it("with 10% injected 429/5xx, a retrying client still reads every contact exactly once", async () => {
    const portal = clientPortals(sandbox)[2]!;
    const client = clientFor(sandbox, portal.token);
    sandbox.admin.setFaults({ rate: 0.1, kinds: ["429", "500", "502", "503"], endpoints: ["GET /crm/v3/objects/contacts"], seed: 11 });
    const seen = new Map<string, number>();
    let after: string | undefined;
    let failures = 0;
    do {
      let page;
      for (let attempt = 0; !page; attempt++) {
        try {
          page = await client.crm.contacts.basicApi.getPage(100, after, ["email"]);
        } catch (e) {
          const code = (e as { code?: number }).code ?? 0;
          if (code !== 429 && code < 500) throw e;
          failures++;
          if (attempt > 10) throw e;
        }
      }
      for (const c of page.results) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
      after = page.paging?.next?.after;
    } while (after);
    sandbox.admin.clearFaults();
    expect(failures).toBeGreaterThan(0);
    expect(seen.size).toBe(sandbox.admin.portal(portal.hubId).contacts.liveCount);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("is reproducible from its seed", async () => {
    const portal = clientPortals(sandbox)[0]!;
    const run = async () => {
      sandbox.admin.setFaults({ rate: 0.3, kinds: ["500", "429"], endpoints: ["*"], seed: 5 });
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await get("/crm/v3/objects/contacts?limit=1", portal.token)).status);
      sandbox.admin.clearFaults();
      return statuses;
    };
    const a = await run();
    expect(a.some((s) => s !== 200)).toBe(true);
    expect(await run()).toEqual(a);
  });

  it("a slow fault waits its own rule's slowMs, behind an error rule that did not fire", async () => {
    const portal = clientPortals(sandbox)[0]!;
    sandbox.admin.setFaults({
      rules: [
        { rate: 0, kinds: ["500"], endpoints: ["*"], slowMs: 5_000 },
        { rate: 1, kinds: ["slow"], endpoints: ["GET /crm/v3/objects/contacts"], slowMs: 150 },
      ],
    });
    try {
      const started = Date.now();
      expect((await get("/crm/v3/objects/contacts?limit=1", portal.token)).status).toBe(200);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(140);
      expect(took).toBeLessThan(2_000);
    } finally {
      sandbox.admin.clearFaults();
    }
  });
});

describe("webhooks", () => {
  let receiver: Server;
  let receiverUrl = "";
  const received: { headers: IncomingMessage["headers"]; body: string; status: number }[] = [];
  let plan: number[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const status = plan.shift() ?? 200;
        received.push({ headers: req.headers, body, status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it("delivers batched, v3-signed events, retries 5xx and never retries 4xx", async () => {
    const appId = DEMO_APPS.zapier.appId;
    const p = sandbox.admin.createPortal({ name: "Hooked", apps: [{ appId }] });
    const res = await fetch(`${sandbox.url}/_sandbox/apps/${appId}/webhooks`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        targetUrl: receiverUrl,
        subscriptions: [
          { eventType: "contact.creation" },
          { eventType: "contact.propertyChange", propertyName: "hs_marketable_status" },
          { eventType: "contact.deletion" },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const secret = sandbox.admin.listApps().find((a) => a.appId === appId)!.clientSecret;

    plan = [500, 200];
    const { results } = sandbox.admin.createContacts(p.hubId, { source: "form", count: 3 });
    await sandbox.webhooksIdle();
    expect(received.map((r) => r.status)).toEqual([500, 200]);
    const [failed, delivered] = received;
    const events = JSON.parse(delivered!.body) as {
      subscriptionType: string;
      attemptNumber: number;
      objectId: number;
      portalId: number;
      propertyName?: string;
    }[];
    expect(
      events
        .filter((e) => e.subscriptionType === "contact.creation")
        .map((e) => String(e.objectId))
        .sort(),
    ).toEqual(results.map((r) => String(r.id)).sort());
    expect(
      events.filter((e) => e.subscriptionType === "contact.propertyChange").every((e) => e.propertyName === "hs_marketable_status"),
    ).toBe(true);
    expect(events.every((e) => e.attemptNumber === 1 && e.portalId === p.hubId)).toBe(true);
    expect((JSON.parse(failed!.body) as { attemptNumber: number }[])[0]!.attemptNumber).toBe(0);
    for (const r of received) {
      expect(
        Signature.isValid({
          signatureVersion: "v3",
          signature: String(r.headers["x-hubspot-signature-v3"]),
          method: "POST",
          clientSecret: secret,
          requestBody: r.body,
          url: receiverUrl,
          timestamp: Number(r.headers["x-hubspot-request-timestamp"]),
        }),
      ).toBe(true);
    }
    expect(
      Signature.isValid({
        signatureVersion: "v3",
        signature: String(delivered!.headers["x-hubspot-signature-v3"]),
        method: "POST",
        clientSecret: "wrong",
        requestBody: delivered!.body,
        url: receiverUrl,
        timestamp: Number(delivered!.headers["x-hubspot-request-timestamp"]),
      }),
    ).toBe(false);

    received.length = 0;
    plan = [400];
    sandbox.admin.createContacts(p.hubId, { source: "crm_ui", count: 1 });
    await sandbox.webhooksIdle();
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((r) => r.status)).toEqual([400]);
    const log = (await (await fetch(`${sandbox.url}/_sandbox/webhooks/deliveries`)).json()) as { results: { outcome: string }[] };
    expect(log.results.map((d) => d.outcome)).toEqual(["retrying", "delivered", "dropped"]);
  });
});
