/**
 * The settings read outside the validated server environment (env.ts): the proxy runs before it
 * is loaded, and the shutdown handler must know how Next itself was started.
 */
export const runtimeEnv = {
  /** The public address; https turns HSTS on. Read at run time: one image serves http and https. */
  appUrl: () => process.env.APP_URL,
  /** Set by `npm start`: Next leaves SIGINT/SIGTERM to our handler. */
  nextManualSignalHandling: () => Boolean(process.env.NEXT_MANUAL_SIG_HANDLE),
};
