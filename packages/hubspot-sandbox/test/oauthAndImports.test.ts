import { Client } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Sandbox } from "../src/index";
import { clientFor, clientPortals, startTestSandbox } from "./support/sandbox";

let sandbox: Sandbox;
let problems: string[];
const REDIRECT = "http://localhost:3000/api/hubspot/callback";

beforeAll(async () => {
  ({ sandbox, problems } = await startTestSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

async function authorize(decision: "approve" | "deny", hubId: number): Promise<URL> {
  const q = new URLSearchParams({
    client_id: sandbox.oauth.clientId,
    redirect_uri: REDIRECT,
    scope: "oauth crm.objects.contacts.read crm.import",
    state: "xyz",
  });
  const page = await fetch(`${sandbox.url}/oauth/authorize?${q.toString()}`);
  const html = await page.text();
  expect(html).toContain('<label for="portal">Portal</label>');
  expect(html).toContain(">Approve</button>");
  expect(html).toContain(">Deny</button>");
  expect(html).toContain(`value="${hubId}"`);
  const form = new URLSearchParams({
    client_id: sandbox.oauth.clientId,
    redirect_uri: REDIRECT,
    scope: "oauth crm.objects.contacts.read crm.import",
    state: "xyz",
    hubId: String(hubId),
    decision,
  });
  const res = await fetch(`${sandbox.url}/oauth/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

describe("OAuth", () => {
  it("authorizes, exchanges the code, introspects, refreshes and refuses revoked refresh tokens", async () => {
    const portal = clientPortals(sandbox)[0]!;
    const redirect = await authorize("approve", portal.hubId);
    expect(redirect.searchParams.get("state")).toBe("xyz");
    const code = redirect.searchParams.get("code")!;
    const oauth = new Client({ basePath: sandbox.url });
    const tokens = await oauth.oauth.tokensApi.create(
      "authorization_code",
      code,
      REDIRECT,
      sandbox.oauth.clientId,
      sandbox.oauth.clientSecret,
    );
    expect(tokens.expiresIn).toBe(1800);
    await expect(
      oauth.oauth.tokensApi.create("authorization_code", code, REDIRECT, sandbox.oauth.clientId, sandbox.oauth.clientSecret),
    ).rejects.toMatchObject({ code: 400 });

    const info = await oauth.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.hubId).toBe(portal.hubId);
    expect(info.appId).toBe(sandbox.oauth.appId);
    expect(info.scopes).toContain("crm.import");

    const api = clientFor(sandbox, tokens.accessToken);
    expect((await api.crm.contacts.basicApi.getPage(5)).results).toHaveLength(5);
    await expect(api.crm.owners.ownersApi.getPage()).rejects.toMatchObject({ code: 403, body: { category: "MISSING_SCOPES" } });

    sandbox.admin.advance({ ms: 31 * 60_000 });
    await expect(api.crm.contacts.basicApi.getPage(5)).rejects.toMatchObject({ code: 401, body: { category: "EXPIRED_AUTHENTICATION" } });

    const refreshed = await oauth.oauth.tokensApi.create(
      "refresh_token",
      undefined,
      undefined,
      sandbox.oauth.clientId,
      sandbox.oauth.clientSecret,
      tokens.refreshToken,
    );
    expect((await clientFor(sandbox, refreshed.accessToken).crm.contacts.basicApi.getPage(1)).results).toHaveLength(1);

    await oauth.oauth.refreshTokensApi.archive(tokens.refreshToken);
    const refused = (await oauth.oauth.tokensApi
      .create("refresh_token", undefined, undefined, sandbox.oauth.clientId, sandbox.oauth.clientSecret, tokens.refreshToken)
      .catch((e: unknown) => e)) as { code: number; body: Record<string, unknown> };
    expect(refused.code).toBe(400);
    expect(refused.body).toMatchObject({ status: "BAD_REFRESH_TOKEN", error: "invalid_grant" });
    expect(problems).toEqual([]);
  });

  it("redirects with error=access_denied on Deny", async () => {
    const redirect = await authorize("deny", clientPortals(sandbox)[0]!.hubId);
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("code")).toBeNull();
  });
});

describe("imports v3", () => {
  async function runImport(client: Client, csv: string, request: Record<string, unknown>) {
    const created = await client.crm.imports.coreApi.create({ data: Buffer.from(csv), name: "contacts.csv" }, JSON.stringify(request));
    expect(created.state).toBe("STARTED");
    for (;;) {
      const job = await client.crm.imports.coreApi.getById(Number(created.id));
      if (String(job.state) === "DONE" || String(job.state) === "FAILED") return job;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it("marketableContactImport true with UPDATE promotes existing contacts; unknown rows become errors", async () => {
    const portal = clientPortals(sandbox)[1]!;
    const client = clientFor(sandbox, portal.token);
    const store = sandbox.admin.portal(portal.hubId).contacts;
    const target = store.records.find((c) => !c.marketable && c.archivedAt === 0)!;
    const request = {
      name: "promote",
      marketableContactImport: true,
      importOperations: { "0-1": "UPDATE" },
      files: [
        {
          fileName: "contacts.csv",
          fileFormat: "CSV",
          fileImportPage: { hasHeader: true, columnMappings: [{ columnObjectTypeId: "0-1", columnName: "Email", propertyName: "email" }] },
        },
      ],
    };
    const job = await runImport(client, `Email\n${target.email}\nnobody@nowhere.example\n`, request);
    expect(job.state).toBe("DONE");
    expect(job.metadata.counters).toMatchObject({ TOTAL_ROWS: 2, UPDATED_OBJECTS: 1, CREATED_OBJECTS: 0 });
    expect(target.marketable).toBe(true);
    expect(target.reasonType).toBe("IMPORT");
    expect(store.byEmail("nobody@nowhere.example")).toBeUndefined();
    const errors = await client.crm.imports.publicImportsApi.getErrors(Number(job.id));
    expect(errors.results[0]).toMatchObject({ errorType: "UPDATE_ONLY_IMPORT" });

    const demote = await runImport(client, `Email\n${target.email}\n`, { ...request, name: "demote", marketableContactImport: false });
    expect(demote.state).toBe("DONE");
    expect(target.marketable).toBe(true);
    expect(target.untilRenewal).toBe(true);
    expect(problems).toEqual([]);
  });
});
