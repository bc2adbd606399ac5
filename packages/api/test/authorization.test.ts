import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadAccess } from "@marketable/db";
import { availableEngines, snapshotDatabase } from "@marketable/db/testing";
import { can } from "@marketable/permissions";

import { callProcedure as call, cases, procedures } from "./procedureCases";
import { errorCode } from "./trpcErrors";
import { actors, buildWorld, type World } from "./world";

describe("every procedure declares a permission and has a case", () => {
  for (const [path, procedure] of Object.entries(procedures)) {
    it(`${path} declares ${cases[path]?.permission ?? "(missing from the table)"}`, () => {
      expect(cases[path], `${path} has no entry in the authorization table`).toBeDefined();
      expect(procedure._def.meta?.permission, `${path} declares no permission`).toBeDefined();
      expect(procedure._def.meta?.permission).toBe(cases[path]!.permission);
    });
  }
  it("has no stale cases", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(procedures).sort());
  });
});

const engines = await availableEngines();

describe.each(engines)("authorization on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  for (const [path, testCase] of Object.entries(cases)) {
    const scope = procedures[path]?._def.meta?.scope;
    for (const actor of actors) {
      it(`${path} as ${actor}`, async () => {
        const input = await testCase.input?.(w, actor);
        if (actor === "outsider") {
          if (testCase.outsiderSeesOwn) {
            const result = await call(w, actor, path, input);
            testCase.outsiderSeesOwn(result, w);
            return;
          }
          const before = await snapshotDatabase(w.t.db);
          expect(await errorCode(call(w, actor, path, input))).toBe("NOT_FOUND");
          expect(await snapshotDatabase(w.t.db)).toEqual(before);
          return;
        }
        const access = await loadAccess(w.t.db, w.users[actor].id);
        const allowed = can(access!.actor, testCase.permission, scope === "portal" ? (input as { portalId: string }).portalId : undefined);
        if (allowed) {
          expect(await errorCode(call(w, actor, path, input))).toBe("OK");
        } else {
          const before = await snapshotDatabase(w.t.db);
          expect(await errorCode(call(w, actor, path, input))).toBe("FORBIDDEN");
          expect(await snapshotDatabase(w.t.db)).toEqual(before);
        }
      });
    }
  }

  it("signed-out callers get UNAUTHORIZED from every procedure", async () => {
    for (const path of Object.keys(cases)) {
      const [router, name] = path.split(".") as [string, string];
      const caller = w.callerFor(null) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
      expect(await errorCode(caller[router]![name]!(await cases[path]!.input?.(w, "owner")))).toBe("UNAUTHORIZED");
    }
  });

  it("a manager reaching an ungranted portal gets NOT_FOUND, not FORBIDDEN", async () => {
    expect(await errorCode(w.as("manager").portals.get({ portalId: w.p3.id }))).toBe("NOT_FOUND");
    expect(await errorCode(w.as("analyst").portals.get({ portalId: w.p2.id }))).toBe("NOT_FOUND");
  });
});
