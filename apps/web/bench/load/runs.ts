import os from "node:os";
import { performance } from "node:perf_hooks";

import autocannon from "autocannon";

// The two load models of the load bench (load.ts): the user model (think time) and the stress run.

export type PageName = "roll-up" | "portal billing" | "contacts" | "integrations";

export interface Page {
  name: PageName;
  path: (i: number) => string;
  /** Text only the real page has (not the sign-in page, not an error page). */
  marker: (i: number) => string;
}

export interface RunSettings {
  baseUrl: string;
  users: number;
  seconds: number;
  /** A person's mean reading time between pages; each pause is uniform in ±50 % of it. */
  thinkMs: number;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

export interface Run {
  latencies: Map<PageName, number[]>;
  wrong: Map<PageName, number>;
  /** Connection errors and timeouts (no answer at all). */
  failed: number;
  timeouts: number;
  loadBefore: string;
  loadAfter: string;
  firstWrong?: string;
}

/** Counts a wrong answer and keeps what the first one of each run looked like. */
function noteWrong(run: Run, page: PageName, status: number, body: string) {
  run.wrong.set(page, run.wrong.get(page)! + 1);
  // The page's error state names what failed; the server's message is generic, with a reference.
  const said = /(Could not load|Something went wrong|timeout)[^"<\\]*/i.exec(body)?.[0];
  run.firstWrong ??= `${page}: HTTP ${status}${said ? `, "${said}"` : ""}`;
}

const newRun = (pages: Page[]): Run => ({
  latencies: new Map(pages.map((p) => [p.name, []])),
  wrong: new Map(pages.map((p) => [p.name, 0])),
  failed: 0,
  timeouts: 0,
  loadBefore: loadAverage(),
  loadAfter: "",
});

/**
 * The user model: one loop per person, each loading its page in full (status and body checked)
 * and then pausing for the think time. People start at random moments within the first think time
 * so that they do not all arrive at once. A request that is still running at the end is counted.
 */
export async function runUsers(settings: RunSettings, pages: Page[], cookies: string[]): Promise<Run> {
  const run = newRun(pages);
  const endAt = performance.now() + settings.seconds * 1000;
  const think = () => settings.thinkMs * (0.5 + Math.random());
  const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
  await Promise.all(
    cookies.map(async (cookie, user) => {
      await sleep(Math.random() * settings.thinkMs);
      for (let step = 0; performance.now() < endAt; step++) {
        const page = pages[step % pages.length]!;
        const i = user * 31 + Math.floor(step / pages.length);
        const started = performance.now();
        try {
          const response = await fetch(`${settings.baseUrl}${page.path(i)}`, {
            headers: { cookie },
            redirect: "manual",
            signal: AbortSignal.timeout(30_000),
          });
          const body = await response.text();
          run.latencies.get(page.name)!.push(performance.now() - started);
          if (response.status !== 200 || !body.includes(page.marker(i))) noteWrong(run, page.name, response.status, body);
        } catch (error) {
          run.failed++;
          if (error instanceof Error && error.name === "TimeoutError") run.timeouts++;
        }
        await sleep(Math.min(think(), Math.max(0, endAt - performance.now())));
      }
    }),
  );
  run.loadAfter = loadAverage();
  return run;
}

/** The stress model: autocannon keeps every connection busy; each loops the four pages as one user. */
export async function runStress(settings: RunSettings, pages: Page[], cookies: string[]): Promise<Run> {
  const run = newRun(pages);
  let visit = 0;
  interface Visit {
    cookie?: string;
    i?: number;
    sentAt?: number;
  }
  const requests = pages.map((page, index) => ({
    method: "GET" as const,
    setupRequest: (request: autocannon.Request, context: Visit) => {
      // A visit (the four pages) is one user's: the context is reset at each loop.
      if (index === 0) {
        context.i = visit++;
        context.cookie = cookies[context.i % cookies.length];
      }
      context.sentAt = performance.now();
      return { ...request, path: page.path(context.i!), headers: { cookie: context.cookie! } };
    },
    onResponse: (status: number, body: string, context: Visit) => {
      run.latencies.get(page.name)!.push(performance.now() - context.sentAt!);
      if (status !== 200 || !body.includes(page.marker(context.i!))) noteWrong(run, page.name, status, body);
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: settings.baseUrl, connections: settings.users, duration: settings.seconds, timeout: 30, requests }, (error, done) =>
      error ? reject(error as Error) : resolve(done),
    );
  });
  // autocannon's `errors` counts connection errors, timeouts included.
  run.failed = result.errors;
  run.timeouts = result.timeouts;
  run.loadAfter = loadAverage();
  return run;
}
