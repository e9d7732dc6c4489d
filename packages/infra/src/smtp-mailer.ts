import type { Mailer } from '@outpost/core';
import nodemailer from 'nodemailer';

/** Sends mail through the SMTP server in SMTP_URL (smtp://user:pass@host:587 or smtps://…). */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  // Timeouts well under the outbox lease (2 min), so a hung server fails the attempt
  // (and it is retried) instead of outliving the lease and being sent twice.
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}
