import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { agencyAlertRules, alerts, auditLog, usageSnapshots, type Portal } from "@marketable/db";
import { createPortal } from "@marketable/db/seed";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { createTRPCContext } from "../src/context";
import { appRouter } from "../src/root";
import { evaluateAlerts } from "../src/services/alerts/evaluateAlerts";
import { errorCode } from "./trpcErrors";
import { buildWorld, type World } from "./world";

const engines = await availableEngines();

describe.each(engines)("agency-wide default alert rules on %s", (engine) => {
  let w: World;
  /** A portal of agency A at 85 % of its 1,000-contact tier, with no rules of its own. */
  let portal: Portal;
  /** The same usage in agency B: A's defaults must never reach it. */
  let rivalPortal: Portal;

  const openThresholds = async (portalId: string) =>
    (
      await w.t.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.portalId, portalId), isNull(alerts.resolvedAt)))
    )
      .filter((a) => a.kind === "threshold")
      .map((a) => a.detail.threshold as number)
      .sort((a, b) => a - b);
  const evaluate = (p: Portal) => evaluateAlerts(w.t.db, p, w.clock.now());

  beforeAll(async () => {
    w = await buildWorld(engine);
    portal = await createPortal(w.t.db, { agencyId: w.agencyA.id, name: "At 85%", purchasedTier: 1000 });
    rivalPortal = await createPortal(w.t.db, { agencyId: w.agencyB.id, name: "Rival at 85%", purchasedTier: 1000 });
    for (const p of [portal, rivalPortal]) {
      await w.t.db
        .insert(usageSnapshots)
        .values({ portalId: p.id, day: "2026-11-29", marketing: 850, pendingDemotion: 0, nonMarketing: 0, bySource: {}, byApp: {} });
    }
  });
  afterAll(async () => w?.close());

  it("a portal with no rules, in an agency with no defaults, uses the built-in 80/90/100 %", async () => {
    const rules = await w.as("analyst").alerts.rules({ portalId: w.p1.id });
    expect(rules).toMatchObject({
      thresholds: [80, 90, 100],
      spikePct: 10,
      enabled: true,
      custom: false,
      source: "builtIn",
      canManage: false,
    });
    expect(rules.defaults).toEqual({ thresholds: [80, 90, 100], spikePct: 10, enabled: true, source: "builtIn" });
    expect(await w.as("analyst").alerts.defaultRules()).toMatchObject({ source: "builtIn", thresholds: [80, 90, 100], canManage: false });
    await evaluate(portal);
    expect(await openThresholds(portal.id)).toEqual([80]);
  });

  it("the agency's defaults apply to every portal without rules of its own, and only in that agency", async () => {
    // Unsorted and repeated on the way in; stored sorted and once.
    const saved = await w.as("billing").alerts.setDefaultRules({ rules: { thresholds: [85, 50, 85], spikePct: 25, enabled: true } });
    expect(saved).toEqual({ thresholds: [50, 85], spikePct: 25, enabled: true, source: "agency" });
    expect(await w.as("manager").alerts.rules({ portalId: w.p1.id })).toMatchObject({
      thresholds: [50, 85],
      spikePct: 25,
      custom: false,
      source: "agency",
      canManage: true,
    });

    const evaluation = await evaluate(portal);
    expect(evaluation.resolved.map((a) => a.dedupeKey)).toEqual(["threshold:80"]);
    expect(await openThresholds(portal.id)).toEqual([50, 85]);

    await evaluate(rivalPortal);
    expect(await openThresholds(rivalPortal.id)).toEqual([80]);
    expect(await w.as("outsider").alerts.defaultRules()).toMatchObject({ source: "builtIn", thresholds: [80, 90, 100] });

    const [audit] = await w.t.db.select().from(auditLog).where(eq(auditLog.action, "alerts.setDefaultRules"));
    expect(audit).toMatchObject({
      agencyId: w.agencyA.id,
      actorUserId: w.users.billing.id,
      portalId: null,
      before: { source: "builtIn" },
      after: { thresholds: [50, 85] },
    });
  });

  it("a portal's own rules override the agency's defaults; resetting returns it to them", async () => {
    const custom = await w.as("owner").alerts.setRules({ portalId: portal.id, rules: { thresholds: [95], spikePct: 5, enabled: true } });
    expect(custom).toMatchObject({ thresholds: [95], custom: true, source: "portal" });
    await evaluate(portal);
    expect(await openThresholds(portal.id)).toEqual([]);

    // The agency's defaults changing does not touch a portal with its own rules.
    await w.as("admin").alerts.setDefaultRules({ rules: { thresholds: [60], spikePct: 25, enabled: true } });
    expect((await w.as("owner").alerts.rules({ portalId: portal.id })).thresholds).toEqual([95]);
    expect((await w.as("owner").alerts.rules({ portalId: portal.id })).defaults).toEqual({
      thresholds: [60],
      spikePct: 25,
      enabled: true,
      source: "agency",
    });

    const reset = await w.as("owner").alerts.setRules({ portalId: portal.id, rules: null });
    expect(reset).toMatchObject({ thresholds: [60], spikePct: 25, custom: false, source: "agency" });
    await evaluate(portal);
    expect(await openThresholds(portal.id)).toEqual([60]);
  });

  it("disabled defaults silence portals that use them, and resetting the agency returns everyone to 80/90/100 %", async () => {
    await w.as("owner").alerts.setDefaultRules({ rules: { thresholds: [60], spikePct: 25, enabled: false } });
    const silenced = await evaluate(portal);
    expect(silenced.resolved.map((a) => a.dedupeKey)).toEqual(["threshold:60"]);
    expect(await openThresholds(portal.id)).toEqual([]);

    expect(await w.as("owner").alerts.setDefaultRules({ rules: null })).toEqual({
      thresholds: [80, 90, 100],
      spikePct: 10,
      enabled: true,
      source: "builtIn",
    });
    expect(await w.t.db.select().from(agencyAlertRules).where(eq(agencyAlertRules.agencyId, w.agencyA.id))).toEqual([]);
    await evaluate(portal);
    expect(await openThresholds(portal.id)).toEqual([80]);
  });

  it("a manager may set their portal's rules but not the agency's defaults; the database is unchanged", async () => {
    expect(
      (await w.as("manager").alerts.setRules({ portalId: w.p1.id, rules: { thresholds: [70], spikePct: 10, enabled: true } })).thresholds,
    ).toEqual([70]);
    const before = await snapshotDatabase(w.t.db);
    expect(await errorCode(w.as("manager").alerts.setDefaultRules({ rules: { thresholds: [70], spikePct: 10, enabled: true } }))).toBe(
      "FORBIDDEN",
    );
    expect(await errorCode(w.as("manager").alerts.webhook())).toBe("FORBIDDEN");
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
    expect((await w.as("manager").alerts.defaultRules()).canManage).toBe(false);
  });

  it("an out-of-range threshold is refused with a clear zod message that reaches the client, never a 500", async () => {
    const before = await snapshotDatabase(w.t.db);
    // Through the HTTP handler the browser uses, so the error formatter's zodError is what a form reads.
    const post = async (path: string, input: unknown) => {
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        router: appRouter,
        req: new Request(`http://localhost/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: input }),
        }),
        createContext: () => createTRPCContext({ db: w.t.db, userId: w.users.owner.id, clock: w.clock, hubspot: w.hub.settings }),
      });
      const body = (await response.json()) as {
        error: { json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } } };
      };
      return { status: response.status, code: body.error.json.data.code, fieldErrors: body.error.json.data.zodError.fieldErrors };
    };
    expect(await post("alerts.setDefaultRules", { rules: { thresholds: [0], spikePct: 10, enabled: true } })).toEqual({
      status: 400,
      code: "BAD_REQUEST",
      fieldErrors: { rules: ["A threshold is at least 1%"] },
    });
    expect(
      await post("alerts.setRules", { portalId: w.p1.id, rules: { thresholds: [80, 501], spikePct: 10, enabled: true } }),
    ).toMatchObject({
      status: 400,
      fieldErrors: { rules: ["A threshold is at most 500%"] },
    });
    expect(await post("alerts.setDefaultRules", { rules: { thresholds: [], spikePct: 0, enabled: true } })).toMatchObject({
      status: 400,
      fieldErrors: { rules: ["Keep at least one threshold", "A spike is at least +1%"] },
    });
    expect(await post("alerts.setWebhook", { webhook: { url: "not a url" } })).toMatchObject({
      status: 400,
      fieldErrors: { webhook: ["Enter the full URL, starting with https://"] },
    });
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });
});
