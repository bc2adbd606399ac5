import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { SANDBOX_KEYS, type SandboxHub } from "./hubspotSandbox";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../apps/worker");

/** Resolves when the process has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/**
 * For tests that run the real worker as separate processes and kill them.
 * Starts `node --import tsx apps/worker/src/main.ts` processes against a test database and the
 * in-process sandbox, and remembers them so the suite can kill what is left at the end.
 */
export function workerProcesses(options: { databaseUrl: string; hub: Pick<SandboxHub, "sandbox" | "settings"> }) {
  const alive = new Set<ChildProcess>();
  return {
    /** `env` adds to or overrides the worker's settings (e.g. WORKER_ID). */
    start(env: Record<string, string> = {}): ChildProcess {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: workerDir,
        env: {
          ...process.env,
          DATABASE_URL: options.databaseUrl,
          HUBSPOT_API_BASE: options.hub.sandbox.url,
          HUBSPOT_CLIENT_ID: options.hub.settings.clientId,
          HUBSPOT_CLIENT_SECRET: options.hub.settings.clientSecret,
          MARKETABLE_ENCRYPTION_KEYS: SANDBOX_KEYS,
          // No shortened timings: a restarted worker (same host, so the same id) takes up its
          // killed predecessor's runs at once, and live workers notice a dead one by its lock.
          // The worker checks the deployment's settings at start (apps/worker/src/env.ts).
          AUTH_SECRET: "worker-process-test-secret-at-least-32-characters",
          MARKETABLE_ENV_FILE: "none",
          LOG_LEVEL: "warn",
          ...env,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      alive.add(child);
      child.once("exit", () => alive.delete(child));
      return child;
    },
    /** SIGKILL and wait: the process gets no chance to finish or record anything. */
    async kill(child: ChildProcess): Promise<void> {
      child.kill("SIGKILL");
      await exited(child);
    },
    /** SIGTERM and wait: a graceful stop (running syncs and status requests are handed back). */
    async stop(child: ChildProcess): Promise<void> {
      child.kill("SIGTERM");
      await exited(child);
    },
    async killAll(): Promise<void> {
      for (const child of alive) child.kill("SIGKILL");
      await Promise.all([...alive].map(exited));
    },
  };
}
