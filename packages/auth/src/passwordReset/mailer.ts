import { createTransport } from "nodemailer";
import type { MailMessage } from "./resetEmail";

/** Sends mail through the deployment's SMTP server (SMTP_URL), as SMTP_FROM. */
export function createMailer(settings: { smtpUrl: string; from: string }): (message: MailMessage) => Promise<void> {
  const transport = createTransport(settings.smtpUrl);
  return async (message) => {
    await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
  };
}
