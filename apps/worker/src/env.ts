// The light config entries, not the packages' indexes: a bad setting is reported before the
// rest of the worker (HubSpot client, queue, job handlers) has loaded.
import { checkServerSettings, parseEnv, serverEnvSchema } from "@marketable/api/config";
import { exitWithConfigError, loadRootEnv } from "@marketable/db/config";
import { z } from "zod";

/** The worker's environment: the repository's `.env` under the real environment, validated once at start. */
const schema = serverEnvSchema.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * 1: at start, re-queue every job left `active` (by a killed worker) at once instead of when
   * it expires. Only safe when this is the database's only worker process.
   */
  WORKER_RECOVER_ACTIVE: z.enum(["0", "1"]).default("0"),
  /**
   * A running sync or status request whose heartbeat is older than this is resumed at start
   * (and every 15 min, at 2 minutes).
   */
  WORKER_STALE_RUN_SECONDS: z.coerce.number().int().min(0).default(120),
});

function load() {
  try {
    loadRootEnv();
    const parsed = parseEnv(schema, process.env);
    return { ...parsed, ...checkServerSettings(parsed) };
  } catch (error) {
    exitWithConfigError(error, "worker cannot start");
  }
}

export const env = load();
