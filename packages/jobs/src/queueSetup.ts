import type PgBoss from "pg-boss";

import type { Logger } from "@marketable/logger";

import type { JobRegistry, QueueSettings } from "./registry";

// What a queue's start does besides pg-boss's own: a queue per job name, and jobs a dead process left.

/** Creates the queue `name` with `settings` (policy "standard" unless given), or updates it to them. */
export async function ensureQueue(boss: PgBoss, name: string, settings: QueueSettings): Promise<void> {
  const wanted = { name, policy: settings.policy ?? "standard", ...settings };
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) break;
    try {
      await boss.createQueue(name, wanted);
      return;
    } catch (error) {
      // Another process is creating it too (workers started together on a fresh database):
      // its insert won (23505), or the two creations deadlocked (40P01) and PostgreSQL rolled
      // ours back. Look again.
      const code = (error as { code?: string }).code;
      if ((code !== "23505" && code !== "40P01") || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
  await boss.updateQueue(name, wanted);
}

/** Fails (so retries) jobs a dead process left active; see `recoverActiveOnStart`. */
export async function recoverActive(boss: PgBoss, schema: string, registry: JobRegistry, log: Logger): Promise<void> {
  const { rows } = await boss
    .getDb()
    .executeSql(`select name, id from ${schema}.job where state = 'active' and name = any($1::text[])`, [Object.keys(registry)]);
  const byName = new Map<string, string[]>();
  for (const row of rows as { name: string; id: string }[]) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
  for (const [name, ids] of byName) {
    log.warn({ job: name, count: ids.length }, "re-queueing jobs left active by a previous process");
    // One call per id: pg-boss's types allow output data only with a single id.
    for (const id of ids) await boss.fail(name, id, { message: "re-queued at start: the previous process stopped while it ran" });
  }
}
