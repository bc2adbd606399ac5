import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDbHandle } from "~/server/db";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only when the database answers. */
export async function GET() {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return NextResponse.json({ status: "ok", database: { status: "ok", kind: handle.kind, ms: Math.round(performance.now() - started) } });
  } catch {
    return NextResponse.json({ status: "error", database: { status: "unreachable" } }, { status: 503 });
  }
}
