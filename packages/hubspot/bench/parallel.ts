/**
 * Parallel bench (part of `pnpm --filter @marketable/hubspot bench`): 10 portals synced at once
 * by two worker processes, both syncing every portal, so each portal's traffic comes from two
 * processes that share its limiter bucket through PostgreSQL. Targets: no portal over its limit
 * (the sandbox answers 429 to any request over the limit: zero 429s), and each portal's combined
 * rate near its ceiling.
 * Env: BENCH_PARALLEL_CONTACTS (per portal, default 4,000).
 */
import { spawn } from "node:child_process";
import os from "node:os";

import { createAgency, createPortal } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";
import { privateAppToken, startSandbox } from "@marketable/hubspot-sandbox";

const PORTALS = 10;
const CONTACTS = Number(process.env.BENCH_PARALLEL_CONTACTS ?? 4_000);
const CEILING = 190 / 10; // Professional: 190 requests per rolling 10 s

interface WorkerResult {
  portalId: string;
  contacts: number;
  ms: number;
  requests: number;
  rateLimited: number;
}

function runWorker(env: Record<string, string>): Promise<WorkerResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/parallelWorker.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as WorkerResult[]) : reject(new Error(`worker exited ${code}`)),
    );
  });
}

export async function parallelBench(): Promise<boolean> {
  console.log(
    `\n4. ${PORTALS} portals × ${CONTACTS.toLocaleString("en-US")} contacts, synced at once by 2 worker processes sharing each portal's limiter`,
  );
  let status429 = 0;
  const sandbox = await startSandbox({
    preset: "empty",
    seed: 3,
    port: 0,
    limits: true,
    recorder: (r) => void (r.statusCode === 429 && status429++),
  });
  const database = await createTestDatabase("postgres");
  try {
    const agency = await createAgency(database.db);
    const assignments = [];
    for (let i = 0; i < PORTALS; i++) {
      const hubId = sandbox.admin.createPortal({ edition: "professional", contacts: CONTACTS }).hubId;
      const portal = await createPortal(database.db, {
        agencyId: agency.id,
        hubId: String(hubId),
        edition: "professional",
        connectionStatus: "connected",
      });
      assignments.push({ portalId: portal.id, hubId: String(hubId), token: privateAppToken(hubId) });
    }
    const env = { BENCH_DB_URL: database.url!, BENCH_SANDBOX_URL: sandbox.url, BENCH_PORTALS: JSON.stringify(assignments) };
    const started = performance.now();
    const [a, b] = await Promise.all([runWorker(env), runWorker(env)]);
    const seconds = (performance.now() - started) / 1000;
    const perPortal = assignments.map((p) => {
      const mine = [...a, ...b].filter((r) => r.portalId === p.portalId);
      const requests = mine.reduce((n, r) => n + r.requests, 0);
      const span = Math.max(...mine.map((r) => r.ms)) / 1000;
      return { requests, rate: requests / span };
    });
    const shares = perPortal.map((p) => p.rate / CEILING);
    const limiter429 = [...a, ...b].reduce((n, r) => n + r.rateLimited, 0);
    const fmt = (n: number) => `${(n * 100).toFixed(1)}%`;
    console.log(
      `  time                                         ${seconds.toFixed(1)} s, ${perPortal.reduce((n, p) => n + p.requests, 0)} requests in all`,
    );
    console.log(
      `  per-portal combined rate, share of ceiling   min ${fmt(Math.min(...shares))}, max ${fmt(Math.max(...shares))}    target ≤ 100% (no portal over its limit)${Math.max(...shares) <= 1 ? "  ✓" : "  ✗"}`,
    );
    console.log(
      `  429 responses from the sandbox               ${status429} (gateways saw ${limiter429})          target 0${status429 === 0 ? "  ✓" : "  ✗"}`,
    );
    return status429 === 0 && Math.max(...shares) <= 1;
  } finally {
    await database.close();
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cpu = os.cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown cpu"}, ${cpu.length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await parallelBench();
}
