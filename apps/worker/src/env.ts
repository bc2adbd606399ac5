// The light config entries, not the packages' indexes: a bad setting is reported before the
// rest of the worker (HubSpot client, queue, job handlers) has loaded.
import { z } from "zod";

import { checkServerSettings, parseEnv, serverEnvSchema } from "@marketable/api/config";
import { exitWithConfigError, loadRootEnv } from "@marketable/db/config";

/** The worker's environment: the repository's `.env` under the real environment, validated once at start. */
const schema = serverEnvSchema.extend({
  // 8: a lane mostly waits on its portal's HubSpot rate limit, so more lanes sync more portals at
  // once (the fleet bench's initial sync: 518 s with 4, 331 s with 8 on 2 cores; docs/features.md).
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /**
   * 1: at start, re-queue every job left `active` (by a killed worker) at once instead of when
   * it expires. Only safe when this is the database's only worker process.
   */
  WORKER_RECOVER_ACTIVE: z.enum(["0", "1"]).default("0"),
  /**
   * This worker's name; the id stored on its runs is `<name>#<slot>` (the lowest slot no live
   * worker of that name holds). A restarted worker gets its dead predecessor's id and takes up
   * its runs at once. Default: the host name.
   */
  WORKER_ID: z.string().trim().min(1).max(100).optional(),
  /**
   * A running sync or status request whose heartbeat (every 10 s) is older than this is taken
   * for dead by any live worker; keep it well above the heartbeat.
   */
  WORKER_STALE_RUN_SECONDS: z.coerce.number().int().min(1).default(45),
  /** How often every worker looks for dead runs (stale heartbeat, or a dead owner). */
  WORKER_RESUME_CHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /**
   * SIGTERM: running syncs and status requests checkpoint and are handed to another worker;
   * the process exits within this many seconds. Under supervisors' 10 s default.
   */
  WORKER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(8),
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
