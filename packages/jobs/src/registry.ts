import { z } from "zod";

/** pg-boss 10 queue policies (see README: what each one allows per singleton key). */
export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

/** Queue-level defaults, stored in pg-boss's queue table so every sender gets the same ones. */
export interface QueueSettings {
  policy?: QueuePolicy;
  retryLimit?: number;
  /** Seconds between attempts (with `retryBackoff`, the base of an exponential delay). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** An active job older than this is failed (and retried) by maintenance: size it to the slowest run. */
  expireInSeconds?: number;
  retentionMinutes?: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Validated at send (the sender sees the error) and again at receive (rows written by older code). */
  schema: S;
  description: string;
  queue?: QueueSettings;
  /**
   * Derives the singleton key from the payload, so the web app and the worker can never disagree
   * on it (e.g. one sync per portal). Used when `send` is not given one explicitly.
   */
  singletonKey?(payload: z.output<S>): string;
}

export type JobRegistry = Record<string, JobDefinition>;
export type JobName<R extends JobRegistry> = keyof R & string;
/** What the handler receives (after parsing: defaults applied). */
export type JobPayload<R extends JobRegistry, N extends JobName<R>> = z.output<R[N]["schema"]>;
/** What a sender passes. */
export type JobInput<R extends JobRegistry, N extends JobName<R>> = z.input<R[N]["schema"]>;

/** Identity function that keeps each entry's schema type (so payloads stay typed per name). */
export function defineJobs<S extends Record<string, z.ZodType>>(registry: { [K in keyof S]: JobDefinition<S[K]> }): {
  [K in keyof S]: JobDefinition<S[K]>;
} {
  for (const name of Object.keys(registry)) {
    // pg-boss queue names allow letters, digits, dashes, underscores, dots and slashes.
    if (!/^[\w.\-/]+$/.test(name)) throw new Error(`Invalid job name "${name}"`);
  }
  return registry;
}

/** Thrown by `send`/`schedule` when a payload does not match its job's schema. */
export class JobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly issues: z.core.$ZodIssue[],
    pretty: string,
  ) {
    super(`Invalid payload for job "${jobName}":\n${pretty}`);
    this.name = "JobPayloadError";
  }
}

export function parsePayload<S extends z.ZodType>(jobName: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new JobPayloadError(jobName, result.error.issues, z.prettifyError(result.error));
  return result.data;
}
