import type { MailMessage } from "../mail/mailer";

/** The reset email: plain text, so the link is the same in every mail client. */
export function resetEmail(to: string, link: string, ttlMs: number): MailMessage {
  const minutes = Math.round(ttlMs / 60_000);
  return {
    to,
    subject: "Reset your Marketable password",
    text: [
      "Someone (hopefully you) asked to reset the password of your Marketable account.",
      "",
      `Open this link to choose a new password. It works once, for ${minutes} minutes:`,
      link,
      "",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}
