import "server-only";

import { env } from "~/env";

import { createMailer, type MailMessage } from "@marketable/auth";

let cached: ((message: MailMessage) => Promise<void>) | undefined;

/** The SMTP sender, or null when SMTP_URL is not set (password reset by email is then off). */
export function mailer(): ((message: MailMessage) => Promise<void>) | null {
  const settings = env().mail;
  if (!settings) return null;
  cached ??= createMailer(settings);
  return cached;
}

/** Whether this deployment sends mail; pages say "ask the operator" when it does not. */
export function mailEnabled(): boolean {
  return env().mail !== null;
}
