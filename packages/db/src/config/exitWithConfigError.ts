import { ConfigError } from "./databaseUrl";

/**
 * Ends a process that cannot start, with one line on stderr naming what is missing or wrong
 * (and a non-zero code), instead of a stack trace or a server that answers 500. Anything that
 * is not a ConfigError is a bug and keeps its stack.
 */
export function exitWithConfigError(error: unknown, prefix: string): never {
  if (error instanceof ConfigError) console.error(`${prefix}: ${error.message}`);
  else console.error(error);
  process.exit(1);
}
