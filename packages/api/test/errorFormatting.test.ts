import type { AnyRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { availableEngines } from "@marketable/db/testing";
import type { Logger } from "@marketable/logger";

import { createTRPCContext } from "../src/context";
import { appRouter } from "../src/root";
import { agencyProcedure, createTRPCRouter } from "../src/trpc";
import { buildWorld, type World } from "./world";

/** Collects what the server logs, to prove the full error went there with the request id. */
function recordingLog(requestId: string) {
  const entries: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const log = {
    info: (fields: Record<string, unknown>, message?: string) => entries.push({ level: "info", fields: { requestId, ...fields }, message }),
    error: (fields: Record<string, unknown>, message?: string) =>
      entries.push({ level: "error", fields: { requestId, ...fields }, message }),
    child: () => log,
  };
  return { entries, log: log as unknown as Logger };
}

/**
 * A procedure that fails the way the NUL-byte search did: PostgreSQL refuses a query whose
 * bound values include the agency id. Built with the app's own procedure factory and formatter.
 */
const failingRouter = createTRPCRouter({
  broken: agencyProcedure("agency.view").query(async ({ ctx }) => {
    await ctx.db.execute(sql`select * from no_such_table where agency_id = ${ctx.access.agency.id}`);
    return "unreachable";
  }),
});

interface ErrorBody {
  error: {
    json: {
      message: string;
      data: { code: string; httpStatus: number; stack?: string; zodError: { fieldErrors: Record<string, string[]> } | null };
    };
  };
}

const engines = await availableEngines();

describe.each(engines)("what an error tells the client on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => w?.close());

  /** A mutation POSTs its body; a query (`get`) sends it as the `input` parameter, as the browser does. */
  async function post(router: AnyRouter, path: string, body: string, requestId: string, get = false) {
    const { entries, log } = recordingLog(requestId);
    const req = get
      ? new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(body)}`)
      : new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router,
      req,
      createContext: () =>
        createTRPCContext({ db: w.t.db, userId: w.users.owner.id, clock: w.clock, hubspot: w.hub.settings, requestId, log }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as ErrorBody, entries };
  }

  it("an unexpected error reaches the client as a generic message with the request id, and the log has the rest", async () => {
    // tRPC includes stacks outside production: the stricter mode for this test.
    const requestId = "5d0a3c1e-2b7f-4e55-9a61-0c8f2d4b7e19";
    const failing = await post(failingRouter, "broken", "{}", requestId, true);
    expect(failing.status).toBe(500);
    expect(failing.body.error.json.message).toBe(`Something went wrong on our side; reference ${requestId}`);
    expect(failing.body.error.json.data.stack ?? null).toBeNull();
    expect(failing.text).not.toMatch(/\bat .*:\d+:\d+/);
    expect(failing.text).not.toMatch(/select|no_such_table|relation/i);
    expect(failing.text).not.toContain(w.agencyA.id);

    const logged = failing.entries.filter((e) => e.level === "error");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields.requestId).toBe(requestId);
    expect(String((logged[0]!.fields.err as Error).message)).toMatch(/no_such_table/);
  });

  it("deliberate refusals keep their words, and a refused input its field errors in words", async () => {
    const notFound = await post(appRouter, "portals.get", JSON.stringify({ json: { portalId: w.bPortal.id } }), "b1", true);
    expect(notFound.body.error.json).toMatchObject({ message: "Portal not found", data: { code: "NOT_FOUND" } });

    const invalid = await post(
      appRouter,
      "contacts.saveFilter",
      JSON.stringify({ json: { portalId: w.p1.id, name: "a\u0000b", filter: { search: "x\ud800" } } }),
      "c2",
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.json.data.code).toBe("BAD_REQUEST");
    expect(invalid.body.error.json.data.zodError?.fieldErrors).toEqual({
      name: ["Remove the NUL character (\\0): it cannot be stored"],
      filter: ["This text has a broken character (a lone UTF-16 surrogate): retype it"],
    });
    // Words, not zod's JSON of the issues.
    expect(invalid.body.error.json.message).toBe(
      "Remove the NUL character (\\0): it cannot be stored; This text has a broken character (a lone UTF-16 surrogate): retype it",
    );
  });

  it("a body the server cannot read is refused without the parser's text", async () => {
    const malformed = await post(appRouter, "contacts.saveFilter", '{"json": {"portalId": ', "d3");
    expect(malformed.status).toBeLessThan(500);
    expect(malformed.body.error.json.message).toBe("Something went wrong on our side; reference d3");

    // Nesting deeper than any parser's recursion: refused, not a 500.
    const deep = `{"json": {"portalId": "${w.p1.id}", "name": "Deep", "filter": ${"[".repeat(100_000)}${"]".repeat(100_000)}}}`;
    const nested = await post(appRouter, "contacts.saveFilter", deep, "f5");
    expect(nested.status).toBeLessThan(500);
    expect(nested.text).not.toMatch(/RangeError|call stack/i);

    const proto = await post(appRouter, "portals.list", '{"json": {"__proto__": {"isAdmin": true}, "search": "x"}}', "e4", true);
    expect(proto.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
