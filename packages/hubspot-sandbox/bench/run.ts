/**
 * `pnpm bench`: demo agency generation, 2-million-contact and fleet (5 million) generation (time and memory) and
 * list-page latency with rate limits off, each beside its target, plus the machine.
 */
import { cpus, totalmem } from "node:os";

import { generateAgency } from "../src/generator/demo";
import { startSandbox } from "../src/index";
import { SandboxState } from "../src/state/sandboxState";

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean): string => (ok ? "PASS" : "MISS");

const cpu = cpus()[0]?.model ?? "unknown";
console.log(`Machine: ${cpu}, ${cpus().length} cores, ${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, node ${process.version}`);
console.log("");

const rows: string[][] = [["measure", "result", "target", ""]];

// 1. Demo agency.
{
  const state = new SandboxState(42, Date.UTC(2026, 5, 1));
  const g = generateAgency(state, "demo");
  const rate = g.contacts / (g.ms / 1000);
  rows.push([
    "demo agency generation",
    `${fmt(g.ms)} ms (${g.portals} portals, ${fmt(g.contacts)} contacts, ${fmt(rate)} contacts/s)`,
    ">= 200,000 contacts/s",
    verdict(rate >= 200_000),
  ]);
}

// 2. Two million contacts.
{
  const before = heapMb();
  const state = new SandboxState(42, Date.UTC(2026, 5, 1));
  const g = generateAgency(state, "large");
  const after = heapMb();
  const rate = g.contacts / (g.ms / 1000);
  rows.push([
    "large preset generation",
    `${fmt(g.ms)} ms (${fmt(g.contacts)} contacts, ${fmt(rate)} contacts/s)`,
    ">= 200,000 contacts/s",
    verdict(rate >= 200_000),
  ]);
  const perContact = ((after - before) * 1024 * 1024) / g.contacts;
  rows.push([
    "large preset memory",
    `${fmt(after - before)} MiB heap (${fmt(perContact)} bytes/contact)${gc ? "" : " (no --expose-gc: approximate)"}`,
    "report",
    "",
  ]);
  void state;
}

// 2b. The fleet preset: 500 client portals, about 5 million contacts.
{
  const before = heapMb();
  const state = new SandboxState(42, Date.UTC(2026, 5, 1));
  const g = generateAgency(state, "fleet");
  const after = heapMb();
  const rate = g.contacts / (g.ms / 1000);
  rows.push([
    "fleet preset generation",
    `${fmt(g.ms)} ms (${g.portals} portals, ${fmt(g.contacts)} contacts, ${fmt(rate)} contacts/s)`,
    ">= 200,000 contacts/s",
    verdict(rate >= 200_000),
  ]);
  rows.push([
    "fleet preset memory",
    `${fmt(after - before)} MiB heap (${fmt(((after - before) * 1024 * 1024) / g.contacts)} bytes/contact)`,
    "report",
    "",
  ]);
  void state;
}

// 3. List pages over HTTP, limits off, largest demo portal.
{
  const sandbox = await startSandbox({ preset: "demo", limits: false, seed: 42 });
  const portal = sandbox.admin.listPortals().sort((a, b) => b.contacts - a.contacts)[0]!;
  const headers = { authorization: `Bearer ${portal.token}` };
  const props = "properties=email&properties=hs_marketable_status&properties=hs_object_source&properties=hs_object_source_id";
  const fetchPage = async (after?: string): Promise<string | undefined> => {
    const res = await fetch(`${sandbox.url}/crm/v3/objects/contacts?limit=100&${props}${after ? `&after=${after}` : ""}`, { headers });
    const body = (await res.json()) as { results: unknown[]; paging?: { next?: { after: string } } };
    if (body.results.length !== 100) throw new Error(`short page: ${body.results.length}`);
    return body.paging?.next?.after;
  };
  for (let i = 0, a: string | undefined; i < 100; i++) a = await fetchPage(a); // warm up
  const times: number[] = [];
  let after: string | undefined;
  const started = performance.now();
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    after = await fetchPage(after);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  rows.push([
    "100-contact page, sequential",
    `median ${fmt(median, 2)} ms, p95 ${fmt(p95, 2)} ms, ${fmt(2000 / (total / 1000))} pages/s (${fmt((2000 * 100) / (total / 1000))} contacts/s)`,
    "median < 5 ms",
    verdict(median < 5),
  ]);
  await sandbox.close();
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
