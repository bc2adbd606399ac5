import http from "node:http";
import type { AddressInfo } from "node:net";

import { Signature } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PRODUCT_APP, signatureV3, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { verifyWebhookSignatureV3 } from "../src";

const secret = "client-secret-for-tests";
const now = Date.UTC(2026, 10, 1, 12);

function signed(body: string, url = "https://app.example.com/api/hubspot/webhooks?x=1", timestamp = now) {
  return {
    clientSecret: secret,
    method: "POST",
    url,
    rawBody: body,
    timestamp: String(timestamp),
    signature: signatureV3(secret, "POST", url, body, timestamp),
    now,
  };
}

describe("webhook signature v3", () => {
  it("accepts a valid signature, agreeing with the official Signature.isValid", () => {
    const input = signed('[{"eventId":1}]', "https://app.example.com/api/hubspot/webhooks", Date.now());
    const ours = verifyWebhookSignatureV3({ ...input, now: Date.now() });
    expect(ours).toEqual({ ok: true });
    expect(
      Signature.isValid({
        signatureVersion: "v3",
        method: "POST",
        clientSecret: secret,
        requestBody: input.rawBody,
        url: input.url,
        timestamp: Number(input.timestamp),
        signature: input.signature,
      }),
    ).toBe(true);
  });

  it("rejects a changed body, URL, method, secret or a bad signature", () => {
    const input = signed('[{"eventId":1}]');
    expect(verifyWebhookSignatureV3({ ...input, rawBody: '[{"eventId":2}]' })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignatureV3({ ...input, url: input.url + "&y=2" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignatureV3({ ...input, method: "PUT" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignatureV3({ ...input, clientSecret: "other" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignatureV3({ ...input, signature: "c2hvcnQ=" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignatureV3({ ...input, signature: undefined })).toEqual({ ok: false, reason: "missing_signature" });
    expect(verifyWebhookSignatureV3({ ...input, timestamp: undefined })).toEqual({ ok: false, reason: "missing_timestamp" });
  });

  it("rejects deliveries older than five minutes (replays)", () => {
    const input = signed("[]", undefined, now - 5 * 60_000 - 1);
    expect(verifyWebhookSignatureV3(input)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhookSignatureV3(signed("[]", undefined, now - 4 * 60_000))).toEqual({ ok: true });
  });

  it("accepts a Buffer body and HubSpot's decoded URL characters", () => {
    const url = "https://app.example.com/hooks?portal=a:b";
    const input = signed("[]", url);
    expect(verifyWebhookSignatureV3({ ...input, rawBody: Buffer.from("[]"), url: "https://app.example.com/hooks?portal=a%3Ab" })).toEqual({
      ok: true,
    });
  });
});

describe("webhook deliveries from the sandbox", () => {
  let sandbox: Sandbox;
  let receiver: http.Server;
  const received: { url: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ url: req.url ?? "", body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    sandbox = await startSandbox({ preset: "small", seed: 2, port: 0, webhooks: { batchDelayMs: 10 } });
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise((r) => receiver.close(r));
  });

  it("verifies every real delivery, and refuses each one with a wrong secret", async () => {
    const { port } = receiver.address() as AddressInfo;
    const target = `http://127.0.0.1:${port}/api/hubspot/webhooks`;
    sandbox.admin.setWebhooks(PRODUCT_APP.appId, { targetUrl: target, subscriptions: [{ eventType: "contact.creation", active: true }] });
    sandbox.admin.installApp(20000001, PRODUCT_APP.appId);
    sandbox.admin.createContacts(20000001, { source: "crm_ui", count: 3 });
    await sandbox.webhooksIdle();
    expect(received.length).toBeGreaterThan(0);
    for (const r of received) {
      const base = {
        method: "POST",
        url: `http://127.0.0.1:${port}${r.url}`,
        rawBody: r.body,
        signature: String(r.headers["x-hubspot-signature-v3"]),
        timestamp: String(r.headers["x-hubspot-request-timestamp"]),
        now: Date.now(),
      };
      expect(verifyWebhookSignatureV3({ ...base, clientSecret: sandbox.oauth.clientSecret })).toEqual({ ok: true });
      expect(verifyWebhookSignatureV3({ ...base, clientSecret: "not-the-secret" }).ok).toBe(false);
    }
    const events = received.flatMap((r) => JSON.parse(r.body) as { subscriptionType: string }[]);
    expect(events.filter((e) => e.subscriptionType === "contact.creation")).toHaveLength(3);
  });
});
