import { expect, test, type Page } from "@playwright/test";

import { demo, portalUrl, signIn } from "./fixtures";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Headers a client may send; newlines cannot travel in an HTTP/1.1 header (clients and servers
// refuse them), so the rule itself is unit-tested for them (test/requestId.test.ts).
const HOSTILE_IDS = {
  "10,000 characters": "r".repeat(10_000),
  "spaces, quotes and SQL": `abc'; drop table audit_log; -- "x"`,
  "a log-line forgery": '","level":"fatal","msg":"forged',
};

/** Renames nothing (the same name): one audit entry written with the request's id. */
async function auditedUpdate(page: Page, portalId: string, name: string, requestId?: string) {
  const response = await page.request.post("/api/trpc/portals.update?batch=1", {
    data: { "0": { json: { portalId, name } } },
    headers: requestId === undefined ? {} : { "x-request-id": requestId },
  });
  expect(response.ok(), "portals.update answers").toBe(true);
  return response.headers()["x-request-id"]!;
}

async function newestAuditRequestId(page: Page, portalId: string): Promise<string | null> {
  const input = encodeURIComponent(JSON.stringify({ "0": { json: { portalId, action: "portal.update", limit: 1 } } }));
  const response = await page.request.get(`/api/trpc/audit.list?batch=1&input=${input}`);
  expect(response.ok(), "audit.list answers").toBe(true);
  const [entry] = ((await response.json()) as { result: { data: { json: { items: { requestId: string | null }[] } } } }[])[0]!.result.data
    .json.items;
  return entry?.requestId ?? null;
}

test("a malformed x-request-id is replaced by the server's own, which the response and the audit log carry", async ({ page }) => {
  // Rival Media's own portal: no other spec reads its audit log.
  await signIn(page, demo.outsider);
  const portalId = (await portalUrl(page, "Rival Client Co")).split("/").pop()!;

  for (const [what, sent] of Object.entries(HOSTILE_IDS)) {
    const answered = await auditedUpdate(page, portalId, "Rival Client Co", sent);
    expect(answered, `${what}: a fresh UUID in the response`).toMatch(UUID);
    expect(await newestAuditRequestId(page, portalId), `${what}: the audit row has the server's id`).toBe(answered);
  }

  // A well-formed id (what a trusted proxy sends) is kept end to end.
  const wellFormed = `e2e-${crypto.randomUUID()}`;
  expect(await auditedUpdate(page, portalId, "Rival Client Co", wellFormed)).toBe(wellFormed);
  expect(await newestAuditRequestId(page, portalId)).toBe(wellFormed);

  // None sent: the server makes one.
  const made = await auditedUpdate(page, portalId, "Rival Client Co");
  expect(made).toMatch(UUID);
  expect(await newestAuditRequestId(page, portalId)).toBe(made);
});

test("pages and every kind of route handler answer a hostile x-request-id with a fresh UUID", async ({ page }) => {
  await signIn(page, demo.owner);
  const portalId = (await portalUrl(page, "Northwind Bakery")).split("/").pop()!;
  const hostile = HOSTILE_IDS["10,000 characters"];
  const targets = [
    ["a page", () => page.request.get("/portals", { headers: { "x-request-id": hostile } })],
    ["a portal page", () => page.request.get(`/portals/${portalId}`, { headers: { "x-request-id": hostile } })],
    ["health", () => page.request.get("/api/health", { headers: { "x-request-id": hostile } })],
    ["the CSV route", () => page.request.get(`/billing/${portalId}/renewal/csv`, { headers: { "x-request-id": hostile } })],
    [
      "the OAuth callback",
      () => page.request.get("/api/hubspot/oauth/callback", { headers: { "x-request-id": hostile }, maxRedirects: 0 }),
    ],
    ["HubSpot webhooks", () => page.request.post("/api/hubspot/webhooks", { headers: { "x-request-id": hostile }, data: "[]" })],
    [
      "tRPC",
      () =>
        page.request.get(`/api/trpc/agency.current?batch=1&input=${encodeURIComponent('{"0":{"json":null}}')}`, {
          headers: { "x-request-id": hostile },
        }),
    ],
  ] as const;
  for (const [what, send] of targets) {
    const response = await send();
    expect(response.status(), `${what} answers`).toBeLessThan(500);
    expect(response.headers()["x-request-id"], `${what}: a fresh UUID`).toMatch(UUID);
  }
});
