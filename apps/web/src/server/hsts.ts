import { runtimeEnv } from "./runtimeEnv";

/**
 * Strict-Transport-Security, decided by the runtime APP_URL: an image built once may be served
 * over http on a laptop and over https in production, so this cannot be a build-time header.
 */
export function hstsHeader(appUrl = runtimeEnv.appUrl()): string | null {
  return appUrl?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}
