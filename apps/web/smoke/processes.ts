import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";

export interface Started {
  name: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

/** The pids whose parent is `pid` (Linux: read from /proc). */
export function childPids(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // After the command name: state, then the parent's pid.
        return (
          Number(
            fs
              .readFileSync(`/proc/${name}/stat`, "utf8")
              .replace(/^.*\) /, "")
              .split(" ")[1],
          ) === pid
        );
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

/**
 * The processes of one smoke run: each started with plain `node <file>.js` (no shell, no
 * TypeScript runner), its output kept for assertions and failure messages, and all of them
 * stopped at the end.
 */
export function processGroup(env: Record<string, string | undefined>) {
  const started: Started[] = [];
  return {
    start(name: string, script: string, extraEnv: Record<string, string | undefined> = {}): Started {
      const child = spawn(process.execPath, [script], {
        env: { ...env, ...extraEnv } as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const entry = { name, child, output: () => output };
      started.push(entry);
      return entry;
    },
    /** Runs a command to its end; throws with its output when it fails. */
    run(script: string, args: string[], extraEnv: Record<string, string | undefined> = {}): string {
      const result = spawnSync(process.execPath, [script, ...args], {
        env: { ...env, ...extraEnv } as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 120_000,
      });
      if (result.status !== 0)
        throw new Error(
          `node ${script} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`,
        );
      return result.stdout;
    },
    describe(): string {
      return started.map((s) => `--- ${s.name} (exit ${s.child.exitCode ?? "running"}) ---\n${s.output().slice(-4000)}`).join("\n");
    },
    async stopAll(): Promise<void> {
      await Promise.all(
        started.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
              const force = setTimeout(() => s.child.kill("SIGKILL"), 15_000);
              s.child.once("exit", () => {
                clearTimeout(force);
                resolve();
              });
              s.child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** What the kernel says a process runs: its executable and arguments (Linux). */
export function commandLine(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
}

export async function waitForUrl(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (!alive() || Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
