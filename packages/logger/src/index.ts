import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { humanStream } from "./humanStream";

export type { Logger };

/**
 * JSON lines only in production (and tests); a developer's terminal (`next dev`, or no NODE_ENV
 * on a TTY) gets readable lines instead.
 */
const human = process.env.NODE_ENV === "development" || (!process.env.NODE_ENV && process.stdout.isTTY === true);

/**
 * Structured JSON logs on stdout, one line an event. Children carry a `requestId` (web) or a
 * `jobId` (worker) so that one request's or job's lines can be found together.
 */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: process.env.MARKETABLE_SERVICE ?? "marketable" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  // Secrets never belong in logs; these paths are redacted should one slip into a log call.
  redact: ["*.password", "*.passwordHash", "*.accessToken", "*.refreshToken", "*.token", "*.clientSecret"],
}, human ? humanStream() : undefined);

export function newRequestId(): string {
  return randomUUID();
}

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
