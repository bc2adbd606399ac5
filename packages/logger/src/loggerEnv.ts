/** The logger's settings, read from the environment once, when the logger is built. */
export interface LoggerSettings {
  level: string;
  /** Readable lines for a developer's terminal instead of JSON. */
  human: boolean;
  service: string;
}

/**
 * JSON lines in production (and tests); a developer's terminal (`next dev`, or no NODE_ENV on a
 * TTY) gets readable lines. `LOG_LEVEL` overrides the level; tests are silent by default.
 */
export function loggerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LoggerSettings {
  return {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    human: env.NODE_ENV === "development" || (!env.NODE_ENV && process.stdout.isTTY === true),
    service: env.MARKETABLE_SERVICE ?? "marketable",
  };
}
