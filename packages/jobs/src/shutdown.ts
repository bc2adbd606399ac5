import { logger as rootLogger, type Logger } from "@marketable/logger";

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  log?: Logger;
  /** Default: process.exit. Tests pass a spy. */
  exit?: (code: number) => void;
  /** Where signals arrive; default: process. */
  target?: NodeJS.EventEmitter;
}

/**
 * For a worker process: on the first SIGTERM/SIGINT run `stop` (e.g. a graceful queue stop, so
 * running jobs finish or are re-queued) and exit 0, or 1 if it failed; a second signal exits at
 * once. Returns a function that removes the listeners.
 */
export function installShutdownHandlers(stop: () => Promise<void>, options: ShutdownOptions = {}): () => void {
  const { signals = ["SIGTERM", "SIGINT"], log = rootLogger, exit = (code: number) => process.exit(code), target = process } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting without waiting");
      exit(1);
      return;
    }
    stopping = true;
    log.info({ signal }, "stopping: letting running jobs finish");
    stop().then(
      () => {
        log.info("stopped");
        exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "stop failed");
        exit(1);
      },
    );
  };
  for (const signal of signals) target.on(signal, onSignal);
  return () => {
    for (const signal of signals) target.off(signal, onSignal);
  };
}
