import { z } from "zod";

import type { DbHandle } from "@marketable/db";

import { defineJobs, jobs } from "../src";

/** The product's jobs plus a few that only tests send. */
export const testJobs = {
  ...jobs,
  ...defineJobs({
    "test.echo": { description: "returns its input", schema: z.strictObject({ n: z.number().int(), note: z.string().default("none") }) },
    "test.invalid": {
      description: "receives rows written around validation",
      schema: z.strictObject({ n: z.number() }),
      queue: { retryLimit: 0 },
    },
    "test.flaky": {
      description: "throws until its third attempt",
      schema: z.strictObject({ key: z.string() }),
      queue: { retryLimit: 4, retryDelay: 0 },
    },
    "test.bulk": { description: "counts side effects", schema: z.strictObject({ i: z.number().int() }) },
    "test.crash": {
      description: "stopped mid-batch",
      schema: z.strictObject({ i: z.number().int() }),
      queue: { retryLimit: 5, retryDelay: 0 },
    },
    "test.slow": { description: "outlives a graceful stop's start", schema: z.strictObject({}) },
    "test.later": { description: "waits for its start time", schema: z.strictObject({}) },
    "test.quick": { description: "returns at once", schema: z.strictObject({ n: z.number().int() }) },
    "test.ranked": { description: "records the order jobs are taken in", schema: z.strictObject({ n: z.number().int() }) },
  }),
};

export async function createEffectTables(handle: DbHandle) {
  await handle.pool.query(`
    create table if not exists test_effects (job_id text not null, queue text not null);
    create table if not exists test_once (job_id text primary key);
    create table if not exists test_attempts (job_id text not null)`);
}

export async function count(handle: DbHandle, sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await handle.pool.query<{ n: string }>(sql, values);
  return Number(rows[0]?.n ?? 0);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
