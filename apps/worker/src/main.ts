import { createDb } from "@marketable/db";
import { logger } from "@marketable/logger";
import { sql } from "drizzle-orm";

/**
 * The job runner's entry. Production runs it as separate processes on PostgreSQL; the embedded
 * default runs the same jobs inside the web process. Jobs arrive with the sync work; for now it
 * checks the database and waits for a signal to stop.
 */
const log = logger.child({ process: "worker" });
const handle = await createDb(process.env.DATABASE_URL);
await handle.db.execute(sql`select 1`);
log.info({ kind: handle.kind }, "worker started");

const heartbeat = setInterval(() => log.debug("worker alive"), 60_000);
async function stop(signal: string) {
  log.info({ signal }, "worker stopping");
  clearInterval(heartbeat);
  await handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
