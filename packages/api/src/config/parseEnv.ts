import type { z } from "zod";

import { ConfigError } from "@marketable/db/config";

/**
 * Parses the environment with a process's schema; a failure becomes one ConfigError line naming
 * each variable that is wrong ("APP_URL: Invalid URL; WORKER_CONCURRENCY: …"), never zod's JSON.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems.join("; "));
}
