import { env } from "~/env";

import { runMigrations } from "@marketable/db";
import { demoSignIns, seedDemo } from "@marketable/db/seed";
import { logger } from "@marketable/logger";

import { getDbHandle } from "./db";
import { connectDemoPortals } from "./demoConnect";
import { getQueue } from "./jobs";

export async function bootEmbedded() {
  const settings = env();
  if (!settings.embedded) return;
  const handle = await getDbHandle();
  await runMigrations(handle.db);
  logger.info({ kind: handle.kind }, "embedded database migrated");
  if (settings.demo) {
    const { created } = await seedDemo(handle.db);
    if (created) logger.info("demo agencies seeded");
    console.log(["", "Marketable demo sign-ins:", ...demoSignIns().map((l) => `  ${l}`), ""].join("\n"));
  }
  // The in-process worker (PGlite is one process), then the demo's HubSpot connections.
  await getQueue();
  if (settings.demo && settings.demoConnect) {
    void connectDemoPortals().catch((error: unknown) => logger.error({ err: error }, "demo connect failed"));
  }
}
