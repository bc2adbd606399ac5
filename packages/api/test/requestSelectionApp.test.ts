import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { contacts } from "@marketable/db";
import { availableEngines } from "@marketable/db/testing";

import { statusRequestWorld } from "./statusRequestWorld";

const engines = await availableEngines();

// A request made from a filter by app says which app by name on its page, as the Contacts page's
// app filter does, not by HubSpot's numeric app id.
describe.each(engines)("a request's page names the app it filtered by, on %s", (engine) => {
  const w = statusRequestWorld(engine);
  let app: { id: string; name: string };
  beforeAll(async () => {
    const [row] = await w.t.db
      .select({ id: contacts.objectSourceId, name: contacts.objectSourceDetail1 })
      .from(contacts)
      .where(and(eq(contacts.portalId, w.portalId), eq(contacts.objectSource, "INTEGRATION"), isNotNull(contacts.objectSourceDetail1)))
      .limit(1);
    expect(row, "the sandbox portal has contacts created by an app").toBeDefined();
    app = { id: row!.id!, name: row!.name! };
  });

  it("detail carries the app's name for a filter by app, and nothing for other selections", async () => {
    const portalId = w.portalId;
    const selection = { kind: "filter" as const, filter: { appId: app.id } };
    const target = (await w.as("manager").statusRequests.preview({ portalId, target: "nonMarketing", selection })).changeCount
      ? "nonMarketing"
      : "marketing";
    const preview = await w.as("manager").statusRequests.preview({ portalId, target, selection });
    expect(preview.changeCount).toBeGreaterThan(0);
    const { id } = await w.as("manager").statusRequests.create({
      portalId,
      target,
      reason: "Contacts from one app",
      selection,
      confirmCount: preview.changeCount,
    });
    const detail = await w.as("manager").statusRequests.detail({ portalId, requestId: id });
    expect(detail.selectionApp).toBe(app.name);
    expect(detail.selectionApp).not.toMatch(/^App \d+$/);

    const other = await w.as("manager").statusRequests.create({
      portalId,
      target: "marketing",
      reason: "Every non-marketing contact",
      selection: { kind: "filter", filter: { status: "nonMarketing" } },
      confirmCount: (
        await w
          .as("manager")
          .statusRequests.preview({ portalId, target: "marketing", selection: { kind: "filter", filter: { status: "nonMarketing" } } })
      ).changeCount,
    });
    expect((await w.as("manager").statusRequests.detail({ portalId, requestId: other.id })).selectionApp).toBeNull();
  });
});
