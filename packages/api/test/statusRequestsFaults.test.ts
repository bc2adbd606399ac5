import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts, statusRequestContacts, statusRequests, type Portal } from "@marketable/db";
import { availableEngines, type TestDatabase } from "@marketable/db/testing";
import { type PortalGateway } from "@marketable/hubspot";

import { importNameFor } from "../src/services/statusRequests/executeRequest";
import { type sandboxHubSpot } from "./hubspotSandbox";
import { hubspotStatus } from "./hubspotStatus";
import { statusRequestWorld } from "./statusRequestWorld";
import { waitFor } from "./waitFor";

type Hub = Awaited<ReturnType<typeof sandboxHubSpot>>;

const engines = await availableEngines();

describe.each(engines)("marketing status requests on %s", (engine) => {
  const w = statusRequestWorld(engine);
  const { clock, as, execute, stored, audit, fastGateway } = w;
  let t: TestDatabase, hub: Hub, portalId: string, token: string;
  beforeAll(() => void ({ t, hub, portalId, token } = w));

  it("with 10% injected faults and a crash right after the import is created, each contact changes exactly once and the audit is complete", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 40)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Fault drill",
      selection: { kind: "ids", ids },
      confirmCount: ids.length,
    });
    let crashed = false;
    const crashing = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      const create = gateway.createMarketingStatusImport.bind(gateway);
      gateway.createMarketingStatusImport = async (input) => {
        const id = await create(input);
        if (!crashed) {
          crashed = true;
          throw new Error("worker stopped after creating the import");
        }
        return id;
      };
      return gateway;
    };
    hub.sandbox.admin.setFaults({ rate: 0.1, kinds: ["429", "500", "503"], seed: 5 });
    let result: { state: string } | null = null;
    let attempts = 0;
    try {
      // What pg-boss does: run the job again after each failure.
      while (!result && attempts < 10) {
        attempts++;
        try {
          result = await execute(created.id, { gatewayFor: crashing });
        } catch {
          /* retried */
        }
      }
    } finally {
      hub.sandbox.admin.clearFaults();
    }
    expect(attempts).toBeGreaterThan(1);
    expect(result).toEqual({ state: "succeeded" });
    const imports = [...hub.sandbox.state.imports.values()].filter((job) => job.name === importNameFor(created.id));
    expect(imports).toHaveLength(1);
    const truth = await hubspotStatus(hub, token, ids);
    for (const id of ids) expect(truth.get(id)).toEqual({ marketing: true, pending: true });
    const results = await t.db.select().from(statusRequestContacts).where(eq(statusRequestContacts.requestId, created.id));
    expect(results.map((r) => r.outcome)).toEqual(ids.map(() => "changed"));
    const [row] = await t.db.select().from(statusRequests).where(eq(statusRequests.id, created.id));
    expect(row!.importId).toBe(imports[0]!.id);
    const entries = await audit(created.id);
    expect(entries.map((a) => a.action)).toEqual(["marketingStatus.request", "marketingStatus.execute", "marketingStatus.result"]);
    expect(entries[2]!.before).toMatchObject({ marketing: expect.any(Number) as number, pendingDemotion: expect.any(Number) as number });
    expect(entries[2]!.after).toMatchObject({ state: "succeeded", succeeded: 40, failed: 0 });
  });

  it("a running execution keeps its heartbeat (updated_at) fresh while it waits on HubSpot, so it is not taken for dead", async () => {
    const ids = (
      await stored(and(eq(contacts.portalId, portalId), eq(contacts.marketable, true), eq(contacts.marketableUntilRenewal, false)))
    )
      .slice(0, 3)
      .map((c) => c.hubspotId);
    const created = await as("manager").statusRequests.create({
      portalId,
      target: "nonMarketing",
      reason: "Heartbeat",
      selection: { kind: "ids", ids },
    });
    // The re-read waits until the test has seen a heartbeat.
    let inRead!: () => void;
    const reading = new Promise<void>((resolve) => (inRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slowReads = async (p: Portal): Promise<PortalGateway> => {
      const gateway = await fastGateway(p);
      const read = gateway.getContactsByIds.bind(gateway);
      gateway.getContactsByIds = async (...args) => {
        inRead();
        await released;
        return read(...args);
      };
      return gateway;
    };
    const running = execute(created.id, { gatewayFor: slowReads }, { heartbeatMs: 10 });
    try {
      await reading;
      clock.advance(60_000);
      const beat = clock.now().getTime();
      const row = await waitFor(
        "a heartbeat",
        async () => {
          const [current] = await t.db.select().from(statusRequests).where(eq(statusRequests.id, created.id));
          return current!.updatedAt.getTime() >= beat ? current : undefined;
        },
        5_000,
      );
      expect(row).toMatchObject({ state: "running", finishedAt: null });
    } finally {
      release();
    }
    expect(await running).toEqual({ state: "succeeded" });
  });
});
