import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { savedContactFilters } from "@marketable/db";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { createTRPCContext } from "../src/context";
import { appRouter } from "../src/root";
import { SAVED_FILTERS_LIMIT } from "../src/validation/savedFilters";
import { errorCode } from "./trpcErrors";
import { buildWorld, type ActorName, type World } from "./world";

const engines = await availableEngines();

describe.each(engines)("saved contact filters on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  const names = async (actor: ActorName, portalId = w.p1.id) =>
    (await w.as(actor).contacts.savedFilters({ portalId })).filters.map((f) => f.name);

  /** Through the HTTP handler the browser uses, so the zodError is what the form reads. */
  const post = async (actor: ActorName, path: string, input: unknown) => {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      }),
      createContext: () => createTRPCContext({ db: w.t.db, userId: w.users[actor].id, clock: w.clock, hubspot: w.hub.settings }),
    });
    const body = (await response.json()) as {
      error: { json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null } } };
    };
    return { status: response.status, code: body.error.json.data.code, fieldErrors: body.error.json.data.zodError?.fieldErrors };
  };

  it("saves, lists by name, replaces by name and deletes the caller's own filters", async () => {
    const manager = w.as("manager");
    expect(await names("manager")).toEqual([]);
    const bounced = await manager.contacts.saveFilter({ portalId: w.p1.id, name: "  Bounced  ", filter: { bounced: true } });
    expect(bounced).toMatchObject({ name: "Bounced", filter: { bounced: true } });
    await manager.contacts.saveFilter({ portalId: w.p1.id, name: "Agency leads", filter: { status: "marketing", source: "FORM" } });
    expect(await names("manager")).toEqual(["Agency leads", "Bounced"]);

    // The same name again replaces that filter (same row, new filter), it does not add one.
    const replaced = await manager.contacts.saveFilter({ portalId: w.p1.id, name: "Bounced", filter: { bounced: true, optedOut: true } });
    expect(replaced.id).toBe(bounced.id);
    const { filters } = await manager.contacts.savedFilters({ portalId: w.p1.id });
    expect(filters).toHaveLength(2);
    expect(filters.find((f) => f.name === "Bounced")?.filter).toEqual({ bounced: true, optedOut: true });

    // Per portal: P2 (also the manager's) has none of P1's.
    expect(await names("manager", w.p2.id)).toEqual([]);

    expect(await manager.contacts.deleteFilter({ portalId: w.p1.id, id: bounced.id })).toEqual({ id: bounced.id });
    expect(await names("manager")).toEqual(["Agency leads"]);
    // Deleting it twice: it is gone.
    expect(await errorCode(manager.contacts.deleteFilter({ portalId: w.p1.id, id: bounced.id }))).toBe("NOT_FOUND");
  });

  it("another person's filters are invisible and cannot be deleted, replaced or reached through another portal", async () => {
    const own = await w.as("analyst").contacts.saveFilter({ portalId: w.p1.id, name: "Analyst view", filter: { noEngagementDays: 180 } });
    // The manager and the owner see P1 too, but not the analyst's filter.
    expect(await names("manager")).not.toContain("Analyst view");
    expect(await names("owner")).not.toContain("Analyst view");

    const before = await snapshotDatabase(w.t.db);
    expect(await errorCode(w.as("manager").contacts.deleteFilter({ portalId: w.p1.id, id: own.id }))).toBe("NOT_FOUND");
    expect(await errorCode(w.as("owner").contacts.deleteFilter({ portalId: w.p1.id, id: own.id }))).toBe("NOT_FOUND");
    // Their own id through a portal it does not belong to: not found either.
    expect(await errorCode(w.as("analyst").contacts.deleteFilter({ portalId: w.p2.id, id: own.id }))).toBe("NOT_FOUND");
    expect(await errorCode(w.as("outsider").contacts.deleteFilter({ portalId: w.p1.id, id: own.id }))).toBe("NOT_FOUND");
    expect(await snapshotDatabase(w.t.db)).toEqual(before);

    // The same name saved by someone else is their own filter, not a replacement of the analyst's.
    await w.as("manager").contacts.saveFilter({ portalId: w.p1.id, name: "Analyst view", filter: { bounced: true } });
    const [stored] = await w.t.db.select().from(savedContactFilters).where(eq(savedContactFilters.id, own.id));
    expect(stored?.filter).toEqual({ noEngagementDays: 180 });
    expect(await names("analyst")).toEqual(["Analyst view"]);
  });

  it("an invalid name or filter is refused with its zod message, and nothing is stored", async () => {
    const before = await snapshotDatabase(w.t.db);
    expect(await post("manager", "contacts.saveFilter", { portalId: w.p1.id, name: "   ", filter: {} })).toEqual({
      status: 400,
      code: "BAD_REQUEST",
      fieldErrors: { name: ["Name the filter"] },
    });
    expect(await post("manager", "contacts.saveFilter", { portalId: w.p1.id, name: "x".repeat(61), filter: {} })).toMatchObject({
      status: 400,
      fieldErrors: { name: ["Keep the name to 60 characters or fewer"] },
    });
    expect(
      await post("manager", "contacts.saveFilter", { portalId: w.p1.id, name: "Dormant", filter: { noEngagementDays: 0 } }),
    ).toMatchObject({
      status: 400,
      fieldErrors: { filter: ["Enter at least 1 day"] },
    });
    expect(
      await post("manager", "contacts.saveFilter", { portalId: w.p1.id, name: "Recent", filter: { createdFrom: "yesterday" } }),
    ).toMatchObject({
      status: 400,
      fieldErrors: { filter: ["Enter a date as YYYY-MM-DD"] },
    });
    expect(await snapshotDatabase(w.t.db)).toEqual(before);
  });

  it(`keeps at most ${SAVED_FILTERS_LIMIT} filters per person per portal; replacing one at the limit still works`, async () => {
    const client = w.as("client");
    for (let i = 0; i < SAVED_FILTERS_LIMIT; i++) {
      await client.contacts.saveFilter({
        portalId: w.p1.id,
        name: `View ${String(i).padStart(2, "0")}`,
        filter: { noEngagementDays: i + 1 },
      });
    }
    const before = await snapshotDatabase(w.t.db);
    const refusal = await client.contacts.saveFilter({ portalId: w.p1.id, name: "One too many", filter: {} }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "BAD_REQUEST", message: "You can keep at most 50 saved filters on a portal: delete one first" });
    expect(await snapshotDatabase(w.t.db)).toEqual(before);

    await client.contacts.saveFilter({ portalId: w.p1.id, name: "View 00", filter: { bounced: true } });
    expect(await names("client")).toHaveLength(SAVED_FILTERS_LIMIT);
    // The limit is the client's own: another person on the same portal can still save.
    await w.as("manager").contacts.saveFilter({ portalId: w.p1.id, name: "Still room", filter: {} });
  });
});
