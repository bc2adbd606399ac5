import { Client } from "@hubspot/api-client";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts, statusRequests, type Portal } from "@marketable/db";
import { availableEngines, type TestDatabase } from "@marketable/db/testing";
import { type PortalGateway } from "@marketable/hubspot";

import { importNameFor, MAX_EXECUTION_ATTEMPTS } from "../src/services/statusRequests/executeRequest";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { statusRequestWorld } from "./statusRequestWorld";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("marketing status requests on %s", (engine) => {
  const w = statusRequestWorld(engine);
  const { as, execute, stored, audit, fastGateway } = w;
  let t: TestDatabase, hub: Hub, portalId: string, token: string;
  beforeAll(() => void ({ t, hub, portalId, token } = w));

  it("two attempts at once after a crash (a worker taken for dead was alive after all): one import, one result, no duplicate audit", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 4)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Twin attempts",
      selection: { kind: "ids", ids },
    });
    // The first attempt stops right after the import is created and recorded.
    const crashOnPoll = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      gateway.getImport = () => Promise.reject(new Error("worker stopped while polling"));
      return gateway;
    };
    await expect(execute(created.id, { gatewayFor: crashOnPoll })).rejects.toThrow("worker stopped while polling");
    const results = await Promise.all([execute(created.id), execute(created.id)]);
    expect(results).toEqual([{ state: "succeeded" }, { state: "succeeded" }]);
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(1);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.events.filter((e) => e.kind === "finished")).toHaveLength(1);
    expect(detail.outcomes).toEqual({ changed: 4 });
  });

  it("two executions from the start at once (no import yet): one creates the import, the other retries and finds it", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Twin starts",
      selection: { kind: "ids", ids },
    });
    const settled = await Promise.allSettled([execute(created.id), execute(created.id)]);
    const lost = settled.filter((r) => r.status === "rejected");
    // Whether the two overlap depends on timing; if they did, the loser stopped before importing.
    for (const r of lost) expect(String(r.reason)).toMatch(/Another attempt is creating this request's HubSpot import/);
    if (lost.length > 0) expect(await execute(created.id)).toEqual({ state: "succeeded" });
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(1);
    expect((await audit(created.id)).map((a) => a.action)).toEqual([
      "marketingStatus.request",
      "marketingStatus.execute",
      "marketingStatus.result",
    ]);
    expect((await as("manager").statusRequests.get({ portalId, requestId: created.id })).outcomes).toEqual({ changed: 3 });
  });

  it("a request still unfinished after MAX_EXECUTION_ATTEMPTS fails with its last error instead of retrying forever", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 2)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Never finishes",
      selection: { kind: "ids", ids },
    });
    await t.db
      .update(statusRequests)
      .set({ attempts: MAX_EXECUTION_ATTEMPTS, lastError: "HubSpot answered 502" })
      .where(eq(statusRequests.id, created.id));
    expect(await execute(created.id)).toEqual({ state: "failed" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.request.lastError).toBe(`Gave up after ${MAX_EXECUTION_ATTEMPTS} attempts (last error: HubSpot answered 502).`);
    expect([...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id))).toHaveLength(0);
    expect((await audit(created.id)).map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.result"]);
    // Finished: running it again changes nothing.
    expect(await execute(created.id)).toEqual({ state: "failed" });
    expect(await audit(created.id)).toHaveLength(2);
  });

  it("a contact deleted in HubSpot meanwhile fails on its own, with HubSpot's row error; the rest change", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 5)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Partial",
      selection: { kind: "ids", ids },
    });
    await new Client({ accessToken: token, basePath: hub.sandbox.url }).crm.contacts.basicApi.archive(ids[2]!);
    expect(await execute(created.id)).toEqual({ state: "partially_failed" });
    const detail = await as("manager").statusRequests.get({ portalId, requestId: created.id });
    expect(detail.outcomes).toEqual({ changed: 4, failed: 1 });
    expect(detail.results[0]).toMatchObject({ hubspotId: ids[2], outcome: "failed" });
    expect(detail.results[0]!.error).toMatch(/UPDATE_ONLY_IMPORT|no longer exists/);
    expect(detail.request).toMatchObject({ succeeded: 4, failed: 1, processed: 5 });
    expect((await audit(created.id)).at(-1)!.after).toMatchObject({ state: "partially_failed", succeeded: 4, failed: 1 });
  });
});
