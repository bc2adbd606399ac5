import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { invitations, oauthStates } from "@marketable/db";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { callProcedure } from "./procedureCases";
import { buildWorld, type World } from "./world";

/**
 * The inputs a hardening review found making 500s (or accepted when they should not be), each refused in
 * words as BAD_REQUEST with the database unchanged; and startOAuth's portal check.
 */
const NUL = "a\u0000b";
const LONE_SURROGATE = "x\ud800y";
const FAR_DATE = "+275760-09-13";

const engines = await availableEngines();

describe.each(engines)("hardened inputs on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  /** Refused as BAD_REQUEST with `words` among its field messages, and nothing changed. */
  async function refused(path: string, input: unknown, words: RegExp) {
    const before = await snapshotDatabase(w.t.db);
    const error = await callProcedure(w, "owner", path, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `${path} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(words);
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  }

  const nulWords = /NUL character/;
  const surrogateWords = /broken character/;

  it("portals.list: a search with a NUL byte", async () => {
    await refused("portals.list", { search: NUL }, nulWords);
  });

  it("audit.list and audit.exportCsv: text with a NUL or a lone surrogate, dates out of range", async () => {
    for (const path of ["audit.list", "audit.exportCsv"]) {
      await refused(path, { action: NUL }, nulWords);
      await refused(path, { actorEmail: LONE_SURROGATE }, surrogateWords);
      await refused(path, { from: FAR_DATE }, /between 1970 and 2100/);
      await refused(path, { to: "-271821-04-20" }, /between 1970 and 2100/);
      await refused(path, { from: "not a date" }, /valid date|YYYY-MM-DD/);
    }
  });

  it("contact filters (source, appId, lifecycleStage, search) in every procedure that takes them", async () => {
    const filters = [
      [{ source: NUL }, nulWords],
      [{ appId: NUL }, nulWords],
      [{ lifecycleStage: LONE_SURROGATE }, surrogateWords],
      [{ search: NUL }, nulWords],
      [{ search: LONE_SURROGATE }, surrogateWords],
      [{ createdFrom: FAR_DATE }, /YYYY-MM-DD/],
      [{ createdTo: "2101-01-01" }, /between 1970 and 2100/],
    ] as const;
    for (const [filter, words] of filters) {
      await refused("contacts.list", { portalId: w.p1.id, filter }, words);
      await refused("contacts.exportCsv", { portalId: w.p1.id, filter }, words);
      await refused("contacts.saveFilter", { portalId: w.p1.id, name: "Adversarial", filter }, words);
      const selection = { kind: "filter", filter };
      await refused("statusRequests.preview", { portalId: w.p1.id, target: "nonMarketing", selection }, words);
      await refused("statusRequests.create", { portalId: w.p1.id, target: "nonMarketing", reason: "Clean-up", selection }, words);
    }
  });

  it("contacts.saveFilter: a name with a NUL, a search with a lone surrogate", async () => {
    await refused("contacts.saveFilter", { portalId: w.p1.id, name: NUL, filter: {} }, nulWords);
    await refused("contacts.saveFilter", { portalId: w.p1.id, name: "Lone", filter: { search: "\udc00" } }, surrogateWords);
  });

  it("integrations.setPolicy and setTemplate: an app id with a NUL or a lone surrogate", async () => {
    await refused("integrations.setPolicy", { portalId: w.p1.id, appId: NUL, createMarketing: false }, nulWords);
    await refused("integrations.setTemplate", { appId: LONE_SURROGATE, createMarketing: true }, surrogateWords);
  });

  it("members.invite: a 10,000-character email is refused, and no invitation is stored", async () => {
    const email = `${"a".repeat(10_000 - "@example.test".length)}@example.test`;
    await refused("members.invite", { email, role: "admin", grants: [] }, /at most 254 characters/);
    const rows = await w.t.db.select().from(invitations);
    expect(rows.some((r) => r.email.length > 254)).toBe(false);
    // 254 characters is still an address.
    const longest = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(56)}.test`;
    expect(longest).toHaveLength(254);
    await expect(callProcedure(w, "owner", "members.invite", { email: longest, role: "admin", grants: [] })).resolves.toBeTruthy();
  });

  it("alerts.setWebhook: a 10,000-character URL is refused", async () => {
    const url = `https://hooks.example.test/${"a".repeat(10_000)}`;
    await refused("alerts.setWebhook", { webhook: { url } }, /2,048 characters/);
  });

  it("counts and money: fractions, NaN, Infinity and amounts beyond any price are refused", async () => {
    const row = {
      edition: "professional",
      term: "yearly",
      currency: "USD",
      includedContacts: 2000,
      blockSize: 5000,
      blockPriceMinor: 22500,
    };
    const table = { tableKey: "fuzz-usd", name: "Fuzz", currency: "USD", effectiveFrom: "2027-01-01", source: "Quote" };
    await refused("billing.savePriceTable", { ...table, rows: [{ ...row, blockPriceMinor: 1e300 }] }, /larger than any price/);
    await refused("billing.savePriceTable", { ...table, rows: [{ ...row, includedContacts: 0.5 }] }, /whole number/);
    await refused("billing.savePriceTable", { ...table, effectiveFrom: "1900-01-01", rows: [row] }, /between 1970 and 2100/);
    await refused("portals.list", { page: Infinity }, /page/i);
    await refused("contacts.list", { portalId: w.p1.id, filter: { noEngagementDays: NaN } }, /whole days/);
  });

  it("tokens: printable ASCII only, as they travel in an HTTP header (a form error, not a failed request)", async () => {
    await refused("connections.connectToken", { token: "pat-na1-tökén-0000" }, /no spaces or special characters/);
    await refused("onboarding.partnerClients", { token: "pat na1 0000 0000" }, /no spaces or special characters/);
    const csv =
      "name,time_zone,currency,edition,purchased_tier,billing_term,renewal_date,token\nBadToken,UTC,USD,starter,1000,monthly,2027-02-01,pat-na1-tökén-0000";
    const preview = (await callProcedure(w, "owner", "onboarding.previewCsv", { csv })) as {
      errors: { line: number; field: string; message: string }[];
    };
    expect(preview.errors).toEqual([
      { line: 2, field: "token", message: "A HubSpot token has no spaces or special characters: paste it again" },
    ]);
  });

  describe("connections.startOAuth checks the portal", () => {
    const stateRows = async () => (await w.t.db.select().from(oauthStates)).length;

    it("another agency's portal or an unknown id: NOT_FOUND, and no state is stored", async () => {
      const before = await stateRows();
      for (const portalId of [w.bPortal.id, "0b5a8f3e-6c1d-4a2e-9f7b-2d4c6e8a0b13"]) {
        await expect(w.as("owner").connections.startOAuth({ portalId })).rejects.toMatchObject({
          code: "NOT_FOUND",
          message: "Portal not found",
        });
      }
      expect(await stateRows()).toBe(before);
    });

    it("a portal of the caller's agency: the authorize URL, and one state row", async () => {
      const before = await stateRows();
      const { url } = await w.as("owner").connections.startOAuth({ portalId: w.p2.id });
      expect(url).toMatch(/state=/);
      expect(await stateRows()).toBe(before + 1);
      expect((await w.t.db.select().from(oauthStates)).some((s) => s.portalId === w.p2.id)).toBe(true);
    });
  });
});
