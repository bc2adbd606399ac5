import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDbHandle } from "~/server/db";
import { routeHandler } from "~/server/route-handler";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only when the database answers. */
export const GET = routeHandler("health", async (_request, { log }) => {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return NextResponse.json({ status: "ok", database: { status: "ok", kind: handle.kind, ms: Math.round(performance.now() - started) } });
  } catch (error) {
    log.warn({ err: error }, "health: database unreachable");
    return NextResponse.json({ status: "error", database: { status: "unreachable" } }, { status: 503 });
  }
});
