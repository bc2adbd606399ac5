import { Writable } from "node:stream";

import { routeHandler } from "~/server/route-handler";
import { notFound } from "next/navigation";
import { NextRequest } from "next/server";
import pino from "pino";
import { describe, expect, it } from "vitest";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A real pino logger writing JSON lines into an array, to read what the server logged. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}

const request = (headers: Record<string, string> = {}) => new NextRequest("http://127.0.0.1/api/example", { headers });

/** What a database driver's error looks like: the SQL, its bound values, another row's id. */
const internal = () =>
  new Error(
    'Failed query: select * from "contacts" where "agency_id" = $1 and "email" ilike $2\nparams: 6a1f9c3e-0000-4000-8000-000000000abc,%\u0000%',
  );

describe("routeHandler", () => {
  it("answers an unexpected error with the generic message and the request id, and logs the full error with that id", async () => {
    const { logger, lines } = capturedLogger();
    const GET = routeHandler("example", () => Promise.reject(internal()), { logger });
    const response = await GET(request(), undefined);

    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(UUID);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: `Something went wrong on our side; reference ${requestId}`, requestId });
    for (const leak of ["select", "contacts", "agency_id", "6a1f9c3e", "params", "Error", "at "]) expect(text).not.toContain(leak);

    const logged = lines.find((line) => line.msg === "route handler failed")!;
    expect(logged).toMatchObject({ level: 50, requestId, route: "example" });
    expect((logged.err as { message: string; stack: string }).message).toContain('select * from "contacts"');
    expect((logged.err as { stack: string }).stack).toContain("routeHandler.test.ts");
  });

  it("hides a thrown non-Error too, and answers with the status the route asks for", async () => {
    const { logger, lines } = capturedLogger();
    const POST = routeHandler(
      "webhooks",
      () => {
        throw "token=pat-na1-secret";
      },
      { failureStatus: 503, logger },
    );
    const response = await POST(request({ "x-request-id": "hubspot-delivery-7" }), undefined);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "Something went wrong on our side; reference hubspot-delivery-7",
      requestId: "hubspot-delivery-7",
    });
    expect(lines.some((line) => line.requestId === "hubspot-delivery-7" && JSON.stringify(line).includes("pat-na1-secret"))).toBe(true);
  });

  it("uses a well-formed sent id and replaces a malformed one, in the body, the header and the log", async () => {
    const { logger, lines } = capturedLogger();
    const GET = routeHandler("example", () => Promise.reject(internal()), { logger });
    const hostile = `${"x".repeat(10_000)}","level":"info`;
    const response = await GET(request({ "x-request-id": hostile }), undefined);
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(UUID);
    expect(((await response.json()) as { requestId: string }).requestId).toBe(requestId);
    expect(lines.at(-1)!.requestId).toBe(requestId);
    expect(JSON.stringify(lines)).not.toContain("xxxxxxxxxx");
  });

  it("passes the handler's own answer through with the id, even a redirect with immutable headers", async () => {
    const ok = routeHandler("example", (_request, { requestId }) => Response.json({ seen: requestId }));
    const answered = await ok(request({ "x-request-id": "abc-123" }), undefined);
    expect(answered.status).toBe(200);
    expect(answered.headers.get("x-request-id")).toBe("abc-123");
    expect(await answered.json()).toEqual({ seen: "abc-123" });

    const redirect = routeHandler("example", () => Response.redirect("http://127.0.0.1/sign-in", 302));
    const moved = await redirect(request(), undefined);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("http://127.0.0.1/sign-in");
    expect(moved.headers.get("x-request-id")).toMatch(UUID);
  });

  it("passes the route's context (its params) to the handler", async () => {
    const GET = routeHandler("example", async (_request, _scope, { params }: { params: Promise<{ portalId: string }> }) =>
      Response.json(await params),
    );
    expect(await (await GET(request(), { params: Promise.resolve({ portalId: "p-1" }) })).json()).toEqual({ portalId: "p-1" });
  });

  it("leaves Next.js's own control flow (notFound, redirect) to Next.js", async () => {
    const GET = routeHandler("example", () => notFound());
    await expect(GET(request(), undefined)).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_HTTP_ERROR_FALLBACK;404") as string,
    });
  });
});
