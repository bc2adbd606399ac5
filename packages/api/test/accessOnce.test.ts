import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findVisiblePortal, loadAccess } from "@marketable/db";
import { availableEngines } from "@marketable/db/testing";

import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { buildWorld, type World } from "./world";

const engines = await availableEngines();

/** Every SQL statement the database runs while `work` does, read from drizzle's query logger. */
async function queriesDuring(w: World, work: () => Promise<unknown>) {
  const session = (w.t.db as unknown as { session: { logger: { logQuery(query: string): void } } }).session;
  const before = session.logger;
  const queries: string[] = [];
  session.logger = { logQuery: (query) => queries.push(query) };
  try {
    await work();
  } finally {
    session.logger = before;
  }
  return queries;
}

const readsUser = (query: string) => /from "users"/.test(query);
const readsPortal = (query: string) => /from "portals" where \("portals"\."id" = \$1/.test(query);

describe.each(engines)("access read once per request on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  // A billing page's server render calls the layout's alert badge and the page's billing
  // procedure (and its own guard): with the render's shared loader (the web's React cache), the
  // person's user, membership and grants are read once, not once per call.
  it("a context sharing its access loader reads access once for every procedure of the render", async () => {
    const userId = w.users.billing.id;
    const portalId = w.p1.id;
    let loads = 0;
    let shared: ReturnType<typeof loadAccess> | undefined;
    const loadOnce = () => (shared ??= (loads++, loadAccess(w.t.db, userId)));
    const portals = new Map<string, ReturnType<typeof findVisiblePortal>>();
    const portalOnce = (id: string) =>
      portals.get(id) ??
      portals
        .set(
          id,
          loadOnce().then((a) => (a ? findVisiblePortal(w.t.db, a, id) : null)),
        )
        .get(id)!;
    const render = createCaller(
      createTRPCContext({ db: w.t.db, userId, clock: w.clock, loadAccess: loadOnce, loadVisiblePortal: portalOnce }),
    );
    const queries = await queriesDuring(w, async () => {
      await loadOnce(); // the page guard
      await portalOnce(portalId); // the [portalId] layout's 404 guard
      await render.alerts.badge();
      await render.billing.portal({ portalId });
    });
    expect(loads).toBe(1);
    expect(queries.filter(readsUser)).toHaveLength(1);
    expect(queries.filter(readsPortal)).toHaveLength(1);

    // Without it, each procedure reads access again: what the shared loader saves.
    const separate = createCaller(createTRPCContext({ db: w.t.db, userId, clock: w.clock }));
    const unshared = await queriesDuring(w, async () => {
      await separate.alerts.badge();
      await separate.billing.portal({ portalId });
    });
    expect(unshared.filter(readsUser)).toHaveLength(2);
    expect(unshared.filter(readsPortal)).toHaveLength(1);
  });
});
