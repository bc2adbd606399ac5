import { randomUUID } from "node:crypto";

import pino, { type Logger } from "pino";

import { humanStream } from "./humanStream";
import { loggerSettingsFromEnv, type LoggerSettings } from "./loggerEnv";

export type { Logger, LoggerSettings };
export { loggerSettingsFromEnv };

/**
 * Structured JSON logs on stdout, one line an event. Children carry a `requestId` (web) or a
 * `jobId` (worker) so that one request's or job's lines can be found together.
 */
export function createLogger(settings: LoggerSettings): Logger {
  return pino(
    {
      level: settings.level,
      base: { service: settings.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Secrets never belong in logs; these paths are redacted should one slip into a log call.
      redact: ["*.password", "*.passwordHash", "*.accessToken", "*.refreshToken", "*.token", "*.clientSecret"],
    },
    settings.human ? humanStream() : undefined,
  );
}

/** The process's logger, from the environment's settings (loggerEnv.ts). */
export const logger: Logger = createLogger(loggerSettingsFromEnv());

export function newRequestId(): string {
  return randomUUID();
}

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
