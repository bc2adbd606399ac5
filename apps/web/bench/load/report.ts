import fs from "node:fs";

import type { Run } from "./runs";

// The load bench's figures: percentiles, the server's CPU, and one run's report.

/** CPU time (user + system, ms) used so far by a process and its descendants (Linux /proc), else NaN. */
export function treeCpuMs(rootPid: number): number {
  try {
    const ticks = 100; // USER_HZ, 100 on Linux
    const stats = fs
      .readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          // Fields after the command name: state ppid … utime (14th field) stime (15th).
          const fields = fs
            .readFileSync(`/proc/${pid}/stat`, "utf8")
            .replace(/^.*\) /, "")
            .split(" ");
          return [{ pid: Number(pid), ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return [];
        }
      });
    const inTree = new Set([rootPid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const st of stats) {
        if (inTree.has(st.pid) || !inTree.has(st.ppid)) continue;
        inTree.add(st.pid);
        grew = true;
      }
    }
    return (stats.filter((st) => inTree.has(st.pid)).reduce((sum, st) => sum + st.cpu, 0) / ticks) * 1000;
  } catch {
    return Number.NaN;
  }
}

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
export const ms = (n: number) => (Number.isNaN(n) ? "    — ms" : `${n.toFixed(0).padStart(5)} ms`);

export function report(title: string, run: Run, judged: boolean, target: { p99Ms: number; errors: number }, seconds: number) {
  const all = [...run.latencies.values()].flat().sort((a, b) => a - b);
  const wrongTotal = [...run.wrong.values()].reduce((a, b) => a + b, 0);
  const errors = wrongTotal + run.failed;
  const p99 = pct(all, 99);
  const met = p99 < target.p99Ms && errors === target.errors;
  console.log(title);
  console.log(
    `  all pages       p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}  p99 ${ms(p99)}  ${(all.length / seconds).toFixed(1)} pages/s (${all.length} answers)  errors ${errors}` +
      ` (wrong status or page ${wrongTotal}, no answer ${run.failed} of which timeouts ${run.timeouts})` +
      (judged ? `  target p99 < ${target.p99Ms} ms, ${target.errors} errors  ${met ? "met" : "MISSED"}` : "") +
      `  load average ${run.loadBefore} before, ${run.loadAfter} after`,
  );
  if (run.firstWrong) console.log(`  first wrong answer: ${run.firstWrong}`);
  for (const [name, xs] of run.latencies) {
    xs.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(14)}  p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  p99 ${ms(pct(xs, 99))}  ${xs.length} answers, ${run.wrong.get(name)} wrong`,
    );
  }
}
