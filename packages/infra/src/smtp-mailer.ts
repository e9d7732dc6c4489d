import type { Mailer } from '@outpost/core';
import nodemailer from 'nodemailer';

/** Sends mail through the SMTP server in SMTP_URL (smtp://user:pass@host:587 or smtps://…). */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}
