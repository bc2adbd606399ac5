import { createTransport } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (message: MailMessage) => Promise<void>;

/**
 * Sends mail through the deployment's SMTP server (SMTP_URL), as SMTP_FROM: password resets
 * (web) and status-request notifications (web and worker processes).
 */
export function createMailer(settings: { smtpUrl: string; from: string }): SendMail {
  const transport = createTransport(settings.smtpUrl);
  return async (message) => {
    await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
  };
}
