// Projection throughput: 500 portals x 365 days of history, projected to renewal and (worst case)
// 365 days ahead. Prints the machine next to the 100 ms target. Run: pnpm bench
import os from "node:os";
import { performance } from "node:perf_hooks";

import type { Contract } from "../src/contract";
import { DEFAULT_PRICE_TABLE, type Edition } from "../src/prices";
import { project, type HistoryPoint, type ProjectionInput } from "../src/projection";

const PORTALS = 500;
const HISTORY_DAYS = 365;
const TARGET_MS = 100;
const RUNS = 15;

// Deterministic PRNG (mulberry32) so every run measures the same portals.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const zones = [
  "UTC",
  "America/New_York",
  "America/Los_Angeles",
  "Europe/Berlin",
  "Europe/London",
  "Asia/Tokyo",
  "Australia/Sydney",
  "America/Sao_Paulo",
];
const editions: Edition[] = ["starter", "professional", "enterprise"];
const now = new Date("2026-11-29T12:00:00Z");
const day0 = Date.UTC(2025, 10, 29); // history starts 365 days before today

function portal(i: number, horizonDays: number | null): ProjectionInput {
  const random = rng(i + 1);
  const edition = editions[i % 3] ?? "professional";
  const start = 1_000 + Math.floor(random() * 200_000);
  const perDay = (random() - 0.3) * start * 0.002;
  const history: HistoryPoint[] = new Array<HistoryPoint>(HISTORY_DAYS);
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const noise = (random() - 0.5) * start * 0.004;
    history[d] = {
      date: new Date(day0 + d * 86_400_000).toISOString().slice(0, 10),
      marketing: Math.max(0, Math.round(start + perDay * d + noise)),
    };
  }
  const last = history[HISTORY_DAYS - 1]?.marketing ?? start;
  const included = { starter: 1_000, professional: 2_000, enterprise: 10_000 }[edition];
  const block = { starter: 1_000, professional: 5_000, enterprise: 10_000 }[edition];
  const purchasedTier = included + Math.ceil(Math.max(0, last * 1.05 - included) / block) * block;
  const month = 1 + (i % 12);
  const contract: Contract = {
    edition,
    purchasedTier,
    term: i % 4 === 0 ? "monthly" : "yearly",
    renewalDate: `2027-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    contractStartDate: `2025-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    updateDateRule: "hubspot",
    timeZone: zones[i % zones.length] ?? "UTC",
    currency: "USD",
    priceTable: DEFAULT_PRICE_TABLE,
  };
  return {
    history,
    contract,
    now,
    inflows: [{ source: `app:${i}`, perDay: Math.max(0, perDay / 2) }],
    requests: [
      { id: `r${i}`, kind: "approved", target: "marketing", count: Math.floor(random() * 500), effectiveAt: "2026-12-10" },
      { id: `q${i}`, kind: "pending", target: "nonMarketing", count: Math.floor(random() * 300) },
    ],
    queuedDemotions: Math.floor(random() * 200),
    ...(horizonDays === null ? {} : { horizon: new Date(now.getTime() + horizonDays * 86_400_000) }),
  };
}

function measure(label: string, inputs: ProjectionInput[]): void {
  const times: number[] = [];
  let points = 0;
  let crossings = 0;
  for (let run = 0; run < RUNS; run++) {
    points = 0;
    crossings = 0;
    const t0 = performance.now();
    for (const input of inputs) {
      const p = project(input);
      points += p.series.length;
      if (p.crossingDate !== null) crossings++;
    }
    times.push(performance.now() - t0);
  }
  const first = times[0] ?? 0;
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const verdict = median < TARGET_MS ? "OK" : "OVER TARGET";
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(1).padStart(6)} ms  (first run ${first.toFixed(1)} ms, best ${(sorted[0] ?? 0).toFixed(1)} ms)` +
      `  target < ${TARGET_MS} ms  ${verdict}\n${"".padEnd(44)} ${(inputs.length / (median / 1000)).toFixed(0)} portals/s, ${points} projected days, ${crossings} portals crossing`,
  );
}

const cpus = os.cpus();
console.log(`machine: ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`workload: ${PORTALS} portals x ${HISTORY_DAYS} days of history (90-day trend window), ${RUNS} runs;`);
console.log("the first run is cold: JIT warm-up and one-time ICU time-zone loading; the target applies to a warm process\n");
measure(
  `${PORTALS} portals, to each renewal date`,
  Array.from({ length: PORTALS }, (_, i) => portal(i, null)),
);
measure(
  `${PORTALS} portals, 365 days ahead (worst case)`,
  Array.from({ length: PORTALS }, (_, i) => portal(i, 365)),
);
