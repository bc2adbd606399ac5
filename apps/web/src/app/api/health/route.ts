import { getDbHandle } from "~/server/db";
import { routeHandler } from "~/server/route-handler";
import { pendingMigrationsOnce } from "~/server/schemaReadiness";
import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness: answers 200 only when the database answers and has every checked-in
 * migration (a schema older than the code would fail pages; the embedded one is migrated at boot).
 */
export const GET = routeHandler("health", async (_request, { log }) => {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    const ms = Math.round(performance.now() - started);
    const pending = await pendingMigrationsOnce(handle.db);
    if (pending.length > 0) {
      return NextResponse.json(
        { status: "starting", database: { status: "ok", kind: handle.kind, ms }, migrations: { status: "pending", pending } },
        { status: 503 },
      );
    }
    return NextResponse.json({ status: "ok", database: { status: "ok", kind: handle.kind, ms }, migrations: { status: "ok" } });
  } catch (error) {
    log.warn({ err: error }, "health: database unreachable");
    return NextResponse.json({ status: "error", database: { status: "unreachable" } }, { status: 503 });
  }
});
