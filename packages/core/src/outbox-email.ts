import type { Database } from '@outpost/db';
import { defaultLocale, isLocale, type Params, translate, withDaysFormatted } from '@outpost/i18n';
import { type DeliveryReport, deliverBatch } from './outbox-claim.ts';
import type { Mailer } from './ports.ts';

/** `payload.kind` of an e-mail row (written by `queueEmail`). */
export const EMAIL_KIND = 'email';

export interface EmailDeliverOptions {
  /** Base URL of the portal; an e-mail's link is a path below it. */
  publicUrl: string;
  batchSize?: number;
  /** The clock, for tests that move time; defaults to the real one. */
  now?: Date;
}

/**
 * Sends every due pending e-mail row through the mailer, with the same claiming,
 * backoff and dead-letter policy as Slack rows. Without a mailer (no SMTP_URL) it
 * touches nothing: rows wait until one is configured.
 */
export async function deliverDueEmail(
  db: Database,
  mailer: Mailer | null,
  options: EmailDeliverOptions,
): Promise<DeliveryReport> {
  if (!mailer) return { claimed: 0, sent: 0, skipped: 0, retrying: 0, dead: 0 };
  return deliverBatch(
    db,
    { channel: 'email', now: options.now ?? new Date(), batchSize: options.batchSize ?? 20 },
    async (row) => {
      if (!row.target) return { skip: 'no recipient address' };
      const email = renderEmail(row.payload, options.publicUrl);
      if (!email) return { skip: 'malformed payload: no subject or body' };
      await mailer.send({ to: row.target, ...email });
      return { sent: true };
    },
  );
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * An outbox e-mail in its recipient's language: the body, then the absolute link on
 * a line of its own (plain-text readers and link scanners both find it), and a
 * minimal HTML alternative with the same content.
 */
export function renderEmail(payload: Record<string, unknown>, publicUrl: string): RenderedEmail | null {
  const { subject, body } = payload;
  if (typeof subject !== 'string' || typeof body !== 'string' || !subject || !body) return null;
  const locale = isLocale(payload.locale) ? payload.locale : defaultLocale;
  // A parameter that is a calendar day reads as one in the recipient's language ("2026年12月12日").
  const params = withDaysFormatted(
    locale,
    payload.params && typeof payload.params === 'object' ? (payload.params as Params) : {},
  );
  const link = typeof payload.link === 'string' ? absoluteLink(publicUrl, payload.link) : null;
  // A subject is one header line: a newline in a parameter must not start another header.
  const renderedSubject = translate(locale, subject, params).replace(/[\r\n]+/g, ' ');
  const renderedBody = translate(locale, body, params);
  const openLabel = translate(locale, 'notify.open');
  const text = link
    ? `${renderedBody}\n\n${translate(locale, 'email.openLink', { url: link })}\n`
    : `${renderedBody}\n`;
  const paragraphs = renderedBody
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><body>`,
    paragraphs,
    link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(openLabel)}</a><br>${escapeHtml(link)}</p>` : '',
    '</body></html>',
  ].join('\n');
  return { subject: renderedSubject, text, html };
}

/** Only paths below the portal become links (the rule of `outpostUrl`): a payload cannot send people elsewhere. */
function absoluteLink(publicUrl: string, link: string): string | null {
  if (!link.startsWith('/') || link.startsWith('//')) return null;
  return `${publicUrl.replace(/\/$/, '')}${link}`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
